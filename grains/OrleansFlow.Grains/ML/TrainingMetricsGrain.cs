using OrleansFlow.Abstractions.ML;

namespace OrleansFlow.Grains.ML;

/// <summary>Collects the workers' per-epoch losses and the final evaluation of one ML job.</summary>
[CollectionAgeLimit(Hours = 4)]
public sealed class TrainingMetricsGrain : Grain, ITrainingMetricsGrain
{
    // epoch -> worker -> (loss, samples); a retried worker's report replaces its earlier one.
    private readonly SortedDictionary<int, Dictionary<int, (double Loss, long Samples)>> _epochs = [];
    private TrainingEvaluation? _evaluation;

    public Task RecordEpoch(int epoch, int worker, double meanLoss, long samples)
    {
        if (!_epochs.TryGetValue(epoch, out var workers))
            _epochs[epoch] = workers = [];
        workers[worker] = (meanLoss, samples);
        return Task.CompletedTask;
    }

    public Task RecordEvaluation(TrainingEvaluation evaluation)
    {
        _evaluation = evaluation;
        return Task.CompletedTask;
    }

    public Task<TrainingSummary> GetSummary()
    {
        var epochs = new List<EpochMetrics>(_epochs.Count);
        foreach (var (epoch, workers) in _epochs)
        {
            double weighted = 0;
            long samples = 0;
            foreach (var (loss, count) in workers.Values)
            {
                weighted += loss * count;
                samples += count;
            }
            epochs.Add(new EpochMetrics(epoch, samples == 0 ? 0 : weighted / samples, samples, workers.Count));
        }
        return Task.FromResult(new TrainingSummary(epochs, _evaluation));
    }
}
