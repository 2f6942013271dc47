namespace FoodDelivery.DevServer.Tests.Persistence;

/// <summary>The DevServer with an engine file: the same contract as in memory, every state change going through the file.</summary>
public sealed class PersistedDevServerFixture : DevServerFixture
{
    private readonly TempEngineFile _file = new();

    protected override string? DbFileName => _file.Path;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PersistedDevServerCollection : ICollectionFixture<PersistedDevServerFixture>
{
    public const string Name = "Persisted DevServer";
}

// A subset of the contract suite, run again against a persisted engine.

[Collection(PersistedDevServerCollection.Name)]
public sealed class PersistedActivityTests(PersistedDevServerFixture env) : ActivityTests(env);

[Collection(PersistedDevServerCollection.Name)]
public sealed class PersistedTimerTests(PersistedDevServerFixture env) : TimerTests(env);

[Collection(PersistedDevServerCollection.Name)]
public sealed class PersistedSignalQueryUpdateTests(PersistedDevServerFixture env) : SignalQueryUpdateTests(env);

[Collection(PersistedDevServerCollection.Name)]
public sealed class PersistedWorkflowLifecycleTests(PersistedDevServerFixture env) : WorkflowLifecycleTests(env);
