using System.CommandLine;
using Microsoft.Extensions.Logging;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Cli.Json;
using OrleansFlow.Scaler;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>drain SILO</c> and <c>scaler</c>: taking compute out of a cluster, and letting an autoscaler do it.</summary>
internal static class ElasticCommands
{
    public static IEnumerable<Command> Create(SharedOptions shared)
    {
        var silo = new Argument<string>("silo") { Description = "the silo's address, as 'orleansflow cluster' lists it" };
        var drain = new Command("drain", "Drain a silo: no new tasks, running ones finish, its blocks move to the other silos; then it stops.") { silo };
        shared.AddCommonTo(drain);
        drain.AddCheck(r => RequireCluster(r, shared, "drain"));
        drain.SetAction((r, cancellationToken) => DrainAsync(shared.ReadCommon(r), r.GetValue(silo)!, cancellationToken));

        var min = OptionKinds.WholeNumber("--min", min: 0, fallback: 0, "fewest compute silos (0: scale compute to zero when idle)");
        var max = OptionKinds.WholeNumber("--max", min: 1, fallback: 4, "most compute silos");
        var slots = OptionKinds.WholeNumber("--slots", min: 1, fallback: Environment.ProcessorCount, "task slots of each compute silo it starts");
        var idle = OptionKinds.WholeNumber("--idle-seconds", min: 0, fallback: 30, "drain a compute silo that ran nothing for this long", "S");
        var wait = OptionKinds.WholeNumber("--wait-ms", min: 0, fallback: 1000, "scale out once a task has waited this long for a slot", "MS");
        var cooldown = OptionKinds.WholeNumber("--cooldown-seconds", min: 0, fallback: 5, "no change within this long of the last one", "S");
        var siloPath = new Option<string>("--silo")
        {
            HelpName = "PATH", Required = true,
            Description = "the silo to start: OrleansFlow.Silo.dll (run with dotnet) or a published silo executable",
        };
        var siloArgs = new Option<string[]>("--silo-arg")
        {
            HelpName = "ARG", AllowMultipleArgumentsPerToken = false,
            Description = "an argument for every compute silo, repeated (e.g. --silo-arg=--memory --silo-arg=2g)",
        };
        var scaler = new Command("scaler",
            "Run the autoscaler until Ctrl+C: start compute silo processes on this host when tasks wait, drain them when idle; prints each decision.")
        {
            min, max, slots, idle, wait, cooldown, siloPath, siloArgs,
        };
        shared.AddCommonTo(scaler);
        scaler.AddCheck(r => RequireCluster(r, shared, "scaler"));
        scaler.AddCheck(r =>
        {
            if (r.GetValue(max) < r.GetValue(min)) r.AddError($"--max ({r.GetValue(max)}) must be at least --min ({r.GetValue(min)})");
            if (r.GetValue(siloPath) is { } path && !File.Exists(path)) r.AddError($"--silo: no such file: {path}");
        });
        scaler.SetAction((r, cancellationToken) => ScalerAsync(shared.ReadCommon(r), new ScalerPolicyOptions
        {
            MinSilos = r.GetValue(min),
            MaxSilos = r.GetValue(max),
            SlotsPerSilo = r.GetValue(slots),
            IdleBeforeScaleIn = TimeSpan.FromSeconds(r.GetValue(idle)),
            ScaleOutAfter = TimeSpan.FromMilliseconds(r.GetValue(wait)),
            Cooldown = TimeSpan.FromSeconds(r.GetValue(cooldown)),
        }, r.GetValue(siloPath)!, r.GetValue(siloArgs) ?? [], cancellationToken));
        return [drain, scaler];
    }

    private static void RequireCluster(System.CommandLine.Parsing.CommandResult r, SharedOptions shared, string command)
    {
        if (r.GetValue(shared.Cluster) is not { } cluster || string.IsNullOrWhiteSpace(cluster) || cluster.Equals("embedded", StringComparison.OrdinalIgnoreCase))
            r.AddError($"{command} needs a cluster (--cluster redis://HOST:PORT or ORLEANSFLOW_CLUSTER)");
    }

    public static async Task<int> DrainAsync(CommonSettings args, string silo, CancellationToken cancellationToken)
    {
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var known = await client.GetClusterAsync();
        if (!known.Any(s => s.Silo == silo))
            throw new ArgumentException($"no active silo '{silo}' (active: {string.Join(", ", known.Select(s => s.Silo))})");
        var summary = await client.DrainAsync(silo).WaitAsync(cancellationToken);
        if (args.Json)
        {
            ConsoleOutput.WriteJson(new DrainJson(summary.Silo, summary.TasksFinished, summary.TasksAbandoned, summary.BlocksMoved, summary.BytesMoved,
                summary.BlocksLeft, summary.Jobs, summary.Duration));
            return 0;
        }
        Console.Out.WriteLine($"drained {summary.Silo} in {summary.Duration.TotalMilliseconds:0} ms: {summary.TasksFinished} task(s) finished, " +
            $"{summary.TasksAbandoned} handed back; {summary.BlocksMoved} block(s), {ByteSize.Format(summary.BytesMoved)} moved for {summary.Jobs} job(s)" +
            (summary.BlocksLeft > 0 ? $"; {summary.BlocksLeft} block(s) could not be moved" : ""));
        return 0;
    }

    public static async Task<int> ScalerAsync(CommonSettings args, ScalerPolicyOptions policy, string silo, IReadOnlyList<string> siloArgs, CancellationToken cancellationToken)
    {
        policy.Validate();
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).AddFilter("OrleansFlow.Scaler", args.Quiet ? LogLevel.Warning : LogLevel.Information)
            .AddFilter((category, _) => category?.StartsWith("OrleansFlow.Scaler", StringComparison.Ordinal) == true));
        var dll = silo.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var provider = new ProcessComputeProvider(client, new ProcessComputeOptions
        {
            Executable = dll ? "dotnet" : silo,
            Arguments = [.. dll ? [Path.GetFullPath(silo)] : Array.Empty<string>(), "--cluster", args.Cluster!, "--cluster-id", args.ClusterId, "--slots", $"{policy.SlotsPerSilo}", .. siloArgs],
        }, logging.CreateLogger<ProcessComputeProvider>());
        await using var _ = provider;
        var autoscaler = new Autoscaler(client, provider, new ScalerPolicy(policy), logging.CreateLogger<Autoscaler>());
        autoscaler.Changed += d =>
        {
            if (args.Json)
                ConsoleOutput.WriteJson(new ScalerDecisionJson(d.At, d.Action.ToString(), d.Count, d.Silo, d.Reason, d.ComputeSilos, d.WaitingTasks));
            else
                Console.Out.WriteLine(d.ToString());
        };
        if (!args.Quiet)
            Console.Error.WriteLine($"scaler: {policy.MinSilos}-{policy.MaxSilos} compute silos of {policy.SlotsPerSilo} slots; Ctrl+C stops it and drains the silos it started");
        try
        {
            await autoscaler.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return 0;
    }
}
