using System.Collections;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Fabric.Scheduling;
using OrleansFlow.Silo;

namespace OrleansFlow.Tests.Cli;

/// <summary>
/// The silo's settings table and its layers (flags, <c>ORLEANSFLOW_</c> variables, <c>appsettings.{Environment}.json</c>,
/// <c>appsettings.json</c>), read in this process with an environment of the test's own; no silo starts.
/// </summary>
public sealed class SiloSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new("silo-settings");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_readme_documents_every_setting_once_as_the_table_in_code_has_it()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var expected = SiloSettings.MarkdownTable().ToList();
        var start = Array.IndexOf(readme, expected[0]);
        Assert.True(start >= 0, $"README.md has no silo settings table; it should read:\n{string.Join('\n', expected)}");
        var actual = readme.Skip(start).TakeWhile(line => line.StartsWith('|')).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"README.md's silo settings table differs from SiloSettings.All; it should read:\n{string.Join('\n', expected)}");
        Assert.Single(readme, line => line == expected[0]);
    }

    [Fact]
    public void Flags_variables_and_keys_are_spelled_after_the_setting()
    {
        var slots = SiloSettings.All.Single(s => s.Name == "slots");
        Assert.Equal(("--slots", "ORLEANSFLOW_SLOTS", "OrleansFlow:Slots"), (slots.Flag, slots.EnvironmentVariable, slots.Key));
        var clusterId = SiloSettings.All.Single(s => s.Name == "cluster-id");
        Assert.Equal(("--cluster-id", "ORLEANSFLOW_CLUSTER_ID", "OrleansFlow:ClusterId"), (clusterId.Flag, clusterId.EnvironmentVariable, clusterId.Key));
        Assert.Equal("ORLEANSFLOW_MEMORY", SiloSettings.All.Single(s => s.Name == "memory").EnvironmentVariable);
        Assert.Equal(SiloSettings.All.Count, SiloSettings.All.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Every_setting_reads_the_same_from_its_flag_its_variable_and_its_key()
    {
        var work = _folder.Sub("work");
        var values = new Dictionary<string, string>
        {
            ["cluster"] = "redis://127.0.0.1:6390", ["cluster-id"] = "c7", ["silo-port"] = "11120", ["gateway-port"] = "30020",
            ["data-port"] = "7120", ["advertise-address"] = "10.1.2.3", ["data-listen"] = "127.0.0.1", ["primary"] = "127.0.0.1:11119", ["slots"] = "3", ["role"] = "memory", ["memory"] = "96m", ["work-dir"] = work,
            ["replicas"] = "2", ["pretouch"] = "true",
            ["max-tasks-per-stage"] = "50", ["max-partitions"] = "60", ["max-stages"] = "65", ["min-split-size"] = "1k", ["max-query-nesting"] = "70",
        };
        var expected = new SiloArguments
        {
            Cluster = ClusterAddress.Parse("redis://127.0.0.1:6390"), ClusterId = "c7", SiloPort = 11120, GatewayPort = 30020, DataPort = 7120,
            AdvertiseAddress = System.Net.IPAddress.Parse("10.1.2.3"), DataListen = System.Net.IPAddress.Loopback,
            Primary = "127.0.0.1:11119", Slots = 3, Role = SiloRole.Memory, MemoryBytes = 96L << 20, WorkDirectory = work, Replicas = 2, PreTouch = true,
            Limits = new PlanLimits { MaxTasksPerStage = 50, MaxPartitions = 60, MaxStages = 65, MinSplitBytes = 1024, MaxQueryNesting = 70 },
        };
        var settings = SiloSettings.All.Where(s => s.InFile).ToList();
        Assert.Equal(settings.Select(s => s.Name).Order(), values.Keys.Order());

        string[] flags = [.. settings.SelectMany(s => s.IsSwitch ? [s.Flag] : new[] { s.Flag, values[s.Name] })];
        var fromFlags = Read(flags, new());
        var fromVariables = Read([], settings.ToDictionary(s => s.EnvironmentVariable, s => values[s.Name]));
        WriteSettings("appsettings.json", string.Join(", ", settings.Select(s => $"\"{s.KeyName}\": \"{values[s.Name]}\"")));
        var fromFile = Read([], new());

        foreach (var actual in new[] { fromFlags, fromVariables, fromFile })
        {
            Assert.Equal((expected.Cluster.Kind, expected.Cluster.RedisConfiguration), (actual.Cluster.Kind, actual.Cluster.RedisConfiguration));
            Assert.Equal(expected with { Cluster = actual.Cluster }, actual);
        }
    }

    [Fact]
    public void The_advertised_address_defaults_to_loopback_for_a_cluster_on_this_host_only()
    {
        // Embedded clustering and a Redis on loopback are clusters of one host: their members meet on loopback, as
        // the multi-process tests expect.
        Assert.Equal(System.Net.IPAddress.Loopback, AdvertisedAddress.Default(ClusterAddress.Embedded));
        Assert.Equal(System.Net.IPAddress.Loopback, AdvertisedAddress.Default(ClusterAddress.Parse("redis://127.0.0.1:6379")));
        Assert.Equal(System.Net.IPAddress.Loopback, AdvertisedAddress.Default(ClusterAddress.Parse("redis://localhost:6379")));
        Assert.Null(Read([], new()).AdvertiseAddress);
        Assert.Equal(System.Net.IPAddress.Any, Read([], new()).DataListen);
    }

    [Fact]
    public void A_flag_wins_over_the_variable_which_wins_over_the_environments_file_which_wins_over_appsettings_json()
    {
        WriteSettings("appsettings.json", "\"Slots\": 3, \"Memory\": \"64m\", \"ClusterId\": \"from-file\"");
        WriteSettings("appsettings.Staging.json", "\"Slots\": 4");

        Assert.Equal((3, 64L << 20, "from-file"), Slots(Read([], new())));
        Assert.Equal((4, 64L << 20, "from-file"), Slots(Read([], new() { ["DOTNET_ENVIRONMENT"] = "Staging" })));
        Assert.Equal((5, 64L << 20, "from-file"), Slots(Read([], new() { ["DOTNET_ENVIRONMENT"] = "Staging", ["ORLEANSFLOW_SLOTS"] = "5" })));
        Assert.Equal((6, 64L << 20, "from-file"), Slots(Read(["--slots", "6"], new() { ["DOTNET_ENVIRONMENT"] = "Staging", ["ORLEANSFLOW_SLOTS"] = "5" })));
        // An empty value is the default, whatever a file below says.
        Assert.Equal(((int?)null, 64L << 20, "from-file"), Slots(Read([], new() { ["ORLEANSFLOW_SLOTS"] = "" })));
        // Without a folder named, the files beside the silo are read (there are none in the build output).
        Assert.Equal(new SiloArguments(), Read([], new(), configDir: false));

        static (int?, long?, string) Slots(SiloArguments a) => (a.Slots, a.MemoryBytes, a.ClusterId);
    }

    [Fact]
    public void The_logging_section_and_its_variables_are_layered_above_the_silos_own_levels()
    {
        Assert.Equal(("Information", "Warning", "Warning"), Levels(Builder([], new())));
        WriteSettings("appsettings.json", "", """, "Logging": { "LogLevel": { "Orleans": "Information", "Orleans.Runtime.Silo": "Debug" } }""");
        Assert.Equal(("Information", "Information", "Warning"), Levels(Builder([], new())));
        Assert.Equal("Debug", Builder([], new()).Configuration["Logging:LogLevel:Orleans.Runtime.Silo"]);

        static (string?, string?, string?) Levels(Microsoft.Extensions.Hosting.HostApplicationBuilder b) =>
            (b.Configuration["Logging:LogLevel:Default"], b.Configuration["Logging:LogLevel:Orleans"], b.Configuration["Logging:LogLevel:Microsoft"]);
    }

    [Theory]
    [InlineData("variable", "ORLEANSFLOW_SLOTS", "0", "error: ORLEANSFLOW_SLOTS: must be at least 1 (was 0)")]
    [InlineData("variable", "ORLEANSFLOW_REPLICAS", "two", "error: ORLEANSFLOW_REPLICAS: 'two' is not a whole number")]
    [InlineData("variable", "ORLEANSFLOW_CLUSTER", "zookeeper://10.0.0.1:2181", "error: ORLEANSFLOW_CLUSTER: 'zookeeper://10.0.0.1:2181' is not a cluster a silo can join: expected redis://HOST:PORT, or embedded")]
    [InlineData("variable", "ORLEANSFLOW_CLUSTER", "10.0.0.1:30000", "error: ORLEANSFLOW_CLUSTER: a silo joins a cluster through redis://HOST:PORT, not through gateways")]
    [InlineData("variable", "ORLEANSFLOW_PRETOUCH", "maybe", "error: ORLEANSFLOW_PRETOUCH: 'maybe' is not true or false")]
    [InlineData("variable", "ORLEANSFLOW_CONFIG_DIR", "/no/such/folder", "error: ORLEANSFLOW_CONFIG_DIR: '/no/such/folder' is not a folder")]
    [InlineData("file", "Memory", "lots", "error: OrleansFlow:Memory in {file}: 'lots' is not a size (examples: 4096, 64k, 16m, 2g)")]
    [InlineData("file", "Memory", "1k", "error: OrleansFlow:Memory in {file}: must be at least 4k (was 1k)")]
    [InlineData("file", "SiloPort", "70000", "error: OrleansFlow:SiloPort in {file}: '70000' is not a port number")]
    [InlineData("file", "Primary", "localhost", "error: OrleansFlow:Primary in {file}: 'localhost' is not IP:PORT (e.g. 127.0.0.1:11111)")]
    [InlineData("file", "Slot", "4", "error: OrleansFlow:Slot in {file}: not a setting of the silo (they are Cluster, ClusterId, SiloPort, GatewayPort, DataPort, AdvertiseAddress, DataListen, Primary, Slots, Role, Memory, WorkDir, Replicas, Pretouch, MaxTasksPerStage, MaxPartitions, MaxStages, MinSplitSize, MaxQueryNesting)")]
    [InlineData("variable", "ORLEANSFLOW_ADVERTISE_ADDRESS", "myhost", "error: ORLEANSFLOW_ADVERTISE_ADDRESS: 'myhost' is not an IP address (e.g. 10.0.0.5)")]
    [InlineData("flag", "--data-listen", "5", "error: option --data-listen: '5' is not an IP address (e.g. 10.0.0.5)")]
    [InlineData("flag", "--slots", "0", "error: option --slots: must be at least 1 (was 0)")]
    [InlineData("flag", "--cluster", "10.0.0.1:30000", "error: option --cluster: a silo joins a cluster through redis://HOST:PORT, not through gateways")]
    public void A_bad_value_is_one_line_naming_where_it_came_from_and_exit_code_2(string where, string name, string value, string expected)
    {
        string[] args = where == "flag" ? [name, value] : [];
        var environment = where == "variable" ? new Dictionary<string, string> { [name] = value } : new Dictionary<string, string>();
        if (where == "file")
            WriteSettings("appsettings.json", $"\"{name}\": \"{value}\"");
        var error = new StringWriter();
        Assert.False(SiloConfiguration.TryCreateBuilder(args, With(environment), TextWriter.Null, error, out _, out _, out var code));
        Assert.Equal(2, code);
        Assert.Equal(expected.Replace("{file}", _folder.Sub("appsettings.json")), Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void A_file_that_is_not_json_is_one_line_naming_it_and_exit_code_2()
    {
        _folder.File("appsettings.json", "{ \"OrleansFlow\": { \"Slots\": ");
        var error = new StringWriter();
        Assert.False(SiloConfiguration.TryCreateBuilder([], With(new()), TextWriter.Null, error, out _, out _, out var code));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: Failed to load configuration from file '{_folder.Sub("appsettings.json")}'.", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    private void WriteSettings(string file, string orleansFlow, string rest = "") =>
        _folder.File(file, $"{{ \"OrleansFlow\": {{ {orleansFlow} }}{rest} }}");

    private SiloArguments Read(string[] args, Dictionary<string, string> environment, bool configDir = true)
    {
        var error = new StringWriter();
        Assert.True(SiloConfiguration.TryCreateBuilder(args, configDir ? With(environment) : environment, TextWriter.Null, error, out _, out var arguments, out _),
            error.ToString());
        return arguments;
    }

    private Microsoft.Extensions.Hosting.HostApplicationBuilder Builder(string[] args, Dictionary<string, string> environment)
    {
        var error = new StringWriter();
        Assert.True(SiloConfiguration.TryCreateBuilder(args, With(environment), TextWriter.Null, error, out var builder, out _, out _), error.ToString());
        return builder;
    }

    /// <summary>The test's environment, with the test's folder as the configuration folder unless it names another.</summary>
    private Hashtable With(Dictionary<string, string> environment)
    {
        var all = new Hashtable { ["ORLEANSFLOW_CONFIG_DIR"] = _folder.Path };
        foreach (var (name, value) in environment) all[name] = value;
        return all;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OrleansFlow.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no OrleansFlow.sln above {AppContext.BaseDirectory}");
    }
}
