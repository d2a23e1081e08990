using OrleansFlow.Client;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Sort;

[Collection(ClusterCollection.Name)]
public sealed class AsciiSortTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ascii_records_sorted_by_the_job_equal_LC_ALL_C_sort_byte_for_byte()
    {
        var input = Path.Combine(_folder.Path, "input");
        await GensortWriter.GenerateAsync(100_000, input, partitions: 3, ascii: true, seed: 3);
        var output = Path.Combine(_folder.Path, "out");

        var job = await fixture.Client.SubmitAsync(new SortArgs
        {
            Inputs = [input],
            OutputDirectory = output,
            Reducers = 5,
            SplitSizeBytes = 3_000_000,
        }, new SubmitOptions { Name = "sort-ascii" });
        var result = await job.WaitAsync();
        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);

        // The reference: the same records as lines (each ends in CR LF; sort keeps the CR), sorted bytewise.
        var expected = Path.Combine(_folder.Path, "expected");
        var files = string.Join(' ', RecordFiles.List(input).Select(f => $"'{f}'"));
        await RunAsync("bash", "-c", $"cat {files} | LC_ALL=C sort > '{expected}'");
        var actual = RecordFiles.List(output).SelectMany(File.ReadAllBytes).ToArray();
        Assert.Equal(5, RecordFiles.List(output).Count);
        Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(actual), "the job's output differs from LC_ALL=C sort");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var process = await ChildProcess.RunAsync(file, args);
        var stderr = process.Stderr;
        Assert.True(process.ExitCode == 0, $"{file} failed: {stderr}");
    }
}
