using OrleansFlow.Cli;
using OrleansFlow.Cli.Commands;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary>The <c>datagen</c> command line (the CLI's, in this process): parsing, usage errors and a small run.</summary>
public sealed class DatagenCommandTests
{
    [Theory]
    [InlineData("", "say which benchmark")]
    [InlineData("tpcx --sf 1 --output d", "unknown benchmark 'tpcx'")]
    [InlineData("tpch --output d", "--sf is required")]
    [InlineData("tpch --sf 1", "--output is required")]
    [InlineData("tpch --sf 0 --output d", "--sf must be a number greater than 0, not '0'")]
    [InlineData("tpch --sf abc --output d", "not 'abc'")]
    [InlineData("tpcds --sf 1 --output d --parallelism 0", "--parallelism must be an integer of at least 1, not '0'")]
    [InlineData("tpcds --sf 1 --output d --seed x", "--seed must be an integer, not 'x'")]
    [InlineData("tpcds --sf 1 --output d --fast yes", "unknown option '--fast'")]
    [InlineData("tpcds --sf 1 --output", "'--output' needs a value")]
    [InlineData("tpch --sf 1e9 --output d", "datagen: --sf 1000000000 is more than the limit of 1000 (raise it with --max-sf)")]
    [InlineData("tpcds --sf 2 --output d --max-sf 1", "datagen: --sf 2 is more than the limit of 1 (raise it with --max-sf)")]
    [InlineData("tpcds --sf 1 --output d --max-sf 0", "--max-sf must be a number greater than 0, not '0'")]
    public async Task Usage_errors_exit_with_2_and_say_what_is_wrong(string line, string message)
    {
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["datagen", .. line.Split(' ', StringSplitOptions.RemoveEmptyEntries)], TextWriter.Null, error);
        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString());
        Assert.Contains(DatagenCommand.Usage, error.ToString());
    }

    [Fact]
    public void Options_are_parsed()
    {
        Assert.True(DatagenCommand.TryParse(
            ["tpcds", "--sf", "0.5", "--output", "out", "--seed", "-3", "--parallelism", "4"], out var o, out _));
        Assert.Equal(new DatagenCommand.Options("tpcds", 0.5, "out", -3, 4), o);
        Assert.True(DatagenCommand.TryParse(["tpch", "--sf", "3000", "--output", "out", "--max-sf", "5000"], out var raised, out _));
        Assert.Equal(5000, raised.MaxScaleFactor);
    }

    [Fact]
    public async Task Run_writes_the_tables_and_lists_their_rows()
    {
        using var dir = new TempFolder("cmd");
        var output = new StringWriter();
        var code = await CliApp.RunAsync(["datagen", "tpch", "--sf", "0.001", "--output", dir.Path], output, TextWriter.Null);
        Assert.Equal(0, code);
        Assert.Contains("orders", output.ToString());
        Assert.Contains("1,500", output.ToString());
        Assert.True(File.Exists(Path.Combine(dir.Path, "orders", "part-00000.parquet")));
    }

    [Fact]
    public async Task Unwritable_output_exits_with_1()
    {
        using var dir = new TempFolder("cmd");
        var file = Path.Combine(dir.Path, "file");
        await File.WriteAllTextAsync(file, "x");
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["datagen", "tpch", "--sf", "0.001", "--output", Path.Combine(file, "out")], TextWriter.Null, error);
        Assert.Equal(1, code);
        Assert.Contains(file, error.ToString());
    }
}
