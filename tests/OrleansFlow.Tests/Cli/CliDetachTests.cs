using System.Text.Json;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary><c>--detach</c>: the command submits its job, prints the id and exits 0; the job runs on without it.</summary>
[Collection(CliClusterCollection.Name)]
public sealed class CliDetachTests(CliCluster cluster) : IDisposable
{
    private readonly TempFolder _folder = new("cli-detach");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_detached_command_prints_the_job_id_and_the_job_runs_to_its_end()
    {
        var run = await CliProcess.RunAsync(["ml", "linreg", "--generate", "1000", "--epochs", "2", "--workers", "1", "--detach", .. cluster.Args]);
        Assert.True(run.ExitCode == 0, run.Output);
        var jobId = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"orleansflow job {jobId}", run.Stderr); // how to follow it

        var result = await cluster.Client.GetJob(jobId).WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
    }

    [Fact]
    public async Task A_detached_command_with_json_prints_the_job_id_as_json()
    {
        var input = _folder.File("in/a.txt", "a b a\n");
        var run = await CliProcess.RunAsync(["wordcount", input, "--detach", "--json", "--quiet", .. cluster.Args]);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("", run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var jobId = json.RootElement.GetProperty("jobId").GetString()!;
        var parts = json.RootElement.GetProperty("outputDirectory").GetString()!;

        var result = await cluster.Client.GetJob(jobId).WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.All(result.OutputFiles, f => Assert.StartsWith(parts, f));
        Directory.Delete(parts, recursive: true);
    }

    [Theory]
    [InlineData("ml linreg --generate 10 --detach", "error: --detach needs a cluster (--cluster ADDR or ORLEANSFLOW_CLUSTER): an embedded silo stops with this process")]
    [InlineData("ml linreg --generate 10 --detach --local --cluster 127.0.0.1:1", "error: --detach submits a job to a cluster; --local runs in this process")]
    [InlineData("wordcount x --output y --detach --cluster 127.0.0.1:1", "error: wordcount --detach cannot write --output FILE: it does not wait for the counts (they stay in the job's output folder)")]
    public async Task Detach_without_a_cluster_to_run_on_is_a_usage_error(string line, string expected)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await OrleansFlow.Cli.CliApp.RunAsync(line.Split(' '), stdout, stderr);
        Assert.Equal(2, code);
        Assert.Equal("", stdout.ToString());
        Assert.Equal(expected, stderr.ToString().TrimEnd('\n'));
    }
}
