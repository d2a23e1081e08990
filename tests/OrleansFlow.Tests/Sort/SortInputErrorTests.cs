using OrleansFlow.Client;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Engine.Input;
using OrleansFlow.Jobs.Sort;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Sort;

[Collection(ClusterCollection.Name)]
public sealed class SortInputErrorTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_missing_input_directory_is_named()
    {
        var missing = Path.Combine(_folder.Path, "missing");
        var error = Assert.Throws<InputException>(() => SortInputs.Resolve([missing]));
        Assert.Equal($"input path not found: {missing}", error.Message);
    }

    [Fact]
    public void An_empty_input_directory_is_named()
    {
        var empty = Path.Combine(_folder.Path, "empty");
        Directory.CreateDirectory(empty);
        var error = Assert.Throws<InputException>(() => SortInputs.Resolve([empty]));
        Assert.Equal($"input directory is empty: {empty}", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_whole_records_is_named_with_its_leftover()
    {
        _folder.File("in/part-00000", new string('a', 200));
        var bad = _folder.File("in/part-00001", new string('b', 250));
        var error = Assert.Throws<InputException>(() => SortInputs.Resolve([Path.Combine(_folder.Path, "in")]));
        Assert.Equal($"input file is not whole 100-byte records: {bad} (250 bytes, 50 left over)", error.Message);
    }

    [Fact]
    public void A_non_empty_output_directory_is_refused_and_a_new_or_empty_one_accepted()
    {
        var used = Path.GetDirectoryName(_folder.File("out/part-00000", "x"))!;
        var error = Assert.Throws<InputException>(() => SortInputs.CheckOutputDirectory(used));
        Assert.Equal($"output directory is not empty: {used}", error.Message);
        SortInputs.CheckOutputDirectory(Path.Combine(_folder.Path, "new"));
        Directory.CreateDirectory(Path.Combine(_folder.Path, "empty-out"));
        SortInputs.CheckOutputDirectory(Path.Combine(_folder.Path, "empty-out"));
    }

    [Fact]
    public async Task A_job_over_a_broken_file_fails_with_the_files_name_and_runs_no_task()
    {
        var bad = _folder.File("in/part-00000", new string('k', 1234));
        var job = await fixture.Client.SubmitAsync(new SortArgs
        {
            Inputs = [Path.GetDirectoryName(bad)!],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
        }, new SubmitOptions { Name = "sort-bad" });
        var result = await job.WaitAsync();

        Assert.Equal(JobStatus.Failed, result.Info.Status);
        Assert.Contains($"input file is not whole 100-byte records: {bad} (1234 bytes, 34 left over)", result.Info.Error);
        Assert.Empty(result.Tasks);
    }
}
