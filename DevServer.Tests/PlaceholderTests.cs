namespace FoodDelivery.DevServer.Tests;

public class PlaceholderTests
{
}
