namespace OrleansFlow.Datagen.Core;

/// <summary>
/// Runs part jobs with bounded parallelism. Parts are fixed by the scale factor, not by the parallelism, so the
/// files are the same whatever the degree of parallelism.
/// </summary>
internal static class PartJobRunner
{
    /// <summary>Called before anything is written, so a bad value leaves the output folder untouched.</summary>
    public static void ValidateParallelism(int? parallelism)
    {
        if (parallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "Parallelism must be at least 1.");
        }
    }

    public static async Task RunAsync(
        IReadOnlyList<PartJob> jobs, int? parallelism, IProgress<DatagenProgress>? progress, CancellationToken ct)
    {
        ValidateParallelism(parallelism);
        var done = 0;
        long rows = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount,
            CancellationToken = ct,
        };
        await Parallel.ForEachAsync(jobs, options, async (job, token) =>
        {
            var written = await Task.Run(() => job.Run(token), token);
            var partsDone = Interlocked.Increment(ref done);
            var rowsSoFar = Interlocked.Add(ref rows, written);
            progress?.Report(new DatagenProgress(job.Label, partsDone, jobs.Count, rowsSoFar));
        });
    }
}
