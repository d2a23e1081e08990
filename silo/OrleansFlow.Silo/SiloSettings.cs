using System.Globalization;
using System.Net;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Fabric.Scheduling;

namespace OrleansFlow.Silo;

/// <summary>
/// One silo setting. Its command-line flag, environment variable and configuration key all derive from
/// <see cref="Name"/>, so that the three spellings cannot drift apart: <c>cluster-id</c> is <c>--cluster-id</c>,
/// <c>ORLEANSFLOW_CLUSTER_ID</c> and <c>OrleansFlow:ClusterId</c> (<c>{"OrleansFlow": {"ClusterId": ...}}</c>).
/// </summary>
internal sealed class SiloSetting
{
    public const string Section = "OrleansFlow";
    public const string EnvironmentPrefix = "ORLEANSFLOW_";

    private readonly Func<SiloArguments, string, SiloArguments> _apply;

    internal SiloSetting(string name, string helpName, string type, string defaultValue, string description,
        Func<SiloArguments, string, SiloArguments> apply, bool inFile = true, bool isSwitch = false)
    {
        Name = name;
        HelpName = helpName;
        Type = type;
        Default = defaultValue;
        Description = description;
        _apply = apply;
        InFile = inFile;
        IsSwitch = isSwitch;
    }

    /// <summary>Lower-case words joined by '-', as the flag spells it without its dashes.</summary>
    public string Name { get; }

    public string Flag => "--" + Name;

    public string EnvironmentVariable => EnvironmentPrefix + Name.Replace('-', '_').ToUpperInvariant();

    /// <summary>The key in <c>appsettings.json</c>; null for a setting that says where those files are.</summary>
    public string? Key => InFile ? $"{Section}:{KeyName}" : null;

    /// <summary>The key within the <see cref="Section"/>.</summary>
    public string KeyName => string.Concat(Name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public string HelpName { get; }

    /// <summary>What values it takes, for people.</summary>
    public string Type { get; }

    /// <summary>Its value when nothing sets it, for people.</summary>
    public string Default { get; }

    public string Description { get; }

    public bool InFile { get; }

    /// <summary>A flag without a value (<c>--pretouch</c>); elsewhere <c>true</c> or <c>false</c>.</summary>
    public bool IsSwitch { get; }

    /// <summary><paramref name="arguments"/> with this setting's value <paramref name="text"/>; a
    /// <see cref="SettingException"/> says what is wrong with the value, without saying where it came from.</summary>
    public SiloArguments Apply(SiloArguments arguments, string text) => _apply(arguments, text.Trim());

    /// <summary>The problem with <paramref name="text"/> as this setting's value, or null.</summary>
    public string? Problem(string text)
    {
        try
        {
            Apply(new SiloArguments(), text);
            return null;
        }
        catch (SettingException e)
        {
            return e.Message;
        }
    }

    public override string ToString() => Name;
}

/// <summary>What is wrong with a setting's value, in words that fit after its name.</summary>
internal sealed class SettingException(string message) : Exception(message);

/// <summary>
/// Every setting of the silo, in the order <c>--help</c> and the README list them. A value set in several places is
/// taken from the first of: the command line, an <c>ORLEANSFLOW_</c> environment variable,
/// <c>appsettings.{DOTNET_ENVIRONMENT}.json</c>, <c>appsettings.json</c>; an empty value means the default.
/// </summary>
internal static class SiloSettings
{
    public static readonly SiloSetting ConfigDir = new("config-dir", "DIR", "folder", "the silo executable's folder",
        "folder of appsettings.json and appsettings.{DOTNET_ENVIRONMENT}.json",
        (a, v) => Directory.Exists(v) ? a : throw new SettingException($"'{v}' is not a folder"), inFile: false);

