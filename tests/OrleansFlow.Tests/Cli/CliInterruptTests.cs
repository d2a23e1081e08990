using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Cli;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT to the CLI process) while a command's job runs: the job is cancelled, its blocks are freed and the
/// process exits 130. Each job is given far more work than it can do before the signal (inputs made of one small
/// file linked many times over, <see cref="HardLinks"/>: a gigabyte and more to read, no disk used; hundreds of
/// epochs), so it is still running when the signal comes.
/// </summary>
[Collection(CliClusterCollection.Name)]
public sealed class CliInterruptTests(CliCluster cluster) : IDisposable
{
    private const int Links = 1500;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new("cli-interrupt");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task Ctrl_c_cancels_a_wordcount_job_and_exits_130()
    {
        var input = Path.Combine(_folder.Path, "text");
        Corpus.Write(Path.Combine(_folder.Path, "one"), files: 1, bytesPerFile: 1_000_000, seed: 5);
        HardLinks.Create(Directory.GetFiles(Path.Combine(_folder.Path, "one"))[0], input, Links, i => $"t{i:D5}.txt");
        return InterruptAsync("wordcount", input, "--top", "3");
    }

    [Fact]
    public async Task Ctrl_c_cancels_a_sort_job_and_exits_130()
    {
        var one = Path.Combine(_folder.Path, "one");
        await GensortWriter.GenerateAsync(10_000, one, 1, ascii: false, seed: 3);
        var input = Path.Combine(_folder.Path, "records");
        HardLinks.Create(Directory.GetFiles(one)[0], input, Links / 5, i => $"part-{i:D5}"); // its shuffle fills the memory tier: less
        await InterruptAsync("sort", "--input", input, "--output", Path.Combine(_folder.Path, "sorted"));
    }

    [Fact]
    public async Task Ctrl_c_cancels_a_sql_job_and_exits_130()
    {
        var tpch = Path.Combine(_folder.Path, "tpch");
        Assert.Equal(0, await CliApp.RunAsync(["datagen", "tpch", "--sf", "0.01", "--output", tpch, "--quiet"], TextWriter.Null, TextWriter.Null));
        var data = Path.Combine(_folder.Path, "data");
        // Parquet: a table of many files costs only their footers to open.
        HardLinks.Create(Directory.GetFiles(Path.Combine(tpch, "lineitem"))[0], Path.Combine(data, "lineitem"), Links / 3, i => $"part-{i:D5}.parquet");
        await InterruptAsync("sql", "select l_returnflag, sum(l_quantity) as q from lineitem group by l_returnflag", "--data", data, "--partitions", "2");
    }

    [Fact]
    public Task Ctrl_c_cancels_an_ml_job_and_exits_130() =>
        InterruptAsync("ml", "linreg", "--generate", "2000", "--workers", "1", "--epochs", "2000"); // a stage per epoch: not millions

    private async Task InterruptAsync(params string[] command)
    {
        var before = await cluster.JobIdsAsync();
        await using var cli = CliProcess.Start([.. command, .. cluster.Args, "--quiet"]);
        var jobId = await cluster.WaitForNewRunningJobAsync(before, cli);

        await cli.InterruptAsync();

        Assert.True(await cli.WaitForExitCodeAsync(ExitTimeout) == 130, cli.Output);
        Assert.Contains($"error: job {jobId} cancelled (Ctrl+C)", cli.Output);
        var info = await cluster.Client.GetJob(jobId).GetInfoAsync();
        Assert.Equal(JobStatus.Cancelled, info.Status);
        // A job that has ended has freed its blocks first (JobGrain.FinishAsync), on every silo.
        Assert.Equal(0, (await cluster.Client.GetClusterAsync()).Sum(s => s.Stores.Sum(u => u.Blocks)));
    }
}
