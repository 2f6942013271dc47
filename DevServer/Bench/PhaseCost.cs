using System.Diagnostics;

namespace FoodDelivery.DevServer.Bench;

/// <summary>
/// Process CPU time and managed allocations spent since a phase began. Per workflow they are the benchmark's stable
/// figures on a shared machine, where wall-clock throughput and latency depend on what else runs. With a separate
/// engine process (`--engine-pid`), that process's CPU time is counted apart, so the engine's own cost is visible.
/// </summary>
internal sealed class PhaseCost
{
    private readonly int? _enginePid;
    private readonly TimeSpan _cpuAtStart;
    private readonly TimeSpan _engineCpuAtStart;
    private readonly long _allocatedAtStart;

    private PhaseCost(int? enginePid)
    {
        _enginePid = enginePid;
        _cpuAtStart = CpuTime(null);
        _engineCpuAtStart = enginePid is null ? TimeSpan.Zero : CpuTime(enginePid);
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: false);
    }

    /// <param name="enginePid">The separate engine process, or null when the engine runs in this process.</param>
    public static PhaseCost Start(int? enginePid) => new(enginePid);

    /// <summary>
    /// "CPU x ms, y KB allocated per workflow" for the <paramref name="workflows"/> run since the start; with a
    /// separate engine, its CPU per workflow follows.
    /// </summary>
    public string PerWorkflow(int workflows)
    {
        var cpuMs = (CpuTime(null) - _cpuAtStart).TotalMilliseconds / workflows;
        var allocatedKb = (GC.GetTotalAllocatedBytes(precise: false) - _allocatedAtStart) / 1024.0 / workflows;
        var figures = $"CPU {cpuMs:F2} ms, {allocatedKb:F0} KB allocated per workflow";
        if (_enginePid is { } pid)
        {
            var engineMs = (CpuTime(pid) - _engineCpuAtStart).TotalMilliseconds / workflows;
            figures = $"client and worker: {figures}; engine process {pid}: CPU {engineMs:F2} ms per workflow";
        }

        return figures;
    }

    private static TimeSpan CpuTime(int? pid)
    {
        using var process = pid is { } id ? Process.GetProcessById(id) : Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
