using Grpc.Core;
using Temporalio.Api.ErrorDetails.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>A registered namespace. Retention bounds how long closed workflows of it are kept.</summary>
internal sealed record NamespaceEntry(string Name, string Id, string Description, TimeSpan Retention);

/// <summary>The namespaces the engine knows. Guarded by the engine lock.</summary>
internal sealed class NamespaceRegistry
{
    private readonly Dictionary<string, NamespaceEntry> _byName = new(StringComparer.Ordinal);

    public IEnumerable<NamespaceEntry> All => _byName.Values;

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Puts back a namespace loaded from a store (its id stays what it was).</summary>
    public void Restore(NamespaceEntry entry) => _byName[entry.Name] = entry;

    public NamespaceEntry Register(string name, string description, TimeSpan retention)
    {
        RpcErrors.Require(name.Length > 0, "Namespace name is not set on request.");
        if (_byName.ContainsKey(name))
        {
            throw RpcErrors.WithDetail(
                StatusCode.AlreadyExists,
                "Namespace already exists.",
                new NamespaceAlreadyExistsFailure());
        }

        var entry = new NamespaceEntry(name, Guid.NewGuid().ToString(), description, retention);
        _byName[name] = entry;
        return entry;
    }

    /// <summary>The namespace, or NotFound with a NamespaceNotFoundFailure detail (what the SDK expects).</summary>
    public NamespaceEntry Get(string name)
    {
        RpcErrors.Require(name.Length > 0, "Namespace is not set on request.");
        if (_byName.TryGetValue(name, out var entry))
        {
            return entry;
        }

        throw RpcErrors.WithDetail(
            StatusCode.NotFound,
            $"Namespace {name} is not found.",
            new NamespaceNotFoundFailure { Namespace = name });
    }

    public NamespaceEntry? FindById(string id) => _byName.Values.FirstOrDefault(n => n.Id == id);
}
