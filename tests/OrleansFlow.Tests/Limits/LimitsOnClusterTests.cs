using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Engine.WordCount;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Limits;

/// <summary>
/// Hostile plans on the in-process two-silo cluster: the 20 000-deep query and absurd split sizes and partition counts
/// fail their job at submit with one line, and the same silos run the next job.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LimitsOnClusterTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_query_nested_20000_deep_fails_in_one_line_and_the_silos_serve_the_next_query()
    {
        var data = Data();
        var deep = "select " + string.Concat(Enumerable.Repeat("1+(", 20_000)) + "1" + string.Concat(Enumerable.Repeat(")", 20_000));

        var refused = await RunSqlAsync(deep, data);

        Assert.Equal(JobStatus.Failed, refused.Info.Status);
        Assert.Matches(@"^expression nested too deeply at line 1, column \d+ \(limit 1000\)$", refused.Info.Error);
        Assert.Empty(refused.Tasks); // refused while planning: no task ran
        await AssertTheClusterServesAsync(data);
    }

    [Fact]
    public async Task A_split_size_of_one_byte_is_refused_before_millions_of_tasks_are_planned()
    {
        var input = _folder.File("big/a.txt", new string('a', 199_999) + "\n"); // 200 000 one-byte splits

        var refused = await (await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = _folder.Sub("out-refused"), SplitSizeBytes = 1,
        })).WaitAsync();

        Assert.Equal(JobStatus.Failed, refused.Info.Status);
        Assert.Equal("the map stage would have 200000 tasks, more than the limit of 100000 tasks per stage " +
                     "(use a larger --split-size, or raise the silo setting max-tasks-per-stage)", refused.Info.Error);
        await AssertTheClusterServesAsync(Data());
    }

    [Fact]
    public async Task A_hundred_thousand_partitions_are_refused_for_every_kind()
    {
        var data = Data();
        var text = _folder.File("text/a.txt", "alpha beta\n");

        var sql = await RunSqlAsync("select x from t", data, partitions: 100_000);
        var mapReduce = await (await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [text], OutputDirectory = _folder.Sub("out-mr"), Reducers = 100_000,
        })).WaitAsync();
        var sort = await (await fixture.Client.SubmitAsync(new SortArgs
        {
            Inputs = [text], OutputDirectory = _folder.Sub("out-sort"), Reducers = 100_000,
        })).WaitAsync();

        Assert.Equal("--partitions 100000 is more than the limit of 10000 partitions (raise the silo setting max-partitions)", sql.Info.Error);
        Assert.Equal("--reducers 100000 is more than the limit of 10000 partitions (raise the silo setting max-partitions)", mapReduce.Info.Error);
        Assert.Equal("--reducers 100000 is more than the limit of 10000 partitions (raise the silo setting max-partitions)", sort.Info.Error);
        Assert.All(new[] { sql, mapReduce, sort }, r => Assert.Equal(JobStatus.Failed, r.Info.Status));
        await AssertTheClusterServesAsync(data);
    }

    /// <summary>Both silos still up, and a plain query and a word count right after succeed on them.</summary>
    private async Task AssertTheClusterServesAsync(string data)
    {
        var query = await RunSqlAsync("select sum(x) as s from t", data);
        Assert.True(query.Info.Status == JobStatus.Succeeded, query.Info.Error);
        Assert.Equal("s\n3\n", File.ReadAllText(Path.Combine(query.OutputDirectory!, "result.csv")).ReplaceLineEndings("\n"));

        var count = await (await fixture.Client.SubmitMapReduceAsync<WordCountJob>(new MapReduceSubmission
        {
            Inputs = [_folder.File($"after-{Guid.NewGuid():N}/a.txt", "alpha beta alpha\n")], OutputDirectory = _folder.Sub($"out-{Guid.NewGuid():N}"),
        })).WaitAsync();
        Assert.True(count.Info.Status == JobStatus.Succeeded, count.Info.Error);
        Assert.Equal(2, (await fixture.Client.GetClusterAsync()).Count);
    }

    private string Data()
    {
        var data = _folder.Sub("data");
        _folder.File("data/t/part-0.csv", "x\n1\n2\n");
        return data;
    }

    private async Task<JobResult> RunSqlAsync(string query, string data, int partitions = 2)
    {
        var job = await fixture.Client.SubmitAsync(new SqlArgs
        {
            Query = query, DataDirectory = data, OutputDirectory = _folder.Sub($"sql-{Guid.NewGuid():N}"), Partitions = partitions,
        });
        return await job.WaitAsync();
    }
}
