// The saga metrics are process-wide counters: scenarios run one at a time, so each test sees only its own deltas.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
