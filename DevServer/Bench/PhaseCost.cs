using System.Diagnostics;

namespace FoodDelivery.DevServer.Bench;

/// <summary>
/// Process CPU time and managed allocations spent since a phase began. Per workflow they are the benchmark's stable
/// figures on a shared machine, where wall-clock throughput and latency depend on what else runs.
/// </summary>
internal sealed class PhaseCost
{
    private readonly TimeSpan _cpuAtStart;
    private readonly long _allocatedAtStart;

    private PhaseCost(TimeSpan cpuAtStart, long allocatedAtStart)
    {
        _cpuAtStart = cpuAtStart;
        _allocatedAtStart = allocatedAtStart;
    }

    public static PhaseCost Start() => new(CpuTime(), GC.GetTotalAllocatedBytes(precise: false));

    /// <summary>"CPU x ms, y KB allocated per workflow" for the <paramref name="workflows"/> run since the start.</summary>
    public string PerWorkflow(int workflows)
    {
        var cpuMs = (CpuTime() - _cpuAtStart).TotalMilliseconds / workflows;
        var allocatedKb = (GC.GetTotalAllocatedBytes(precise: false) - _allocatedAtStart) / 1024.0 / workflows;
        return $"CPU {cpuMs:F2} ms, {allocatedKb:F0} KB allocated per workflow";
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
