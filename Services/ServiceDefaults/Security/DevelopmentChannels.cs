using Grpc.Core;
using Grpc.Core.Interceptors;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>The one-liner for tools and test fixtures: a channel whose calls carry development tokens (<see cref="DevelopmentCallers"/>).</summary>
public static class DevelopmentChannels
{
    /// <summary>Calls on <paramref name="channel"/> signed as each request's party, with the public development keys.</summary>
    public static CallInvoker WithDevelopmentTokens(this ChannelBase channel) =>
        channel.Intercept(DevelopmentCallers.Default.Interceptor());

    /// <summary>Calls on <paramref name="channel"/> signed by <paramref name="callers"/> (e.g. with configured keys).</summary>
    public static CallInvoker WithDevelopmentTokens(this ChannelBase channel, DevelopmentCallers callers)
    {
        ArgumentNullException.ThrowIfNull(callers);
        return channel.Intercept(callers.Interceptor());
    }
}