    public static readonly IReadOnlyList<SiloSetting> All =
    [
        ConfigDir,
        new("cluster", "redis://HOST:PORT", "redis://HOST:PORT or embedded", "embedded",
            "join the cluster whose membership is in Redis (job state is kept there too); embedded: a development cluster on localhost, job state in memory",
            (a, v) => a with { Cluster = Cluster(v) }),
        new("cluster-id", "ID", "text", "orleansflow", "cluster id (also the service id)", (a, v) => a with { ClusterId = v }),
        new("silo-port", "N", "port 0-65535", "11111", "silo-to-silo port", (a, v) => a with { SiloPort = Port(v) }),
        new("gateway-port", "N", "port 0-65535", "30000", "client gateway port", (a, v) => a with { GatewayPort = Port(v) }),
        new("data-port", "N", "port 0-65535", "0, any free port", "memory tier data-plane port", (a, v) => a with { DataPort = Port(v) }),
        new("advertise-address", "ADDR", "IP address", "loopback with embedded clustering; with Redis, this host's address on the route to the Redis server (loopback for a Redis on loopback)",
            "the address other silos, clients and the memory tier's peers reach this silo at (silo, gateway and data-plane endpoints); the silo listens on every interface",
            (a, v) => a with { AdvertiseAddress = Address(v) }),
        new("data-listen", "ADDR", "IP address", "0.0.0.0, every interface", "the local address the memory tier's data plane listens on",
            (a, v) => a with { DataListen = Address(v) }),
        new("primary", "HOST:PORT", "IP:PORT", "none", "localhost clustering only: the first silo's silo port, for a second silo",
            (a, v) => a with { Primary = Endpoint(v) }),
        new("slots", "N", "integer ≥ 1", "the processor count", "tasks run at once on this silo", (a, v) => a with { Slots = AtLeastOne(v) }),
        new("role", "ROLE", "both, compute or memory", "both",
            "compute: runs tasks (the silos an autoscaler adds and removes); memory: holds tier blocks and grains, runs no tasks",
            (a, v) => a with { Role = Role(v) }),
        new("memory", "SIZE", "size (512m, 2g, ...)", "1g", "memory tier DRAM budget", (a, v) => a with { MemoryBytes = Size(v) }),
        new("work-dir", "DIR", "folder", "$TMPDIR/orleansflow", "folder for job output and scratch files", (a, v) => a with { WorkDirectory = v }),
        new("replicas", "K", "integer ≥ 1", "1", "copies of each memory tier block, on K silos", (a, v) => a with { Replicas = AtLeastOne(v) }),
        new("pretouch", "", "true or false", "false",
            "make the memory tier and the sort buffers resident at start (start-up costs ≈ 1.8 s of CPU per GB; the first jobs then do not)",
            (a, v) => a with { PreTouch = Switch(v) }, isSwitch: true),
        // Plan-size limits (PlanLimits): a job asking for more fails at submit with one line naming the setting.
        new(PlanLimits.TasksPerStageSetting, "N", "integer ≥ 1", N(PlanLimits.Default.MaxTasksPerStage),
            "most tasks one stage of a job may have (e.g. map tasks: input size / split size)",
            (a, v) => a with { Limits = a.Limits with { MaxTasksPerStage = AtLeastOne(v) } }),
        new(PlanLimits.PartitionsSetting, "N", "integer ≥ 1", N(PlanLimits.Default.MaxPartitions),
            "most partitions a job may ask for (MapReduce and sort --reducers, SQL --partitions)",
            (a, v) => a with { Limits = a.Limits with { MaxPartitions = AtLeastOne(v) } }),
        new(PlanLimits.StagesSetting, "N", "integer ≥ 1", N(PlanLimits.Default.MaxStages),
            "most stages one job may have (ML: one per epoch; SQL: one per exchange)",
            (a, v) => a with { Limits = a.Limits with { MaxStages = AtLeastOne(v) } }),
        new(PlanLimits.SplitSizeSetting, "SIZE", "size (1, 4k, 1m, ...)", N(PlanLimits.Default.MinSplitBytes),
            "smallest input split a job may ask for (--split-size)",
            (a, v) => a with { Limits = a.Limits with { MinSplitBytes = PositiveSize(v) } }),
        new(PlanLimits.QueryNestingSetting, "N", "integer ≥ 1", N(PlanLimits.Default.MaxQueryNesting),
            "most levels a SQL query may nest (parentheses, subqueries, operators of a chain, inlined CTEs); deeper: an error naming line and column",
            (a, v) => a with { Limits = a.Limits with { MaxQueryNesting = AtLeastOne(v) } }),
    ];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The settings as the README's table has them, one row each.</summary>
    public static IEnumerable<string> MarkdownTable()
    {
        yield return "| setting | flag | environment variable | appsettings.json key | type | default | description |";
        yield return "|---|---|---|---|---|---|---|";
        foreach (var s in All)
        {
            var flag = s.IsSwitch ? $"`{s.Flag}`" : $"`{s.Flag} {s.HelpName}`";
            var key = s.Key is null ? "—" : $"`{s.Key}`";
            yield return $"| {s.Name} | {flag} | `{s.EnvironmentVariable}` | {key} | {s.Type} | {s.Default} | {s.Description} |";
        }
    }

