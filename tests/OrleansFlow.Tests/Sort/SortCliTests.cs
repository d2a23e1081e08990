using System.Diagnostics;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Sort;

/// <summary><c>orleansflow gensort | valsort | sort</c> as a user runs them: processes, exit codes, output.</summary>
public sealed class SortCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Gensort_prints_the_checksum_valsort_finds_and_valsort_fails_on_unsorted_input()
    {
        var input = Path.Combine(_folder.Path, "in");
        var generated = await RunCliAsync("gensort", "--records", "50000", "--output", input, "--partitions", "2", "--seed", "5", "--quiet");
        Assert.True(generated.ExitCode == 0, generated.Output);
        var reference = await Valsort.ChecksumAsync(input);
        Assert.Equal($"Records: 50000\nChecksum: {reference.Hex}\n", generated.Stdout);

        // Random records are not in order: valsort says where and exits 1.
        var check = await RunCliAsync("valsort", input);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"Checksum: {reference.Hex}", check.Stdout);
        Assert.Contains($"First unordered record: {Path.Combine(input, "part-00000")} record ", check.Stdout);
    }

    [Fact]
    public async Task Sort_of_a_file_that_is_not_whole_records_is_one_line_naming_it_and_exit_code_1()
    {
        var bad = _folder.File("in/part-00000", new string('z', 150));
        var run = await RunCliAsync("sort", "--input", Path.GetDirectoryName(bad)!, "--output", Path.Combine(_folder.Path, "out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: input file is not whole 100-byte records: {bad} (150 bytes, 50 left over)", run.Stderr.Trim());
    }

    [Fact]
    public async Task Sort_into_a_non_empty_output_directory_is_one_line_and_exit_code_1()
    {
        var input = _folder.File("in/part-00000", new string('r', 100));
        var output = Path.GetDirectoryName(_folder.File("out/old", "x"))!;
        var run = await RunCliAsync("sort", "--input", Path.GetDirectoryName(input)!, "--output", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: output directory is not empty: {output}", run.Stderr.Trim());
    }

    private static Task<ProcessRun> RunCliAsync(params string[] args) => CliProcess.RunAsync(args);
}
