using OrleansFlow.Abstractions.ML;

namespace OrleansFlow.Jobs.ML;

/// <summary>What a parameter shard persists: its setup and the checkpoint taken at the end of the last full epoch.</summary>
[GenerateSerializer]
public sealed class ParameterShardState
{
    [Id(0)] public ParameterShardConfig? Config { get; set; }
    /// <summary><see cref="OrleansFlow.ML.Training.ParameterServerCheckpoint"/> bytes (CRC-checked).</summary>
    [Id(1)] public byte[]? Checkpoint { get; set; }
    [Id(2)] public int CheckpointedEpoch { get; set; }
}
