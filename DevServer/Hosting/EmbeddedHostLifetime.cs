namespace FoodDelivery.DevServer.Hosting;

/// <summary>
/// The embedded host reacts to no process signals: the process that embeds the DevServer (a test run, the
/// executable's Program) decides when to stop it, by disposing it.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
