using Microsoft.Extensions.Options;

namespace FoodDelivery.Restaurant.Reservations;

/// <summary>
/// Runs <see cref="HoldExpirySweeper"/> every <see cref="RestaurantOptions.ExpirySweepInterval"/>, on the injected
/// <see cref="TimeProvider"/> so tests move it with a fake clock. A failed sweep is logged and the next tick tries again.
/// </summary>
public sealed partial class HoldExpiryService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<RestaurantOptions> options, ILogger<HoldExpiryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var expired = await scope.ServiceProvider.GetRequiredService<HoldExpirySweeper>().SweepAsync(stoppingToken);
            if (expired > 0)
            {
                LogExpired(logger, expired);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} stock holds and gave their stock back")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hold expiry sweep failed; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
