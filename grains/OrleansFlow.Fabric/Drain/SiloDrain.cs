using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFlow.Abstractions.Cluster;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Hosting;
using OrleansFlow.Rdma;
using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Fabric.Drain;

/// <summary>
/// Takes this silo out of service without losing work (decommissioning): from the moment it starts, the silo admits no
/// task (the job hands it to another silo without using an attempt); the tasks it runs may finish, up to
/// <see cref="OrleansFlowOptions.DrainTimeout"/>; then every block its memory tier holds is copied over the data plane
/// to the silos that stay, and each job's shuffle metadata is pointed at the copies, so readers never miss a block and
/// no producer runs again. The old blocks stay readable until the process stops. Runs once; later calls get the same
/// result. A silo alone in its cluster has nowhere to move anything and does not wait.
/// </summary>
public sealed class SiloDrain(
    SiloTaskCounters counters,
    MemoryBlockStore tier,
    ITierPeerDirectory peers,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<OrleansFlowOptions> options,
    ILogger<SiloDrain> logger)
{
    private const int ParallelCopies = 4;
    private readonly Lock _lock = new();
    private Task<SiloDrainSummary>? _drain;
    private int _draining;

    /// <summary>True from the start of the drain: the silo admits no new task.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public Task<SiloDrainSummary> DrainAsync()
    {
        lock (_lock)
            return _drain ??= Task.Run(RunAsync);
    }

    private async Task<SiloDrainSummary> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var self = silo.SiloAddress.ToParsableString();
        var targets = peers.GetPeerEndpoints();
        if (targets.Count == 0)
        {
            logger.LogInformation("Silo {Silo} stops with no other silo to drain to", self);
            return new SiloDrainSummary { Silo = self, BlocksLeft = tier.HeldBlocks().Count, Duration = clock.Elapsed };
        }
        // A full fence: a task admitted after this sees the flag, one admitted before is counted as running below.
        Interlocked.Exchange(ref _draining, 1);
        var running = counters.Running;
        logger.LogInformation("Draining silo {Silo}: no new tasks; waiting up to {Timeout} for {Running} running task(s)", self, options.Value.DrainTimeout, running);
        try
        {
            await counters.WhenIdleAsync().WaitAsync(options.Value.DrainTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Silo {Silo}: {Running} task(s) still running after {Timeout}; they run again elsewhere", self, counters.Running, options.Value.DrainTimeout);
        }
        var abandoned = counters.Running;

        var blocks = tier.HeldBlocks();
        var moves = new List<(BlockDescriptor From, BlockMove Move)>();
        var left = 0;
        using (var gate = new SemaphoreSlim(ParallelCopies))
        {
            var copies = blocks.Select(async (block, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    var copy = await CopyAsync(block, targets, i);
                    lock (moves)
                    {
                        if (copy is null) left++;
                        else moves.Add((block, new BlockMove(block.BlockId, copy)));
                    }
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(copies);
        }

        var jobs = moves.GroupBy(m => m.From.JobId).ToList();
        await Task.WhenAll(jobs.Select(async job =>
        {
            var record = new SiloDrainRecord(self, job.Count(), job.Sum(m => m.From.Length), clock.Elapsed);
            try
            {
                var updated = await grains.GetGrain<IJobGrain>(job.Key).BlocksMoved(record, job.Select(m => m.Move).ToList());
                logger.LogInformation("Silo {Silo}: job {Job} now reads {Updated} moved block(s) from their copies", self, job.Key, updated);
            }
            catch (Exception e)
            {
                logger.LogWarning("Silo {Silo}: job {Job} was not told of its {Blocks} moved block(s): {Error}", self, job.Key, job.Count(), e.Message);
            }
        }));

        var summary = new SiloDrainSummary
        {
            Silo = self,
            TasksFinished = Math.Max(0, running - abandoned),
            TasksAbandoned = abandoned,
            BlocksMoved = moves.Count,
            BytesMoved = moves.Sum(m => m.From.Length),
            BlocksLeft = left,
            Jobs = jobs.Count,
            Duration = clock.Elapsed,
        };
        logger.LogInformation(
            "Silo {Silo} drained in {Ms} ms: {Finished} task(s) finished, {Abandoned} handed back; {Blocks} block(s), {Bytes} bytes moved for {Jobs} job(s); {Left} block(s) not moved",
            self, (long)summary.Duration.TotalMilliseconds, summary.TasksFinished, summary.TasksAbandoned, summary.BlocksMoved, summary.BytesMoved, summary.Jobs, summary.BlocksLeft);
        return summary;
    }

    /// <summary>Copies one block to a peer, trying the next peer when one fails; null when none took it.</summary>
    private async Task<BlockDescriptor?> CopyAsync(BlockDescriptor block, IReadOnlyList<string> targets, int index)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[(index + i) % targets.Count];
            try
            {
                return await tier.CopyToPeerAsync(block, target);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Silo {Silo}: block {Block} could not be copied to {Target}: {Error}", silo.SiloAddress, block.BlockId, target, e.Message);
            }
        }
        return null;
    }
}