    private static ClusterAddress Cluster(string text)
    {
        if (text.Length == 0 || text.Equals("embedded", StringComparison.OrdinalIgnoreCase))
            return ClusterAddress.Embedded;
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            if (text["redis://".Length..].Trim('/').Length == 0)
                throw new SettingException($"'{text}' names no Redis server: expected redis://HOST:PORT");
            return ClusterAddress.Parse(text);
        }
        // host:port[,host:port...] is how clients name gateways; it names no membership a silo could join.
        var gateways = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!text.Contains("://", StringComparison.Ordinal) && gateways.Length > 0 && gateways.All(g =>
                g.LastIndexOf(':') is > 0 and var colon && int.TryParse(g[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw new SettingException("a silo joins a cluster through redis://HOST:PORT, not through gateways");
        throw new SettingException($"'{text}' is not a cluster a silo can join: expected redis://HOST:PORT, or embedded");
    }

    private static SiloRole Role(string text) => text.ToLowerInvariant() switch
    {
        "both" => SiloRole.Both,
        "compute" => SiloRole.Compute,
        "memory" => SiloRole.Memory,
        _ => throw new SettingException($"'{text}' is not a role: expected both, compute or memory"),
    };

    private static int Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new SettingException($"'{text}' is not a port number");

    private static int AtLeastOne(string text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new SettingException($"'{text}' is not a whole number");
        return n >= 1 ? n : throw new SettingException($"must be at least 1 (was {n})");
    }

    private static long Size(string text)
    {
        var bytes = AnySize(text);
        // The memory tier hands out 4 KiB-aligned blocks: a smaller budget could not hold one.
        return bytes >= 4096 ? bytes : throw new SettingException($"must be at least 4k (was {text})");
    }

    private static long PositiveSize(string text)
    {
        var bytes = AnySize(text);
        return bytes >= 1 ? bytes : throw new SettingException($"must be at least 1 (was {text})");
    }

    private static long AnySize(string text)
    {
        try
        {
            return ByteSize.Parse(text, "");
        }
        catch (ArgumentException)
        {
            throw new SettingException($"'{text}' is not a size (examples: 4096, 64k, 16m, 2g)");
        }
        catch (OverflowException)
        {
            throw new SettingException($"'{text}' is too large");
        }
    }

    private static string Endpoint(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 && text.Contains(':', StringComparison.Ordinal)
            ? text
            : throw new SettingException($"'{text}' is not IP:PORT (e.g. 127.0.0.1:11111)");

    private static IPAddress Address(string text) =>
        IPAddress.TryParse(text, out var address) && text.Contains('.', StringComparison.Ordinal) | text.Contains(':', StringComparison.Ordinal)
            ? address
            : throw new SettingException($"'{text}' is not an IP address (e.g. 10.0.0.5)");

    private static bool Switch(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new SettingException($"'{text}' is not true or false"),
    };
}
