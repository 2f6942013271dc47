using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>
/// The wire-level property shared by every service: random bytes, and valid requests with bytes changed, cut or added,
/// sent as the body of every RPC. Each answer must be acceptable, and a refused body writes nothing.
/// </summary>
public static class RawBytesProperty
{
    /// <param name="samples">Valid requests per RPC name, the seeds of the mutated bodies (an RPC without samples gets random bytes only).</param>
    /// <param name="allowedForWellFormed">
    /// Extra answers allowed only when the body parses into a request (a real request that needs something the test
    /// environment lacks, e.g. the workflow engine).
    /// </param>
    public static async Task<int> RunAsync(
        string property,
        GrpcChannel channel,
        WriteGuard guard,
        IReadOnlyList<MethodDescriptor> methods,
        IReadOnlyDictionary<string, IMessage[]> samples,
        int iterations,
        ITestOutputHelper output,
        params (StatusCode Code, string Reason)[] allowedForWellFormed)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(guard);
        var bodies = methods
            .Select(m => samples.TryGetValue(m.Name, out var valid) && valid.Length > 0
                ? Gen.Frequency<byte[]>((1, Hostile.Bytes), (2, Hostile.Mutated([.. valid.Select(v => v.ToByteArray())])))
                : Hostile.Bytes)
            .ToArray();
        var gen = Gen.Int[0, methods.Count - 1].SelectMany(i => bodies[i].Select(body => (Method: methods[i], Body: body)));
        return await FuzzRunner.RunAsync(
            property,
            gen,
            iterations,
            async input =>
            {
                var parsed = TryParse(input.Method, input.Body);
                var allowed = parsed is null ? [] : allowedForWellFormed;
                var key = parsed?.Descriptor.FindFieldByName("idempotency_key")?.Accessor.GetValue(parsed) as string;
                var result = await guard.CheckAsync(
                    () => RawGrpcCall.SendAsync(channel, input.Method, input.Body),
                    key,
                    IsRead(input.Method),
                    allowed);
                if (result.Outcome.IsOk)
                {
                    parsed.Should().NotBeNull("only a body that is a request can succeed");
                }
            },
            input => $"{input.Method.FullName} body ({input.Body.Length} bytes): {Convert.ToHexString(input.Body.AsSpan(0, Math.Min(input.Body.Length, 256)))}",
            output);
    }

    /// <summary>Reads, by the naming convention of our contracts: they never write.</summary>
    public static bool IsRead(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Name.StartsWith("Get", StringComparison.Ordinal)
            || method.Name.StartsWith("List", StringComparison.Ordinal)
            || method.Name.StartsWith("Watch", StringComparison.Ordinal);
    }

    private static IMessage? TryParse(MethodDescriptor method, byte[] body)
    {
        try
        {
            return method.InputType.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
