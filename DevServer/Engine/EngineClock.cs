namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// The engine's notion of "now": real time plus an offset that only ever grows. Virtual time (time skipping and
/// explicit advances) moves the offset forward, so timestamps stay monotonic and real durations still pass normally.
/// </summary>
internal sealed class EngineClock
{
    private long _offsetTicks;

    public DateTime UtcNow => DateTime.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by > TimeSpan.Zero)
        {
            Interlocked.Add(ref _offsetTicks, by.Ticks);
        }
    }
}
