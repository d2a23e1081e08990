using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Testing;
using System.CommandLine;
using System.Text.RegularExpressions;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Cli;
using OrleansFlow.Cli.Commands;
using OrleansFlow.Silo;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary>
/// The command-line conventions every <c>orleansflow</c> command and the silo share: <c>--opt=value</c> and
/// <c>--opt value</c>, <c>--help</c> and <c>--version</c>, and a usage error as one line with exit code 2.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Every command and subcommand of the CLI, as the words that name it (the root is the empty path).</summary>
    public static TheoryData<string> CommandPaths() => new(AllPaths(CliApp.CreateRootCommand(), []));

    private static IEnumerable<string> AllPaths(Command command, string[] prefix)
    {
        yield return string.Join(' ', prefix);
        foreach (var sub in command.Subcommands)
            foreach (var path in AllPaths(sub, [.. prefix, sub.Name]))
                yield return path;
    }

    [Fact]
    public void The_cli_has_the_commands_it_always_had()
    {
        Assert.Equal(
            ["", "wordcount", "jobs", "job", "cancel", "cluster", "datagen", "sql", "explain", "drain", "scaler", "ml", "gensort", "valsort", "sort"],
            AllPaths(CliApp.CreateRootCommand(), []));
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_works_on_every_command_and_lists_its_options(string path)
    {
        var command = Find(path);
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = await RunInProcessAsync([.. Words(path), help]);
            Assert.True(code == 0, stderr);
            Assert.Equal("", stderr);
            Assert.Contains($"orleansflow {path}".TrimEnd(), stdout);
            Assert.Contains("Usage:", stdout);
            foreach (var option in command.Options)
                Assert.Contains(option.Name, stdout);
            foreach (var sub in command.Subcommands)
                Assert.Contains(sub.Name, stdout);
        }
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task An_unknown_option_is_one_line_on_stderr_and_exit_code_2_on_every_command(string path)
    {
        var (code, stdout, stderr) = await RunInProcessAsync([.. Words(path), "--no-such-option"]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: unknown option '--no-such-option'", line);
    }

    [Fact]
    public async Task Cli_version_prints_a_version_and_exits_0()
    {
        var run = await CliProcess.RunAsync("--version");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+\S*\n$"), run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Silo_version_prints_a_version_and_exits_0()
    {
        var run = await RunSiloAsync("--version");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+\S*\n$"), run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Silo_help_lists_its_options_and_an_unknown_option_is_one_line_and_exit_code_2()
    {
        var help = await RunSiloAsync("--help");
        Assert.True(help.ExitCode == 0, help.Output);
        foreach (var option in new[] { "--cluster", "--cluster-id", "--silo-port", "--gateway-port", "--data-port", "--primary", "--slots", "--memory", "--work-dir", "--replicas", "--pretouch", "--version" })
            Assert.Contains(option, help.Stdout);

        var wrong = await RunSiloAsync("--silo-port", "11111", "--no-such-option");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal("error: unknown option '--no-such-option'", wrong.Stderr.Trim());
    }

    [Fact]
    public async Task A_process_with_an_unknown_option_exits_2_with_one_line_on_stderr()
    {
        var run = await CliProcess.RunAsync("gensort", "--records", "10", "--no-such-option");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("error: unknown option '--no-such-option'", run.Stderr.Trim());
    }

    [Fact]
    public void Sort_reads_the_same_settings_from_opt_equals_value_and_opt_space_value()
    {
        var spaced = Read<SortCommand, SortCommand.Settings>((c, r) => c.Read(r),
            "sort", "--input", "in", "--output", "out", "--reducers", "3", "--shuffle", "disk", "--split-size", "64m",
            "--cluster", "redis://127.0.0.1:6379", "--cluster-id", "c1", "--quiet");
        var joined = Read<SortCommand, SortCommand.Settings>((c, r) => c.Read(r),
            "sort", "--input=in", "--output=out", "--reducers=3", "--shuffle=disk", "--split-size=64m",
            "--cluster=redis://127.0.0.1:6379", "--cluster-id=c1", "--quiet");
        Assert.Equal(spaced, joined);
        Assert.Equal(("in", "out", 3, ShuffleStoreKind.Disk, 64L << 20), (joined.Input, joined.Output, joined.Reducers, joined.Shuffle, joined.SplitSize));
        Assert.Equal(("redis://127.0.0.1:6379", "c1", true, false), (joined.Cluster, joined.ClusterId, joined.Quiet, joined.Json));
    }

    [Fact]
    public void Defaults_are_the_ones_the_commands_always_had()
    {
        var sort = Read<SortCommand, SortCommand.Settings>((c, r) => c.Read(r), "sort", "--input", "in", "--output", "out");
        Assert.Equal((0, ShuffleStoreKind.Memory, 0L, "orleansflow", false), (sort.Reducers, sort.Shuffle, sort.SplitSize, sort.ClusterId, sort.Quiet));
        Assert.Equal(Environment.GetEnvironmentVariable("ORLEANSFLOW_CLUSTER"), sort.Cluster);

        var ml = Read<MlCommand, MlCommand.Settings>((c, r) => c.Read(r), "ml", "mlp", "--generate", "100");
        Assert.Equal((100, 8, 0.1f, 2, 5, 2, 256, 1), (ml.Rows, ml.Features, ml.Noise, ml.Classes, ml.Epochs, ml.Workers, ml.BatchSize, ml.Shards));
        Assert.Equal([128], ml.Hidden);
        Assert.Equal((0.01f, 1f, 1, 2, false), (ml.LearningRate, ml.LearningRateDecay, ml.Seed, ml.Staleness, ml.Local));
    }

    [Fact]
    public void Ml_lists_and_choices_parse_in_both_spellings()
    {
        foreach (var args in new[]
                 {
                     new[] { "ml", "mlp", "--dataset", "mnist", "--hidden", "64,32", "--optimizer", "SGD", "--mode", "async", "--lr", "0.5" },
                     new[] { "ml", "mlp", "--dataset=mnist", "--hidden=64,32", "--optimizer=SGD", "--mode=async", "--lr=0.5" },
                 })
        {
            var ml = Read<MlCommand, MlCommand.Settings>((c, r) => c.Read(r), args);
            Assert.Equal(("mlp", "mnist", 0.5f), (ml.Model, ml.Dataset, ml.LearningRate));
            Assert.Equal([64, 32], ml.Hidden);
            Assert.Equal((Abstractions.ML.OptimizerKind.SgdMomentum, Abstractions.ML.SyncMode.Async), (ml.Optimizer, ml.Mode));
        }
    }

    [Fact]
    public void Silo_reads_the_same_settings_from_opt_equals_value_and_opt_space_value()
    {
        string[] spaced = ["--cluster", "redis://127.0.0.1:6379", "--cluster-id", "c1", "--silo-port", "11112", "--gateway-port", "30001",
            "--data-port", "7101", "--slots", "3", "--memory", "512m", "--work-dir", "/tmp/w", "--replicas", "2", "--pretouch"];
        string[] joined = [.. spaced.Chunk(2).SkipLast(1).Select(pair => $"{pair[0]}={pair[1]}"), "--pretouch"];
        foreach (var args in new[] { spaced, joined })
        {
            Assert.True(SiloArguments.TryParse(args, TextWriter.Null, TextWriter.Null, out var s, out var code), string.Join(' ', args));
            Assert.Equal(0, code);
            Assert.Equal((ClusterAddressKind.Redis, "127.0.0.1:6379", "c1"), (s.Cluster.Kind, s.Cluster.RedisConfiguration, s.ClusterId));
            Assert.Equal((11112, 30001, 7101, 3, 512L << 20), (s.SiloPort, s.GatewayPort, s.DataPort, s.Slots, s.MemoryBytes));
            Assert.Equal(("/tmp/w", 2, true, (string?)null), (s.WorkDirectory, s.Replicas, s.PreTouch, s.Primary));
        }

        Assert.True(SiloArguments.TryParse([], TextWriter.Null, TextWriter.Null, out var defaults, out _));
        Assert.Equal(new SiloArguments(), defaults);
    }

    [Fact]
    public void A_bad_silo_value_is_a_usage_error_in_one_line()
    {
        var error = new StringWriter();
        Assert.False(SiloArguments.TryParse(["--silo-port=70000"], TextWriter.Null, error, out _, out var code));
        Assert.Equal(2, code);
        Assert.Equal("error: option --silo-port: '70000' is not a port number", error.ToString().Trim());
    }

    [Fact]
    public async Task Gensort_writes_the_same_records_given_opt_equals_value_or_opt_space_value()
    {
        var spaced = Path.Combine(_folder.Path, "spaced");
        var joined = Path.Combine(_folder.Path, "joined");
        var a = await CliProcess.RunAsync("gensort", "--records", "2_000", "--output", spaced, "--partitions", "2", "--seed", "7", "--quiet");
        var b = await CliProcess.RunAsync("gensort", "--records=2_000", $"--output={joined}", "--partitions=2", "--seed=7", "--quiet");
        Assert.True(a.ExitCode == 0, a.Output);
        Assert.True(b.ExitCode == 0, b.Output);
        Assert.StartsWith("Records: 2000\nChecksum: ", a.Stdout);
        Assert.Equal(a.Stdout, b.Stdout);
        Assert.Equal(["part-00000", "part-00001"], Directory.GetFiles(joined).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllBytes(Path.Combine(spaced, "part-00001")), File.ReadAllBytes(Path.Combine(joined, "part-00001")));
    }

    [Theory]
    [InlineData("wordcount x --top", "error: option '--top' needs a value")]
    [InlineData("wordcount x --top 0", "error: option --top: '0' is not a whole number ≥ 1")]
    [InlineData("wordcount x --shuffle tape", "error: --shuffle must be memory, redis or disk (was 'tape')")]
    [InlineData("wordcount x --split-size lots", "error: --split-size: 'lots' is not a size (examples: 4096, 64k, 16m, 2g)")]
    [InlineData("wordcount", "error: wordcount needs at least one file or directory (or --generate SIZE)")]
    [InlineData("frobnicate", "error: unknown command 'frobnicate' (run 'orleansflow --help')")]
    [InlineData("sort --input in", "error: sort needs --output DIR")]
    [InlineData("sort in", "error: sort takes no positional arguments (got 'in')")]
    [InlineData("ml linreg", "error: ml needs exactly one input: --generate ROWS, --data FILE, --sql QUERY --data DIR or --dataset NAME")]
    [InlineData("ml svm --generate 10", "error: ml needs one model: linreg, logreg or mlp (run 'orleansflow ml --help')")]
    [InlineData("sql --data d", "error: give the query as one argument (quoted) or with --file")]
    [InlineData("sql q --data d --format xml", "error: --format must be table, csv or json (was 'xml')")]
    [InlineData("gensort --records 1x --output d", "error: option --records: '1x' is not a whole number ≥ 0")]
    [InlineData("valsort a b", "error: valsort needs exactly one directory")]
    [InlineData("job", "error: job needs one job id (run 'orleansflow job --help')")]
    public async Task Usage_errors_are_one_line_and_exit_code_2(string line, string expected)
    {
        var (code, stdout, stderr) = await RunInProcessAsync(line.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd('\n'));
    }

    private static Command Find(string path) =>
        Words(path).Aggregate((Command)CliApp.CreateRootCommand(), (command, word) => command.Subcommands.Single(s => s.Name == word));

    private static string[] Words(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static TSettings Read<TCommand, TSettings>(Func<TCommand, ParseResult, TSettings> read, params string[] args) where TCommand : Command
    {
        var result = CliApp.Parse(args);
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => e.Message)));
        return read(Assert.IsType<TCommand>(result.CommandResult.Command), result);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunInProcessAsync(string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<ProcessRun> RunSiloAsync(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Silo.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
