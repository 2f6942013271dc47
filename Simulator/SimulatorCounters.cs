namespace FoodDelivery.Simulator;

/// <summary>What the simulator has done so far (successful reports only; expected races are not counted).</summary>
public sealed record SimulatorCounters(long Accepted, long Rejected, long PickedUp, long Delivered, long Stalled, int Following);

/// <summary>Thread-safe tallies behind <see cref="SimulatorCounters"/>.</summary>
internal sealed class SimulatorTally
{
    private long _accepted;
    private long _rejected;
    private long _pickedUp;
    private long _delivered;
    private long _stalled;

    public void Accepted() => Interlocked.Increment(ref _accepted);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    public void PickedUp() => Interlocked.Increment(ref _pickedUp);

    public void Delivered() => Interlocked.Increment(ref _delivered);

    public void Stalled() => Interlocked.Increment(ref _stalled);

    public SimulatorCounters Snapshot(int following) => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _pickedUp),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _stalled),
        following);
}
