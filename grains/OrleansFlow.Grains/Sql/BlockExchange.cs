using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Grains.Kernels;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Grains.Sql;

/// <summary>
/// A SQL stage's exchanges on the fabric. Written batches are kept until the task ends, then each consumer partition
/// gets one block (an Arrow IPC stream) in the job's block store, registered in the partition's shuffle grain — an
/// empty registration where nothing was written, so readers can check every producer has reported. Reads fetch the
/// blocks of one partition over the data plane.
/// </summary>
/// <remarks>The engine reads synchronously; waiting on grain calls and the data plane from inside it would starve the
/// thread pool. So a task's inputs are fetched first (<see cref="PrefetchAsync"/>) and <see cref="Read"/> serves them.</remarks>
internal sealed class BlockExchange(TaskSpec task, IBlockStore store, IGrainFactory grains, CancellationToken cancellationToken)
    : IExchangeSink, IExchangeSource
{
    private readonly Dictionary<(int Exchange, int Partition), List<RecordBatch>> _written = [];
    private readonly Dictionary<(int Exchange, int Partition), List<RecordBatch>> _fetched = [];
    private readonly object _gate = new();

    public long BytesIn { get; private set; }

    public void Write(int exchangeId, int partition, RecordBatch batch)
    {
        lock (_gate)
        {
            if (!_written.TryGetValue((exchangeId, partition), out var list))
                _written[(exchangeId, partition)] = list = [];
            list.Add(batch);
        }
    }

    public IEnumerable<RecordBatch> Read(int exchangeId, int partition) =>
        _fetched.TryGetValue((exchangeId, partition), out var batches)
            ? batches
            : throw new InvalidOperationException($"exchange {exchangeId} partition {partition} was not fetched for task {task.Stage}[{task.TaskIndex}]");

    /// <summary>Fetches every input the stage will read: a hash-partitioned exchange's partition of this task, or
    /// partition 0 of a broadcast or gathered one (the engine's convention).</summary>
    public async Task PrefetchAsync(OrleansFlow.Sql.Physical.Stage stage, IReadOnlyList<OrleansFlow.Sql.Physical.Stage> allStages)
    {
        foreach (var exchangeId in stage.InputExchanges)
        {
            var producer = allStages.First(s => s.Output?.Id == exchangeId).Output!;
            var partition = producer.Kind == ExchangeKind.HashRepartition ? task.Partition : 0;
            _fetched[(exchangeId, partition)] = await ReadAsync(exchangeId, partition);
        }
    }

    /// <summary>Stores what the task wrote: one block per consumer partition of <paramref name="exchangeId"/>.</summary>
    public async Task<long> FlushAsync(int exchangeId, int consumerPartitions)
    {
        long bytes = 0;
        var registrations = new List<Task>();
        for (var p = 0; p < consumerPartitions; p++)
        {
            IReadOnlyList<BlockDescriptor> blocks = [];
            if (_written.TryGetValue((exchangeId, p), out var batches) && batches.Count > 0)
            {
                var encoded = Encode(batches);
                var block = await store.AllocateAsync(task.JobId, task.AccessKey, encoded.Length, cancellationToken);
                await store.WriteAsync(block, 0, encoded, cancellationToken);
                bytes += encoded.Length;
                blocks = [block];
            }
            var grain = grains.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(task.JobId, SqlTaskParameters.ShuffleName(exchangeId), p));
            registrations.Add(grain.AddBlocks(task.TaskIndex, task.Attempt, blocks));
        }
        await Task.WhenAll(registrations);
        return bytes;
    }

    private async Task<List<RecordBatch>> ReadAsync(int exchangeId, int partition)
    {
        var grain = grains.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(task.JobId, SqlTaskParameters.ShuffleName(exchangeId), partition));
        var contents = await grain.GetBlocks();
        var expected = int.Parse(task.Parameters[SqlTaskParameters.ProducersKey(exchangeId)], CultureInfo.InvariantCulture);
        if (contents.MapTasks < expected)
            throw new ShuffleDataLostException($"exchange {exchangeId} partition {partition} holds the output of {contents.MapTasks} of {expected} tasks");
        // All of the partition's blocks in one batched read: one round trip per owner, not one per block.
        var reads = contents.Blocks.Select(block => new BlockRead(block, 0, new byte[block.Length])).ToArray();
        try
        {
            await store.ReadManyAsync(reads, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ShuffleDataLostException($"exchange {exchangeId} partition {partition}: {reads.Length} block(s) cannot be read: {e.Message}");
        }
        var batches = new List<RecordBatch>();
        foreach (var read in reads)
        {
            BytesIn += read.Destination.Length;
            using var reader = new ArrowStreamReader(read.Destination);
            while (reader.ReadNextRecordBatch() is { } batch)
                batches.Add(batch);
        }
        return batches;
    }

    private static byte[] Encode(List<RecordBatch> batches)
    {
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, batches[0].Schema, leaveOpen: true))
        {
            foreach (var batch in batches)
                writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return stream.ToArray();
    }
}
