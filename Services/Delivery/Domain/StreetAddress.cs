namespace FoodDelivery.Delivery.Domain;

/// <summary>A pickup or drop-off address, stored as columns of the assignment row.</summary>
public sealed record StreetAddress(string Street, string City, string PostalCode, string Country);
