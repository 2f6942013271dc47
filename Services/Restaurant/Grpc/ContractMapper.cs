using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Restaurant.Domain;
using Google.Protobuf.WellKnownTypes;
using Proto = FoodDelivery.Contracts.Restaurant.V1;

namespace FoodDelivery.Restaurant.Grpc;

/// <summary>Entities to wire messages.</summary>
public static class ContractMapper
{
    public static Proto.Restaurant ToContract(this RestaurantEntity restaurant)
    {
        ArgumentNullException.ThrowIfNull(restaurant);
        return new Proto.Restaurant
        {
            RestaurantId = restaurant.Id,
            Name = restaurant.Name,
            Address = new Address
            {
                Street = restaurant.Street,
                City = restaurant.City,
                PostalCode = restaurant.PostalCode,
                Country = restaurant.Country,
            },
        };
    }

    public static Proto.MenuItem ToContract(this MenuItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new Proto.MenuItem
        {
            ItemId = item.Id,
            RestaurantId = item.RestaurantId,
            Name = item.Name,
            Price = new Money { AmountMinor = item.PriceMinor, Currency = item.Currency },
            Available = item.Available,
            Held = item.Held,
            Consumed = item.Consumed,
            InitialStock = item.InitialStock,
            Active = item.Active,
        };
    }

    public static Proto.Reservation ToContract(this Reservation reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var contract = new Proto.Reservation
        {
            OrderId = reservation.OrderId,
            RestaurantId = reservation.RestaurantId ?? string.Empty,
            Status = reservation.Status switch
            {
                ReservationStatus.Held => Proto.ReservationStatus.Held,
                ReservationStatus.Confirmed => Proto.ReservationStatus.Confirmed,
                ReservationStatus.Released => Proto.ReservationStatus.Released,
                ReservationStatus.Expired => Proto.ReservationStatus.Expired,
                _ => Proto.ReservationStatus.Unspecified,
            },
            UpdatedAt = Timestamp.FromDateTime(reservation.UpdatedAt),
            Tombstone = reservation.Tombstone,
        };
        if (reservation.ExpiresAt is { } expiresAt)
        {
            contract.ExpiresAt = Timestamp.FromDateTime(expiresAt);
        }

        foreach (var line in reservation.Lines.OrderBy(l => l.MenuItemId, StringComparer.Ordinal))
        {
            contract.Items.Add(new Proto.ReservedItem
            {
                ItemId = line.MenuItemId,
                Name = line.ItemName,
                Quantity = line.Quantity,
                UnitPrice = new Money { AmountMinor = line.UnitPriceMinor, Currency = line.Currency },
            });
        }

        if (reservation.Lines.Count > 0)
        {
            contract.Total = new Money { AmountMinor = reservation.TotalMinor, Currency = reservation.Lines[0].Currency };
        }

        return contract;
    }
}
