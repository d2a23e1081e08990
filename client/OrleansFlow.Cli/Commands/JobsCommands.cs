using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Cluster;
using Spectre.Console;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>jobs</c>, <c>job ID</c>, <c>cancel ID</c> and <c>cluster</c>: looking at the fabric.</summary>
internal static class JobsCommands
{
    public static async Task<int> ListAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ["--max"], []);
        if (args.Help) { Console.WriteLine("usage: orleansflow jobs [--max N] [--json] [--cluster ADDR]"); return 0; }
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var jobs = await client.ListJobsAsync(args.Int("--max", 100, min: 1));
        if (args.Json)
        {
            ConsoleOutput.WriteJson(jobs);
            return 0;
        }
        var table = new Table().AddColumns("job", "name", "kind", "status", "submitted", "took", "error");
        foreach (var j in jobs)
        {
            table.AddRow(
                Markup.Escape(j.JobId), Markup.Escape(j.Name), j.Kind, StatusMarkup(j.Status),
                j.SubmittedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"),
                j.FinishedAt is { } f ? Seconds(f - j.SubmittedAt) : "",
                Markup.Escape(j.Error ?? ""));
        }
        ConsoleOutput.Out.Write(table);
        if (jobs.Count == 0 && client.IsEmbedded)
            Console.Error.WriteLine("(no jobs: this is a fresh embedded silo; name a cluster with --cluster)");
        return 0;
    }

    public static async Task<int> ShowAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, [], []);
        if (args.Help || args.Positionals.Count != 1) { Console.WriteLine("usage: orleansflow job <job id> [--json] [--cluster ADDR]"); return args.Help ? 0 : 2; }
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var job = client.GetJob(args.Positionals[0]);
        var info = await job.GetInfoAsync();
        if (info.SubmittedAt is null)
            throw new JobNotFoundException(args.Positionals[0]);
        var result = await job.GetResultAsync();
        if (args.Json)
        {
            ConsoleOutput.WriteJson((object?)result ?? info);
            return 0;
        }
        ConsoleOutput.Out.MarkupLine($"[bold]{Markup.Escape(info.JobId)}[/] {Markup.Escape(info.Name)} ({info.Kind}): {StatusMarkup(info.Status)}");
        if (info.Error is { } error)
            ConsoleOutput.Out.MarkupLine($"error: [red]{Markup.Escape(error)}[/]");
        var stages = new Table().AddColumns("stage", "tasks", "retries", "time", "bytes in", "bytes out");
        foreach (var s in info.Stages)
            stages.AddRow(s.Name, $"{s.CompletedTasks}/{s.TotalTasks}", s.Retries.ToString(), s.Duration is { } d ? Seconds(d) : "",
                ByteSize.Format(s.BytesIn), ByteSize.Format(s.BytesOut));
        ConsoleOutput.Out.Write(stages);
        if (result is not null)
        {
            var perSilo = new Table().AddColumns("silo", "tasks");
            foreach (var g in result.Tasks.GroupBy(t => t.Silo).OrderBy(g => g.Key, StringComparer.Ordinal))
                perSilo.AddRow(Markup.Escape(g.Key), g.Count().ToString());
            ConsoleOutput.Out.Write(perSilo);
        }
        return 0;
    }

    public static async Task<int> CancelAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, [], []);
        if (args.Help || args.Positionals.Count != 1) { Console.WriteLine("usage: orleansflow cancel <job id> [--cluster ADDR]"); return args.Help ? 0 : 2; }
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var job = client.GetJob(args.Positionals[0]);
        if ((await job.GetInfoAsync()).SubmittedAt is null)
            throw new JobNotFoundException(args.Positionals[0]);
        await job.CancelAsync("cancelled from the command line");
        var info = await job.GetInfoAsync();
        Console.WriteLine($"{info.JobId}: {info.Status.ToString().ToLowerInvariant()}");
        return 0;
    }

    public static async Task<int> ClusterAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, [], []);
        if (args.Help) { Console.WriteLine("usage: orleansflow cluster [--json] [--cluster ADDR]"); return 0; }
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var silos = await client.GetClusterAsync();
        if (args.Json)
        {
            ConsoleOutput.WriteJson(silos);
            return 0;
        }
        var table = new Table().AddColumns("silo", "data plane", "slots", "running", "tasks run", "failed", "tier memory", "tier disk", "blocks");
        foreach (var s in silos)
        {
            var memory = s.Stores.FirstOrDefault(u => u.Store == Abstractions.Memory.ShuffleStoreKind.Memory);
            table.AddRow(
                Markup.Escape(s.Silo), Markup.Escape(s.DataEndpoint ?? ""), s.TaskSlots.ToString(), s.RunningTasks.ToString(),
                s.TasksCompleted.ToString(), s.TasksFailed.ToString(),
                memory is null ? "" : $"{ByteSize.Format(memory.MemoryUsedBytes)} / {ByteSize.Format(memory.MemoryCapacityBytes)}",
                ByteSize.Format(s.Stores.Sum(u => u.DiskUsedBytes)),
                s.Stores.Sum(u => u.Blocks).ToString());
        }
        ConsoleOutput.Out.Write(table);
        return 0;
    }

    private static string StatusMarkup(JobStatus status) => status switch
    {
        JobStatus.Succeeded => "[green]succeeded[/]",
        JobStatus.Failed => "[red]failed[/]",
        JobStatus.Cancelled => "[yellow]cancelled[/]",
        JobStatus.Running => "[blue]running[/]",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.00} s";
}

internal sealed class JobNotFoundException(string jobId) : Exception($"no job with id '{jobId}' on this cluster");
