using FoodDelivery.DevServer;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator;
using Microsoft.Extensions.Logging;

namespace FoodDelivery.LocalStack;

/// <summary>What <see cref="FoodDeliveryStack.StartAsync"/> starts, and where.</summary>
public sealed class LocalStackOptions
{
    /// <summary>Folder of the four SQLite files; null: a temporary folder, deleted when the stack is disposed.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>host:port of a running Temporal server; null: an embedded DevServer is started.</summary>
    public string? TemporalAddress { get; init; }

    public string Namespace { get; init; } = "default";

    public string TaskQueue { get; init; } = WireNames.DefaultTaskQueue;

    /// <summary>Port of the embedded DevServer; 0: a free port (7233 with <see cref="UseDefaultPorts"/>).</summary>
    public int DevServerPort { get; init; }

    /// <summary>The services on 5101-5104 and the DevServer on 7233, as in the README (for a stack that keeps running).</summary>
    public bool UseDefaultPorts { get; init; }

    /// <summary>The embedded DevServer's clock; real time unless set.</summary>
    public TimeSkippingMode TimeSkipping { get; init; } = TimeSkippingMode.Disabled;

    /// <summary>The embedded DevServer keeps its state in this SQLite file (survives restarts); null: in memory.</summary>
    public string? DevServerDbFileName { get; init; }

    /// <summary>
    /// Starts the saga worker in this process (the default); false: no worker runs until
    /// <see cref="FoodDeliveryStack.StartWorkerAsync"/>, e.g. when it runs as its own process (<see cref="SagaWorkerProcess"/>).
    /// </summary>
    public bool StartWorker { get; init; } = true;

    /// <summary>Runs the simulated restaurants and couriers with these options (Enabled is implied); null: no simulator.</summary>
    public SimulatorOptions? Simulator { get; init; }

    /// <summary>Turns on the services' fault injection (<see cref="FoodDeliveryStack.Faults"/>).</summary>
    public bool FaultInjection { get; init; }

    /// <summary>Deadlines of the sagas the Order API starts; null: <see cref="SagaTimeouts.Default"/> (single ones via <see cref="Settings"/>, e.g. "Saga:RestaurantAcceptance").</summary>
    public SagaTimeouts? SagaTimeouts { get; init; }

    /// <summary>Extra settings for the services, the worker and the simulator; they win over everything derived here.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Settings for one service by its name ("order", "payment", ...); win over <see cref="Settings"/> (e.g. a fault seed each).</summary>
    public IDictionary<string, IDictionary<string, string?>> ServiceSettings { get; init; } =
        new Dictionary<string, IDictionary<string, string?>>();

    /// <summary>Where the worker and the simulator log; null: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
