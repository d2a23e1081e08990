namespace OrleansFlow.ML.Training;

/// <param name="Epochs">Passes over the training data.</param>
/// <param name="BatchSize">Rows per synchronous step, summed over all workers.</param>
/// <param name="Optimizer">Applied by every parameter-server shard to its range.</param>
/// <param name="Workers">Data-parallel workers; each computes the gradient of its part of every batch.</param>
/// <param name="ServerShards">Key ranges the parameters are split into.</param>
/// <param name="Seed">Seeds initialisation and the per-epoch shuffle.</param>
/// <param name="LearningRateDecay">Each epoch after the first runs at this times the previous epoch's learning rate.</param>
/// <param name="MaxThreads">Threads the workers' gradients are computed on (0: one per core). The result does not
/// depend on it: worker gradients are averaged the same way whether they ran at once or one after another.</param>
public sealed record TrainingOptions(int Epochs, int BatchSize, IOptimizerOptions Optimizer, int Workers = 1, int ServerShards = 1, int Seed = 1, float LearningRateDecay = 1f, int MaxThreads = 0)
{
    internal void Validate(int rows, int parameterCount)
    {
        if (Epochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least one epoch.");
        if (BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be positive.");
        if (Workers <= 0 || Workers > BatchSize)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, $"Workers must be between 1 and the batch size {BatchSize}.");
        if (ServerShards <= 0 || ServerShards > parameterCount)
            throw new ArgumentOutOfRangeException(nameof(ServerShards), ServerShards, $"Server shards must be between 1 and the parameter count {parameterCount}.");
        if (rows == 0)
            throw new ArgumentException("The training data has no rows.");
        ArgumentNullException.ThrowIfNull(Optimizer);
        if (LearningRateDecay is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(LearningRateDecay), LearningRateDecay, "The learning-rate decay must be in (0, 1].");
    }
}
