using System.Reflection;
using OrleansFlow.Cli;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary>The conventions people expect of a command-line tool: --version, --quiet everywhere, completion, a
/// clear and quick "cannot reach", and no log noise around the result.</summary>
public sealed class CliBehaviourTests : IDisposable
{
    private readonly TempFolder _folder = new("cli-behaviour");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Version_is_the_informational_version_of_the_cli()
    {
        var expected = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var run = await CliProcess.RunAsync("--version");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(expected, run.Stdout.Trim());
    }

    [Theory]
    [MemberData(nameof(CommandLineTests.CommandPaths), MemberType = typeof(CommandLineTests))]
    public void Quiet_and_json_are_accepted_by_every_command(string path)
    {
        if (path.Length == 0) return; // the root runs no command
        foreach (var flag in new[] { "--quiet", "--json" })
        {
            var result = CliApp.Parse([.. path.Split(' '), flag]);
            Assert.DoesNotContain(result.Errors, e => e.Message.Contains(flag, StringComparison.Ordinal));
            Assert.Empty(result.UnmatchedTokens);
        }
    }

    [Fact]
    public async Task The_suggest_directive_completes_commands_and_options()
    {
        var commands = await CliProcess.RunAsync("[suggest:3]", "wor");
        Assert.True(commands.ExitCode == 0, commands.Output);
        Assert.Equal(["wordcount"], commands.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var options = await CliProcess.RunAsync("[suggest:5]", "sort ");
        Assert.True(options.ExitCode == 0, options.Output);
        Assert.Contains("--input", options.Stdout.Split('\n'));

        // A value: the names the option takes. The command's own name may lead the line, as a shell passes it.
        var values = await CliProcess.RunAsync("[suggest:27]", "orleansflow sort --shuffle ");
        Assert.True(values.ExitCode == 0, values.Output);
        Assert.Equal(["disk", "memory", "redis"], values.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_closed_redis_port_is_one_line_naming_redis_and_exit_code_1()
    {
        var port = FreePorts.Next();
        var run = await CliProcess.RunAsync("jobs", "--cluster", $"redis://127.0.0.1:{port}");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"error: could not connect to the cluster at redis://127.0.0.1:{port}: Redis is not reachable (127.0.0.1:{port}: connection refused)", run.Stderr.Trim());
    }

    [Fact]
    public async Task Closed_gateway_ports_are_one_line_naming_them_and_exit_code_1()
    {
        var (a, b) = (FreePorts.Next(), FreePorts.Next());
        var run = await CliProcess.RunAsync("cluster", "--cluster", $"127.0.0.1:{a},127.0.0.1:{b}");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: could not connect to the cluster at 127.0.0.1:{a},127.0.0.1:{b}: no gateway is reachable " +
            $"(127.0.0.1:{a}: connection refused; 127.0.0.1:{b}: connection refused)",
            run.Stderr.Trim());
    }

    [Fact]
    public async Task A_quiet_run_on_the_embedded_silo_prints_nothing_on_stderr()
    {
        // The embedded silo's start-up (watchdog, retries while it joins itself) must not show around the result.
        var input = _folder.File("in/a.txt", "b b a\n");
        var run = await CliProcess.RunAsync("wordcount", input, "--quiet");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["b\t2", "a\t1"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Stderr);
    }
}
