using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.MultiProcess;

/// <summary>
/// Silo processes set up as a deployment would: <c>appsettings.json</c> in a folder named by
/// <c>ORLEANSFLOW_CONFIG_DIR</c>, <c>appsettings.{DOTNET_ENVIRONMENT}.json</c> beside it, and <c>ORLEANSFLOW_</c>
/// variables; a flag on top wins.
/// </summary>
public sealed class ConfiguredSiloTests : IDisposable
{
    private readonly TempFolder _folder = new("configured-silo");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_silo_set_up_by_files_and_variables_alone_joins_redis_and_a_flag_beats_the_variable()
    {
        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"configured-{Guid.NewGuid():N}";
        _folder.File("config/appsettings.json", $$"""
            {
              "OrleansFlow": { "ClusterId": "{{clusterId}}", "Slots": 3, "Memory": "64m", "WorkDir": "{{_folder.Sub("work")}}" },
              "Logging": { "LogLevel": { "Orleans.Runtime.Silo": "Information" } }
            }
            """);
        _folder.File("config/appsettings.Staging.json", """{ "OrleansFlow": { "Slots": 4 } }""");
        var environment = new Dictionary<string, string>
        {
            ["ORLEANSFLOW_CONFIG_DIR"] = _folder.Sub("config"),
            ["DOTNET_ENVIRONMENT"] = "Staging",
            ["ORLEANSFLOW_CLUSTER"] = $"redis://{redis.Configuration}",
            ["ORLEANSFLOW_MEMORY"] = "96m",
        };

        // One silo with no command line at all; the other with a flag over a variable, and the file's log level
        // turned down again by a variable.
        var silos = await Task.WhenAll(
            SiloProcess.StartAsync(FabricCluster.SiloExecutable, [], new SiloProcessOptions { Environment = environment, PortsInEnvironment = true }),
            SiloProcess.StartAsync(FabricCluster.SiloExecutable, ["--slots", "2"], new SiloProcessOptions
            {
                Environment = new Dictionary<string, string>(environment)
                {
                    ["ORLEANSFLOW_SLOTS"] = "5",
                    ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Warning",
                },
            }));
        await using var fromFiles = silos[0];
        await using var withFlag = silos[1];

        await using var client = await FlowClient.ConnectAsync(new FlowClientOptions { Cluster = $"redis://{redis.Configuration}", ClusterId = clusterId });
        IReadOnlyList<Abstractions.Cluster.SiloStats> stats = [];
        await Eventually.TrueAsync(async () => (stats = await client.GetClusterAsync()).Count == 2, TimeSpan.FromSeconds(60), "both silos active");

        var first = stats.Single(s => s.Silo.StartsWith($"127.0.0.1:{fromFiles.SiloPort}@", StringComparison.Ordinal));
        var second = stats.Single(s => s.Silo.StartsWith($"127.0.0.1:{withFlag.SiloPort}@", StringComparison.Ordinal));
        Assert.Equal(4, first.TaskSlots); // appsettings.Staging.json over appsettings.json
        Assert.Equal(2, second.TaskSlots); // the flag over ORLEANSFLOW_SLOTS
        Assert.Equal(96L << 20, first.Stores.Single(s => s.Store == ShuffleStoreKind.Memory).MemoryCapacityBytes); // ORLEANSFLOW_MEMORY over the file
        Assert.Contains($"cluster-id={clusterId}", await fromFiles.Process.WaitForLineAsync(SiloProcess.ReadyLine, TimeSpan.FromSeconds(1)));
        Assert.Contains($"gateway-port={fromFiles.GatewayPort}", await fromFiles.Process.WaitForLineAsync(SiloProcess.ReadyLine, TimeSpan.FromSeconds(1)));
        // The Logging section took effect, and a Logging__ variable over it.
        Assert.Contains("info: Orleans.Runtime.Silo", fromFiles.Process.Output);
        Assert.DoesNotContain("info: Orleans.Runtime.Silo", withFlag.Process.Output);
    }

    [Theory]
    [InlineData("variable", "error: ORLEANSFLOW_SLOTS: must be at least 1 (was 0)")]
    [InlineData("file", "error: OrleansFlow:Memory in {file}: 'lots' is not a size (examples: 4096, 64k, 16m, 2g)")]
    public async Task A_bad_setting_stops_the_silo_with_one_line_and_exit_code_2(string where, string expected)
    {
        var file = _folder.File("appsettings.json", where == "file" ? """{ "OrleansFlow": { "Memory": "lots" } }""" : "{}");
        var environment = new Dictionary<string, string> { ["ORLEANSFLOW_CONFIG_DIR"] = _folder.Path };
        if (where == "variable")
            environment["ORLEANSFLOW_SLOTS"] = "0";

        var run = await ChildProcess.RunAsync("dotnet", [FabricCluster.SiloExecutable], new ChildProcessOptions { Environment = environment });

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Equal("", run.Stdout);
        Assert.Equal(expected.Replace("{file}", file), run.Stderr.TrimEnd('\n'));
    }
}
