using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary>The <c>orleansflow</c> command as a user runs it: a process, its exit code, its output.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Wordcount_output_equals_the_shell_pipeline_in_the_issue()
    {
        var input = Path.Combine(_folder.Path, "in");
        Corpus.Write(input, files: 3, bytesPerFile: 150_000, seed: 3);
        var output = Path.Combine(_folder.Path, "out.tsv");

        var run = await RunCliAsync("wordcount", input, "--output", output, "--quiet");
        Assert.True(run.ExitCode == 0, run.Output);

        // The reference from the issue: cat DIR/* | tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' | grep -v '^$' | sort | uniq -c
        var shell = await RunAsync("bash", "-c",
            $"cat '{input}'/* | tr -cs 'A-Za-z' '\\n' | tr 'A-Z' 'a-z' | grep -v '^$' | LC_ALL=C sort | uniq -c | awk '{{print $2 \"\\t\" $1}}'");
        Assert.Equal(0, shell.ExitCode);
        var expected = shell.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actual = File.ReadAllLines(output);
        Assert.Equal(expected, actual); // same words, same counts, same (ordinal) order
    }

    [Fact]
    public async Task Top_words_are_printed_most_frequent_first()
    {
        var input = _folder.File("in/a.txt", "b b b a a c\nA B d\n");
        var run = await RunCliAsync("wordcount", input, "--top", "2");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["b\t4", "a\t3"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_missing_path_is_one_line_on_stderr_and_exit_code_1()
    {
        var missing = Path.Combine(_folder.Path, "missing");
        var run = await RunCliAsync("wordcount", missing);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: input path not found: {missing}", run.Stderr.Trim());
    }

    [Fact]
    public async Task An_empty_directory_is_one_line_on_stderr_and_exit_code_1()
    {
        var empty = Path.Combine(_folder.Path, "empty");
        Directory.CreateDirectory(empty);
        var run = await RunCliAsync("wordcount", empty);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: input directory is empty: {empty}", run.Stderr.Trim());
    }

    [Fact]
    public async Task A_binary_file_is_one_line_on_stderr_and_exit_code_1()
    {
        var binary = _folder.File("bin/x.dat");
        File.WriteAllBytes(binary, [1, 2, 0, 3, 4]);
        var run = await RunCliAsync("wordcount", binary);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: input file is binary, not text: {binary}", run.Stderr.Trim());
    }

    [Fact]
    public async Task Unknown_options_are_usage_errors_with_exit_code_2()
    {
        var run = await RunCliAsync("wordcount", "x", "--frobnicate");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown option '--frobnicate'", run.Stderr.Trim());
    }

    [Fact]
    public async Task An_unreachable_cluster_is_a_clear_error()
    {
        var input = _folder.File("in/a.txt", "a\n");
        var port = FreePorts.Next();
        var run = await RunCliAsync("wordcount", input, "--cluster", $"127.0.0.1:{port}");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: could not connect to the cluster at 127.0.0.1:{port}", run.Stderr.Trim());
        Assert.DoesNotContain("   at ", run.Stderr); // no stack trace
    }

    private static Task<ProcessRun> RunCliAsync(params string[] args) => CliProcess.RunAsync(args);

    private static Task<ProcessRun> RunAsync(string file, params string[] args) => ChildProcess.RunAsync(file, args);
}
