using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Limits;

/// <summary>The <c>orleansflow</c> command (a process, with its embedded silo) shows a refused plan as one line, exit code 1.</summary>
public sealed class LimitsCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_one_byte_split_size_is_one_line_and_exit_code_1()
    {
        var input = _folder.File("in/a.txt", "alpha beta\n");
        var run = await CliProcess.RunAsync("wordcount", input, "--split-size", "1", "--quiet");
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Matches(@"^error: job \S+ failed: --split-size 1 bytes is below the minimum split size of 4096 bytes \(lower the silo setting min-split-size\)$",
            run.Stderr.Trim());
    }

    [Fact]
    public async Task A_query_nested_20000_deep_is_one_line_with_its_position_on_the_fabric_and_in_process()
    {
        _folder.File("data/t/part-0.csv", "x\n1\n");
        var query = _folder.File("deep.sql", "select " + string.Concat(Enumerable.Repeat("1+(", 20_000)) + "1" + string.Concat(Enumerable.Repeat(")", 20_000)));
        foreach (var local in new[] { false, true })
        {
            string[] args = ["sql", "--file", query, "--data", _folder.Sub("data"), "--quiet", .. local ? new[] { "--local" } : []];
            var run = await CliProcess.RunAsync(args);
            Assert.True(run.ExitCode == 1, run.Output);
            // On the fabric the job fails and the command names it; in process the engine's error is the line.
            var job = local ? "" : @"job \S+ failed: ";
            Assert.Matches($@"^error: {job}expression nested too deeply at line 1, column \d+ \(limit 1000\)$", run.Stderr.Trim());
        }
    }

    [Fact]
    public async Task A_hundred_thousand_partitions_in_process_are_one_line_and_exit_code_1()
    {
        _folder.File("data/t/part-0.csv", "x\n1\n");
        var run = await CliProcess.RunAsync("sql", "select x from t", "--data", _folder.Sub("data"), "--local", "--partitions", "100000");
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Equal("error: --partitions 100000 is more than the limit of 10000 partitions for a query run in this process", run.Stderr.Trim());
    }
}
