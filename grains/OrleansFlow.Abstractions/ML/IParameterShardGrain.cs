namespace OrleansFlow.Abstractions.ML;

/// <summary>
/// One parameter-server shard of an ML job: owns the key range [Start, End) of the model's flat parameter vector
/// and its optimizer state. Keyed <c>{jobId}/{shard}</c> (<see cref="KeyOf"/>).
/// </summary>
/// <remarks>
/// Parameters and gradients travel inside grain calls: the models trained here have at most ~100k parameters
/// (400 KB), far below the message limit and small next to the per-call cost. Bulk training data never does; it
/// stays on the memory tier.
/// </remarks>
public interface IParameterShardGrain : IGrainWithStringKey
{
    static string KeyOf(string jobId, int shard) => $"{jobId}/{shard}";

    /// <summary>Sets the shard up the first time; later calls (every worker makes one) are ignored, so the
    /// values the shard holds, or restored from its checkpoint, win.</summary>
    Task Initialize(ParameterShardConfig config, float[] initialValues);

    /// <summary>The current values of the shard's range and how many updates they include.</summary>
    Task<ParameterPull> Pull();

    /// <summary>
    /// A worker's mean gradient for this range over its mini-batch <paramref name="step"/> of <paramref name="epoch"/>.
    /// BSP: returns once every worker still in the epoch has pushed that step and the average was applied.
    /// Asynchronous: applied at once; returns when the pusher is at most the staleness bound ahead of the slowest
    /// worker. Either way the answer carries the values to compute the next step with.
    /// </summary>
    Task<ParameterPull> Push(GradientPush push);

    /// <summary>
    /// The worker has no more batches in <paramref name="epoch"/>; once all have, the shard checkpoints. Returns when
    /// the epoch is complete and checkpointed, so a shard lost before that fails every worker of the epoch.
    /// </summary>
    Task FinishEpoch(int epoch, int worker);

    /// <summary>Where the shard is in training (for progress displays and tests).</summary>
    Task<ParameterShardProgress> GetProgress();
}

/// <summary>How the workers' updates are applied.</summary>
[GenerateSerializer]
public enum SyncMode
{
    /// <summary>Bulk-synchronous: average every worker's gradient of a step, then apply once.</summary>
    Bsp = 0,
    /// <summary>Each gradient applied as it arrives; a worker waits when it is more than the bound ahead.</summary>
    Async = 1,
}

/// <summary>The optimizer a shard applies to its range.</summary>
[GenerateSerializer]
public enum OptimizerKind
{
    Adam = 0,
    SgdMomentum = 1,
}

[GenerateSerializer, Immutable]
public sealed record ParameterShardConfig(
    [property: Id(0)] int Start,
    [property: Id(1)] int End,
    [property: Id(2)] int Workers,
    [property: Id(3)] SyncMode Mode,
    [property: Id(4)] int Staleness,
    [property: Id(5)] OptimizerKind Optimizer,
    [property: Id(6)] float LearningRate)
{
    /// <summary>Each epoch after the first runs at this times the previous epoch's learning rate.</summary>
    [Id(7)] public float LearningRateDecay { get; init; } = 1f;

    /// <summary>
    /// BSP: the shard answers with a descriptor of its values in a block of the job's store (two blocks, written
    /// alternately per version) instead of the values, and workers read them over the data plane. For large
    /// ranges (an MLP's hundreds of KB), where copying the values through every grain answer dominates a step.
    /// Null: values travel in the answers.
    /// </summary>
    [Id(8)] public ParameterBlocks? Blocks { get; init; }
}

/// <summary>Where a shard may publish its values: the job's store and access key.</summary>
[GenerateSerializer, Immutable]
public sealed record ParameterBlocks([property: Id(0)] Memory.ShuffleStoreKind Store, [property: Id(1)] ulong AccessKey);

/// <param name="Epoch">The epoch the shard is in.</param>
/// <param name="Step">BSP: the step being collected.</param>
/// <param name="FinishedWorkers">Workers with no more batches in <paramref name="Epoch"/>.</param>
/// <param name="CompletedEpoch">The last epoch every worker finished and the shard checkpointed.</param>
/// <param name="Version">Updates applied so far.</param>
[GenerateSerializer, Immutable]
public sealed record ParameterShardProgress(
    [property: Id(0)] int Epoch,
    [property: Id(1)] int Step,
    [property: Id(2)] int FinishedWorkers,
    [property: Id(3)] int CompletedEpoch,
    [property: Id(4)] long Version);

/// <summary>The values of a shard's range at <paramref name="Version"/>: in <paramref name="Values"/>, or (when the
/// shard publishes to blocks) in <see cref="Block"/> with <paramref name="Values"/> empty.</summary>
[GenerateSerializer, Immutable]
public sealed record ParameterPull([property: Id(0)] float[] Values, [property: Id(1)] long Version)
{
    [Id(2)] public Memory.BlockDescriptor? Block { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record GradientPush(
    [property: Id(0)] int Epoch,
    [property: Id(1)] int Worker,
    [property: Id(2)] int Step,
    [property: Id(3)] float[] Gradient,
    [property: Id(4)] double MeanLoss,
    [property: Id(5)] int Samples)
{
    /// <summary>When the shard publishes to blocks: the gradient is in this block of the worker's store (and
    /// <paramref name="Gradient"/> is empty). The worker rewrites it only after the push is answered.</summary>
    [Id(6)] public Memory.BlockDescriptor? Block { get; init; }
}
