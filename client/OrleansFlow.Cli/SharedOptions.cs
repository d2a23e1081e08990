using System.CommandLine;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Cli;

/// <summary>
/// The options more than one command takes, declared once here and added to each of those commands.
/// <see cref="AddCommonTo"/> adds the four every command takes.
/// </summary>
internal sealed class SharedOptions
{
    public Option<string?> Cluster { get; } = new("--cluster")
    {
        HelpName = "ADDR",
        Description = "the cluster: redis://HOST:PORT (Redis membership) or HOST:PORT[,HOST:PORT] (gateways); " +
            "default: $ORLEANSFLOW_CLUSTER, or else an embedded silo in this process",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ORLEANSFLOW_CLUSTER"),
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        HelpName = "ID",
        Description = "the cluster's id",
        DefaultValueFactory = _ => "orleansflow",
    };

    public Option<bool> Quiet { get; } = OptionKinds.Flag("--quiet", "no progress or summary lines on stderr");

    public Option<bool> Json { get; } = OptionKinds.Flag("--json",
        "print the result as one JSON document on stdout (camelCase names, durations as whole milliseconds in fields ending in Ms)");

    /// <summary>Commands that run a job: submit it and return.</summary>
    public Option<bool> Detach { get; } = OptionKinds.Flag("--detach",
        "submit the job, print its id and exit without waiting (needs --cluster: an embedded silo stops with this process)");

    /// <summary>wordcount, sort and sql: where the shuffle's blocks go.</summary>
    public Option<ShuffleStoreKind> Shuffle { get; } = OptionKinds.Choice(
        "--shuffle",
        new Dictionary<string, ShuffleStoreKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["memory"] = ShuffleStoreKind.Memory,
            ["redis"] = ShuffleStoreKind.Redis,
            ["disk"] = ShuffleStoreKind.Disk,
        },
        ShuffleStoreKind.Memory, "memory, redis or disk", "the store the shuffle goes through");

    /// <summary>wordcount and sort: reduce tasks.</summary>
    public Option<int?> Reducers { get; } = OptionKinds.OptionalWholeNumber("--reducers", 1, "reduce tasks (default: the job picks, from the cluster's size)", "R");

    /// <summary>wordcount and sort: bytes of input per map task.</summary>
    public Option<long?> SplitSize { get; } = OptionKinds.Size("--split-size", "input bytes per map task, e.g. 64m (default: the job picks, about two waves of tasks over all slots)");

    /// <summary>sql and ml: no fabric, this process only.</summary>
    public Option<bool> Local { get; } = OptionKinds.Flag("--local", "run in this process instead of as a job on the fabric (the baseline: no silo)");

    /// <summary>Adds <c>--cluster</c>, <c>--cluster-id</c>, <c>--quiet</c> and <c>--json</c>, which every command of the fabric takes.</summary>
    public void AddCommonTo(Command command)
    {
        command.Add(Cluster);
        command.Add(ClusterId);
        AddOutputTo(command);
    }

    /// <summary>Adds <c>--quiet</c> and <c>--json</c>: every command takes them, also those that need no cluster.</summary>
    public void AddOutputTo(Command command)
    {
        command.Add(Quiet);
        command.Add(Json);
    }

    /// <summary>Adds <c>--detach</c> to a command that runs a job, with its check: a cluster must be named, and
    /// <paramref name="local"/> (run in this process), if the command has it, must not be given.</summary>
    public void AddDetachTo(Command command, Option<bool>? local = null)
    {
        command.Add(Detach);
        command.AddCheck(r =>
        {
            if (!r.IsGiven(Detach)) return;
            if (local is not null && r.IsGiven(local))
                r.AddError("--detach submits a job to a cluster; --local runs in this process");
            else if (r.GetValue(Cluster) is not { } cluster || string.IsNullOrWhiteSpace(cluster) || cluster.Equals("embedded", StringComparison.OrdinalIgnoreCase))
                r.AddError("--detach needs a cluster (--cluster ADDR or ORLEANSFLOW_CLUSTER): an embedded silo stops with this process");
        });
    }

    public CommonSettings ReadCommon(ParseResult result) => new()
    {
        Cluster = result.GetValue(Cluster),
        ClusterId = result.GetValue(ClusterId) ?? "orleansflow",
        Quiet = result.GetValue(Quiet),
        Json = result.GetValue(Json),
        Detach = result.CommandResult.Command.Options.Contains(Detach) && result.GetValue(Detach),
    };
}

/// <summary>The values of the options every command takes; each command's settings add its own.</summary>
internal record CommonSettings
{
    /// <summary>The cluster to connect to; null or empty: an embedded silo.</summary>
    public string? Cluster { get; init; }
    public string ClusterId { get; init; } = "orleansflow";
    public bool Quiet { get; init; }
    public bool Json { get; init; }
    /// <summary>Commands that run a job: submit it, print its id, do not wait.</summary>
    public bool Detach { get; init; }
}
