namespace FoodDelivery.Simulator.Tests.Support;

/// <summary>Waits for a condition by asking again until a generous deadline (never a fixed sleep).</summary>
public static class Polling
{
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Orders.Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
