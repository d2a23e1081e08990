using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Testing;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>
/// A query as a job on the fabric: stages as tasks on the silos, exchanges through the memory tier, the result
/// written by the result task. Timed from submit to the client seeing the job end; the row count is read back from
/// the result file.
/// </summary>
internal sealed class FabricRunner(
    string name, Func<FlowClient> client, string data, int partitions, bool timeline, Func<TimeSpan>? siloCpuTime) : IQueryRunner
{
    public string Name => name;

    /// <summary>This process's CPU plus, when the silos are other processes, theirs.</summary>
    public TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime + (siloCpuTime?.Invoke() ?? TimeSpan.Zero);
    }

    public long Run(string sql) => RunAsync(sql).GetAwaiter().GetResult();

    /// <summary>Nothing of its own: the cluster is shared by all runners and disposed with <see cref="FabricClusters"/>.</summary>
    public void Dispose() { }

    private async Task<long> RunAsync(string sql)
    {
        using var outputFolder = new TempFolder("sql-bench");
        var output = outputFolder.Sub("out");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var job = await client().SubmitAsync(new SqlArgs { Query = sql, DataDirectory = data, OutputDirectory = output, Partitions = partitions });
        var submitted = clock.Elapsed;
        var result = await job.WaitAsync();
        if (result.Info.Status != JobStatus.Succeeded)
            throw new InvalidOperationException($"{name}: job {job.JobId} {result.Info.Status}: {result.Info.Error}");
        if (timeline)
            Console.Error.Write($"client: submit returned after {submitted.TotalMilliseconds:F0} ms, result after {clock.Elapsed.TotalMilliseconds:F0} ms; " + JobTimeline.Describe(result));
        return File.ReadLines(Path.Combine(output, "result.csv")).Count() - 1; // minus the header
    }
}
