using System.Diagnostics;
using System.Globalization;

namespace FoodDelivery.Bench;

/// <summary>This process's CPU time and memory, and the machine's load (everything runs in this one process).</summary>
public static class ProcessMeter
{
    public static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Resident set size now, in MB.</summary>
    public static double RssMb()
    {
        using var self = Process.GetCurrentProcess();
        return Mb(self.WorkingSet64);
    }

    /// <summary>The highest resident set size since the process started (Linux: VmHWM), in MB.</summary>
    public static double PeakRssMb()
    {
        using var self = Process.GetCurrentProcess();
        return Mb(self.PeakWorkingSet64);
    }

    /// <summary>The 1-minute load average (Linux /proc/loadavg); null where it cannot be read.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static double Mb(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);
}
