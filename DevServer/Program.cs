using System.Runtime.InteropServices;
using FoodDelivery.DevServer;
using FoodDelivery.DevServer.Bench;

// The DevServer executable: `--port 7233 [--namespace default] [--time-skipping] [--db-filename engine.db]`, or `bench`.
if (args.Length > 0 && args[0] == "bench")
{
    return await Benchmark.RunAsync(args[1..]);
}

if (!CommandLine.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine($"devserver: {error} (usage: --port <0-65535> [--namespace <name>] [--time-skipping] [--db-filename <file>] | bench)");
    return 2;
}

TemporalDevServer server;
try
{
    server = await TemporalDevServer.StartAsync(options);
}
catch (DevServerFileException e)
{
    Console.Error.WriteLine($"devserver: {e.Message}");
    return 1;
}

await using var serverScope = server;
var storage = options.DbFileName is { } file ? $", state in '{Path.GetFullPath(file)}'" : "";
Console.WriteLine($"DevServer listening on {server.TargetHost}, namespace '{server.Namespace}'{storage}. Ctrl+C stops it.");

var stop = new TaskCompletionSource();
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using (PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop))
using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop))
{
    await stop.Task;
}

Console.WriteLine("DevServer stopped.");
return 0;
