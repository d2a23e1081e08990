using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.ML;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// Collects the workers' per-epoch losses and the final evaluation of one ML job. Persisted (a write per report,
/// a handful per epoch), so the loss history outlives the silo it was on.
/// </summary>
[CollectionAgeLimit(Hours = 4)]
public sealed class TrainingMetricsGrain(
    [PersistentState("ml-metrics", FlowNames.JobStorage)] IPersistentState<TrainingMetricsState> state) : Grain, ITrainingMetricsGrain
{
    public async Task RecordEpoch(int epoch, int worker, double meanLoss, long samples)
    {
        // A retried worker's report replaces its earlier one.
        var reports = state.State.Reports;
        reports.RemoveAll(r => r.Epoch == epoch && r.Worker == worker);
        reports.Add(new WorkerEpochLoss(epoch, worker, meanLoss, samples));
        await state.WriteStateAsync();
    }

    public async Task RecordEvaluation(TrainingEvaluation evaluation)
    {
        state.State.Evaluation = evaluation;
        await state.WriteStateAsync();
    }

    public Task<TrainingSummary> GetSummary()
    {
        var epochs = new List<EpochMetrics>();
        foreach (var group in state.State.Reports.GroupBy(r => r.Epoch).OrderBy(g => g.Key))
        {
            double weighted = 0;
            long samples = 0;
            foreach (var report in group)
            {
                weighted += report.MeanLoss * report.Samples;
                samples += report.Samples;
            }
            epochs.Add(new EpochMetrics(group.Key, samples == 0 ? 0 : weighted / samples, samples, group.Count()));
        }
        return Task.FromResult(new TrainingSummary(epochs, state.State.Evaluation));
    }
}

[GenerateSerializer]
public sealed class TrainingMetricsState
{
    // A list, not a dictionary keyed by (epoch, worker): the Redis store's JSON cannot read tuple keys back.
    [Id(0)] public List<WorkerEpochLoss> Reports { get; set; } = [];
    [Id(1)] public TrainingEvaluation? Evaluation { get; set; }
}

[GenerateSerializer, Immutable]
public sealed record WorkerEpochLoss([property: Id(0)] int Epoch, [property: Id(1)] int Worker, [property: Id(2)] double MeanLoss, [property: Id(3)] long Samples);
