using System.CommandLine;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Cli.Json;
using Spectre.Console;

namespace OrleansFlow.Cli.Commands;

/// <summary><c>jobs</c>, <c>job ID</c>, <c>cancel ID</c> and <c>cluster</c>: looking at the fabric.</summary>
internal static class JobsCommands
{
    /// <summary><c>jobs</c>: how many to list.</summary>
    internal sealed record ListSettings : CommonSettings
    {
        public ListSettings(CommonSettings common) : base(common) { }

        public int Max { get; init; } = 100;
    }

    /// <summary><c>job</c> and <c>cancel</c>: which job.</summary>
    internal sealed record JobSettings : CommonSettings
    {
        public JobSettings(CommonSettings common) : base(common) { }

        public required string JobId { get; init; }
    }

    public static IEnumerable<Command> Create(SharedOptions shared)
    {
        var max = OptionKinds.WholeNumber("--max", min: 1, fallback: 100, "list at most N jobs");
        var jobs = new Command("jobs", "Jobs the cluster has run.") { max };
        shared.AddCommonTo(jobs);
        jobs.SetAction((r, cancellationToken) => ListAsync(new ListSettings(shared.ReadCommon(r)) { Max = r.GetValue(max) }, cancellationToken));

        var jobId = new Argument<List<string>>("job-id") { Arity = ArgumentArity.ZeroOrMore, Description = "the job's id" };
        var job = new Command("job", "One job: status, stages, tasks per silo.") { jobId };
        shared.AddCommonTo(job);
        job.AddCheck(r => { if (r.GetValue(jobId) is not { Count: 1 }) r.AddError("job needs one job id (run 'orleansflow job --help')"); });
        job.SetAction((r, cancellationToken) => ShowAsync(new JobSettings(shared.ReadCommon(r)) { JobId = r.GetValue(jobId)![0] }, cancellationToken));

        var cancel = new Command("cancel", "Cancel a running job.") { jobId };
        shared.AddCommonTo(cancel);
        cancel.AddCheck(r => { if (r.GetValue(jobId) is not { Count: 1 }) r.AddError("cancel needs one job id (run 'orleansflow cancel --help')"); });
        cancel.SetAction((r, cancellationToken) => CancelAsync(new JobSettings(shared.ReadCommon(r)) { JobId = r.GetValue(jobId)![0] }, cancellationToken));

        var cluster = new Command("cluster", "Live silos: slots, tasks run, memory tier use.");
        shared.AddCommonTo(cluster);
        cluster.SetAction((r, cancellationToken) => ClusterAsync(shared.ReadCommon(r), cancellationToken));

        return [jobs, job, cancel, cluster];
    }

    public static async Task<int> ListAsync(ListSettings args, CancellationToken cancellationToken)
    {
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var jobs = await client.ListJobsAsync(args.Max);
        if (args.Json)
        {
            ConsoleOutput.WriteJson(new JobsJson([.. jobs.Select(JobsJson.Job.From)]));
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
        if (jobs.Count == 0 && client.IsEmbedded && !args.Quiet)
            Console.Error.WriteLine("(no jobs: this is a fresh embedded silo; name a cluster with --cluster)");
        return 0;
    }

    public static async Task<int> ShowAsync(JobSettings args, CancellationToken cancellationToken)
    {
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var job = client.GetJob(args.JobId);
        var info = await job.GetInfoAsync();
        if (info.SubmittedAt is null)
            throw new JobNotFoundException(args.JobId);
        var result = await job.GetResultAsync();
        if (args.Json)
        {
            ConsoleOutput.WriteJson(JobJson.From(result?.Info ?? info, result));
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
            var bill = result.Bill;
            ConsoleOutput.Out.MarkupLine(
                $"bill: {bill.Attempts} task attempts ({bill.WastedAttempts} not kept: failed, lost or recomputed), " +
                $"task time {bill.TaskMilliseconds:N0} ms, CPU {bill.CpuMilliseconds:N0} ms, queued {bill.QueuedMilliseconds:N0} ms");
            foreach (var drain in result.Drains)
                ConsoleOutput.Out.MarkupLine(
                    $"silo {Markup.Escape(drain.Silo)} drained: {drain.BlocksMoved} block(s), {ByteSize.Format(drain.BytesMoved)} moved to the other silos after {drain.DrainTime.TotalMilliseconds:N0} ms");
        }
        return 0;
    }

    public static async Task<int> CancelAsync(JobSettings args, CancellationToken cancellationToken)
    {
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var job = client.GetJob(args.JobId);
        if ((await job.GetInfoAsync()).SubmittedAt is null)
            throw new JobNotFoundException(args.JobId);
        await job.CancelAsync("cancelled from the command line");
        var info = await job.GetInfoAsync();
        if (args.Json)
            ConsoleOutput.WriteJson(new CancelJson(info.JobId, info.Status));
        else
            Console.WriteLine($"{info.JobId}: {info.Status.ToString().ToLowerInvariant()}");
        return 0;
    }

    public static async Task<int> ClusterAsync(CommonSettings args, CancellationToken cancellationToken)
    {
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var silos = await client.GetClusterAsync();
        if (args.Json)
        {
            ConsoleOutput.WriteJson(new ClusterJson(silos));
            return 0;
        }
        var table = new Table().AddColumns("silo", "role", "state", "data plane", "slots", "running", "tasks run", "failed", "tier memory", "tier disk", "blocks");
        foreach (var s in silos)
        {
            var memory = s.Stores.FirstOrDefault(u => u.Store == Abstractions.Memory.ShuffleStoreKind.Memory);
            table.AddRow(
                Markup.Escape(s.Silo), s.Role.ToString().ToLowerInvariant(), s.Draining ? "[yellow]draining[/]" : "active",
                Markup.Escape(s.DataEndpoint ?? ""), s.TaskSlots.ToString(), s.RunningTasks.ToString(),
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
