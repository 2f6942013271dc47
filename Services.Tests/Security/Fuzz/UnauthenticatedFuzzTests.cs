using System.Reflection;
using CsCheck;
using FoodDelivery.Composition;
using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Delivery.Grpc;
using FoodDelivery.Order.Api;
using FoodDelivery.Payment.Grpc;
using FoodDelivery.Restaurant.Grpc;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace FoodDelivery.Security.Tests.Fuzz;

/// <summary>
/// The bad-input fuzz without the right to call: the same kind of hostile requests the per-service fuzz tests sign
/// (well-formed requests of hostile values, random bytes, mangled requests), sent to every public and internal RPC of
/// the four services with no token, an expired one, one of the other audience, one of a role the RPC does not allow,
/// or a forged one. Every answer must be UNAUTHENTICATED (PERMISSION_DENIED for the wrong role), and no table of any
/// service's SQLite file may change. FUZZ_SEED replays a run (see <see cref="FuzzRunner"/>).
/// </summary>
public sealed class UnauthenticatedFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Iterations = 4000;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-unauthenticated-fuzz-").FullName;
    private readonly Dictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private FoodDeliveryServices _services = null!;

    public async Task InitializeAsync()
    {
        // The four services as they run in production, without a workflow engine: nothing here may get past the token check.
        _services = await FoodDeliveryServices.StartAsync(new CompositionOptions { DataDirectory = _dataDirectory });
        foreach (var service in _services.All)
        {
            _channels[service.Name] = GrpcChannel.ForAddress(service.Address);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleanup takes it.
        }
    }

    [Fact]
    public async Task EveryRpc_HostileRequestsWithoutAValidToken_AreRefusedAndWriteNothing()
    {
        var targets = Targets();
        var guards = _services.All.ToDictionary(s => s.Name, s => new WriteGuard(new SqliteTableCounts(ConnectionString(s.Name))));
        var before = await CountAllAsync(guards);
        var credentials = new BadCredentials(DevelopmentTokens.Default);
        var exercised = new HashSet<(string Rpc, BadCredentialKind Kind)>();
        var attempts = Gen.Select(Gen.Int[0, targets.Count - 1], Gen.Int[0, BadCredentials.Kinds.Count - 1], Gen.Int[0, int.MaxValue], (t, k, pick) => (t, k, pick))
            .SelectMany(x => targets[x.t].Bodies.Select(body => new Attempt(targets[x.t], BadCredentials.Kinds[x.k], x.pick, body)));

        var checkedCalls = await FuzzRunner.RunAsync(
            "every rpc: hostile requests without a valid token",
            attempts,
            Iterations,
            async attempt =>
            {
                var target = attempt.Target;
                var headers = credentials.Headers(attempt.Kind, target.Policy, attempt.Pick);
                var result = await guards[target.Service].CheckAsync(
                    () => RawGrpcCall.SendAsync(_channels[target.Service].CreateCallInvoker(), target.Method, attempt.Body, headers),
                    idempotencyKey: null,
                    RawBytesProperty.IsRead(target.Method),
                    (StatusCode.Unauthenticated, ErrorReasons.Unauthenticated));
                var (code, reason) = BadCredentials.ExpectedRefusal(attempt.Kind);
                result.Outcome.Code.Should().Be(code, $"a caller with {attempt.Kind} is refused before the request is looked at ({result.Outcome})");
                result.Outcome.Reason.Should().Be(reason, result.Outcome.ToString());
                result.Changes.Should().BeEmpty($"a refused caller writes nothing ({result.Outcome})");
                exercised.Add((target.Method.FullName, attempt.Kind));
            },
            attempt => attempt.ToString(),
            output);

        checkedCalls.Should().Be(Iterations);
        exercised.Should().HaveCount(targets.Count * BadCredentials.Kinds.Count, "every RPC met every kind of bad credential");
        (await CountAllAsync(guards)).Should().BeEquivalentTo(before, "no service's database changed");
        output.WriteLine($"{targets.Count} RPCs x {BadCredentials.Kinds.Count} kinds of bad credential, {Iterations} requests");
    }

    /// <summary>Every RPC of the four services (health and reflection are open by design), with its access policy.</summary>
    private static List<Target> Targets()
    {
        (ServiceDescriptor Descriptor, Type Implementation, string Service)[] services =
        [
            (OrderService.Descriptor, typeof(OrderGrpcService), "order"),
            (OrderingApi.Descriptor, typeof(OrderingGrpcService), "order"),
            (FulfillmentApi.Descriptor, typeof(FulfillmentGrpcService), "order"),
            (OperatorApi.Descriptor, typeof(OperatorGrpcService), "order"),
            (PaymentService.Descriptor, typeof(PaymentGrpcService), "payment"),
            (RestaurantService.Descriptor, typeof(RestaurantGrpcService), "restaurant"),
            (DeliveryService.Descriptor, typeof(DeliveryGrpcService), "delivery"),
        ];
        var targets = services
            .SelectMany(s => s.Descriptor.Methods.Select(method => new Target(s.Service, method, PolicyOf(s.Implementation, method))))
            .ToList();
        targets.Should().HaveCountGreaterThan(25);
        return targets;
    }

    private static AllowCallersAttribute PolicyOf(Type implementation, MethodDescriptor method) =>
        implementation.GetMethod(method.Name)?.GetCustomAttribute<AllowCallersAttribute>()
            ?? implementation.GetCustomAttribute<AllowCallersAttribute>()
            ?? throw new InvalidOperationException($"{method.FullName} has no access policy");

    private string ConnectionString(string service)
    {
        var file = Path.Combine(_dataDirectory, service + ".db");
        File.Exists(file).Should().BeTrue($"{service} keeps its database in {file}");
        return $"Data Source={file}";
    }

    private static async Task<Dictionary<string, IReadOnlyDictionary<string, long>>> CountAllAsync(Dictionary<string, WriteGuard> guards)
    {
        var counts = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (service, guard) in guards)
        {
            counts[service] = await guard.Counts.ReadAsync();
        }

        return counts;
    }

    /// <summary>One RPC of one service, its access policy, and the hostile bodies drawn for it.</summary>
    private sealed record Target(string Service, MethodDescriptor Method, AllowCallersAttribute Policy)
    {
        private static readonly Dictionary<string, Gen<byte[]>> BodiesByRequest = new(StringComparer.Ordinal);

        /// <summary>Mostly well-formed requests of hostile values; else random bytes or such a request mangled.</summary>
        public Gen<byte[]> Bodies
        {
            get
            {
                lock (BodiesByRequest)
                {
                    if (!BodiesByRequest.TryGetValue(Method.InputType.FullName, out var bodies))
                    {
                        var wellFormed = HostileMessages.For(Method.InputType).Select(m => m.ToByteArray());
                        bodies = Gen.Frequency<byte[]>((3, wellFormed), (1, Hostile.Bytes), (1, wellFormed.SelectMany(body => Hostile.Mutated(body))));
                        BodiesByRequest[Method.InputType.FullName] = bodies;
                    }

                    return bodies;
                }
            }
        }
    }

    private sealed record Attempt(Target Target, BadCredentialKind Kind, int Pick, byte[] Body)
    {
        public override string ToString() =>
            $"{Kind} -> {Target.Method.FullName}, body ({Body.Length} bytes): {Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 128)))}";
    }
}
