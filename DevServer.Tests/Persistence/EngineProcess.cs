using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FoodDelivery.DevServer.Tests.Persistence;

/// <summary>
/// The DevServer executable as a child process on a fixed loopback port with an engine file, so a test can kill it
/// (SIGKILL, no graceful stop) and start it again on the same file and port while its client and worker keep running.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    public EngineProcess(string dbFileName, params string[] extraArgs)
    {
        DbFileName = dbFileName;
        ExtraArgs = extraArgs;
        Port = FreePort();
    }

    public string DbFileName { get; }

    public int Port { get; }

    public string TargetHost => $"127.0.0.1:{Port}";

    private string[] ExtraArgs { get; }

    /// <summary>Everything the engine wrote to stderr so far (for failure messages).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the engine and waits for its banner (it listens then).</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("the engine runs already");
        }

        _process?.Dispose();
        _process = StartExecutable(["--port", Port.ToString(CultureInfo.InvariantCulture), "--db-filename", DbFileName, .. ExtraArgs]);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        var banner = await _process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
        if (banner is null || !banner.StartsWith("DevServer listening", StringComparison.Ordinal))
        {
            await _process.WaitForExitAsync().WaitAsync(StartTimeout);
            throw new InvalidOperationException($"the engine did not start (exit {_process.ExitCode}): {Stderr}");
        }

        _ = _process.StandardOutput.ReadToEndAsync();
    }

    /// <summary>Kills the engine at once (SIGKILL): no shutdown code runs, whatever it was writing stays half-done.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(StartTimeout);
        }
    }

    public async Task RestartAfterKillAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    /// <summary>Runs the executable to its end with the given arguments: (exit code, stdout, stderr).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(params string[] args)
    {
        using var process = StartExecutable(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(StartTimeout)) != exited)
        {
            process.Kill();
            throw new TimeoutException($"the engine did not exit: {await stdout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static Process StartExecutable(string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(TemporalDevServer).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
