using System.Diagnostics;
using System.Globalization;
using FoodDelivery.Composition;
using FoodDelivery.Orchestrator.Hosting;

namespace FoodDelivery.LocalStack;

/// <summary>
/// The saga worker as its own process: the Orchestrator executable, configured like <see cref="SagaWorkerHost"/>'s
/// in-process worker (the in-process services' addresses, the engine, the payload keys and the stack's settings, so
/// the same auth keys), so it can be killed with SIGKILL mid-work and a new one started. Everything it prints goes
/// to a log file (appended, one header line per process).
/// </summary>
public sealed class SagaWorkerProcess : IAsyncDisposable
{
    /// <summary>What the Orchestrator prints once its configuration is valid and the worker host starts.</summary>
    private const string StartedLine = "orchestrator: worker on task queue";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _killed;
    private bool _logClosed;
    private bool _disposed;

    private SagaWorkerProcess(Process process, StreamWriter log, string logFile)
    {
        _process = process;
        Pid = process.Id;
        _log = log;
        LogFile = logFile;
    }

    /// <summary>The worker's process id. Temporal's default worker identity is "&lt;pid&gt;@&lt;host&gt;".</summary>
    public int Pid { get; }

    /// <summary>How every task this process takes is marked in the engine (its worker identity starts with it).</summary>
    public string IdentityPrefix => Pid.ToString(CultureInfo.InvariantCulture) + "@";

    public string LogFile { get; }

    /// <summary>The process ended by itself (not by <see cref="KillAsync"/>): a crash, or a refused configuration.</summary>
    public bool ExitedOnItsOwn => !_killed && !_disposed && _process.HasExited;

    public int? ExitCode => !_disposed && _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts the worker and returns once it printed its start line (its configuration was accepted and the worker
    /// host runs); throws with the log's path when it exits first or stays silent.
    /// </summary>
    public static async Task<SagaWorkerProcess> StartAsync(
        FoodDeliveryServices services,
        TemporalOptions temporal,
        IDictionary<string, string?>? settings,
        string logFile,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(temporal);
        var start = StartInfo(services, temporal, settings ?? new Dictionary<string, string?>(), Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        }
        catch
        {
            await log.DisposeAsync();
            throw;
        }

        var worker = new SagaWorkerProcess(process, log, Path.GetFullPath(logFile));
        worker.Write($"==> worker process {worker.Pid} started {DateTime.UtcNow:O}: {start.FileName} {string.Join(' ', start.ArgumentList)}");
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data, string.Empty);
        process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data, "[stderr] ");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += worker.KillOnExit;
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(worker._started.Task, exited).WaitAsync(StartTimeout, cancellationToken);
            if (first != worker._started.Task)
            {
                throw new InvalidOperationException($"the worker process exited with code {process.ExitCode} before it started; see {worker.LogFile}");
            }

            return worker;
        }
        catch (TimeoutException ex)
        {
            await worker.DisposeAsync();
            throw new TimeoutException($"the worker process did not start within {StartTimeout.TotalSeconds:0} s; see {worker.LogFile}", ex);
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL to the worker (and anything it started): no shutdown code runs, whatever it held stays held in the engine.</summary>
    public async Task KillAsync()
    {
        if (_disposed || _process.HasExited)
        {
            return;
        }

        _killed = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }

        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        Write($"==> worker process {Pid} killed (SIGKILL) {DateTime.UtcNow:O}");
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        await KillAsync();
        _disposed = true;
        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
        }

        await _log.DisposeAsync();
    }

    /// <summary>
    /// Runs the Orchestrator's dll beside this program's (LocalStack references it) with this program's dependency
    /// manifest and runtime settings: its own manifest, copied beside ours, names package assemblies that our build
    /// replaced with the shared framework's, so `dotnet FoodDelivery.Orchestrator.dll` would not load here.
    /// </summary>
    private static ProcessStartInfo StartInfo(
        FoodDeliveryServices services, TemporalOptions temporal, IDictionary<string, string?> settings, string workingDirectory)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The log's folder as content root, not wherever this program runs: no stray appsettings.json is read.
            WorkingDirectory = workingDirectory,
        };
        var orchestrator = typeof(TemporalOptions).Assembly.Location;
        var deps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';')[0];
        var runtimeConfig = deps?.Replace(".deps.json", ".runtimeconfig.json", StringComparison.Ordinal);
        if (deps is not null && File.Exists(deps) && File.Exists(runtimeConfig))
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(deps);
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(runtimeConfig);
        }

        start.ArgumentList.Add(orchestrator);

        // Only what this stack says: nothing about Temporal, services or keys inherited from the machine.
        foreach (var key in start.Environment.Keys.Where(IsInheritedSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in Configuration(services, temporal, settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>What the in-process worker gets (<see cref="SagaWorkerHost"/>), as the Orchestrator reads it.</summary>
    private static Dictionary<string, string> Configuration(
        FoodDeliveryServices services, TemporalOptions temporal, IDictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // A development system: its keys are the development ones unless the settings below name others.
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["TEMPORAL_ADDRESS"] = temporal.Address ?? throw new InvalidOperationException("the stack has no Temporal address"),
            ["TEMPORAL_NAMESPACE"] = temporal.Namespace,
            ["TEMPORAL_TASK_QUEUE"] = temporal.TaskQueue,
            ["Services:Order"] = services.Order.Address.ToString(),
            ["Services:Payment"] = services.Payment.Address.ToString(),
            ["Services:Restaurant"] = services.Restaurant.Address.ToString(),
            ["Services:Delivery"] = services.Delivery.Address.ToString(),
        };
        foreach (var (key, value) in temporal.Encryption.ToSettings().Concat(settings))
        {
            if (value is not null)
            {
                configuration[key] = value;
            }
        }

        return configuration;
    }

    private static bool IsInheritedSetting(string key) =>
        key is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT"
        || new[] { "TEMPORAL_", "Temporal__", "Services__", "Auth__", "Saga__", "FaultInjection__" }
            .Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The dotnet host running this program, else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void OnLine(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        Write(prefix + line);
        if (line.StartsWith(StartedLine, StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }

    private void Write(string line)
    {
        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    /// <summary>A worker never outlives the program that started it, even when that program ends without disposing it.</summary>
    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }
}
