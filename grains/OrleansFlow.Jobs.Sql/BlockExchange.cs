using Apache.Arrow;
using Apache.Arrow.Ipc;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Jobs.Sql;

/// <summary>
/// A SQL stage's exchanges on the fabric. Written batches are kept until the task ends, then each consumer partition
/// gets one block (an Arrow IPC stream) in the job's block store, registered in the partition's shuffle grain — an
/// empty registration where nothing was written, so readers can check every producer has reported. Reads fetch the
/// blocks of one partition over the data plane.
/// </summary>
/// <remarks>The engine reads synchronously; waiting on grain calls and the data plane from inside it would starve the
/// thread pool. So a task's inputs are fetched first (<see cref="PrefetchAsync"/>) and <see cref="Read"/> serves them.</remarks>
public sealed class BlockExchange(TaskSpec task, SqlTaskArgs args, IBlockStore store, ShuffleRegistry shuffles, CancellationToken cancellationToken)
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
    public async Task PrefetchAsync(Stage stage, IReadOnlyList<Stage> allStages)
    {
        foreach (var exchangeId in stage.InputExchanges)
        {
            var producer = allStages.First(s => s.Output?.Id == exchangeId).Output!;
            var partition = producer.Kind == ExchangeKind.HashRepartition ? args.Partition : 0;
            _fetched[(exchangeId, partition)] = await ReadAsync(args.Input(exchangeId, partition));
        }
    }

    /// <summary>Stores what the task wrote: one block per consumer partition of <paramref name="exchangeId"/>.</summary>
    public async Task<long> FlushAsync(int exchangeId, int consumerPartitions)
    {
        long bytes = 0;
        var written = new IReadOnlyList<BlockDescriptor>?[consumerPartitions];
        for (var p = 0; p < consumerPartitions; p++)
        {
            if (!_written.TryGetValue((exchangeId, p), out var batches) || batches.Count == 0)
                continue;
            var encoded = Encode(batches);
            var block = await store.AllocateAsync(task.JobId, task.AccessKey, encoded.Length, cancellationToken);
            await store.WriteAsync(block, 0, encoded, cancellationToken);
            bytes += encoded.Length;
            written[p] = [block];
        }
        await shuffles.RegisterAsync(task, SqlTaskArgs.ShuffleName(exchangeId), written);
        return bytes;
    }

    private async Task<List<RecordBatch>> ReadAsync(ShuffleInput input)
    {
        var shuffle = await shuffles.GetAsync(task.JobId, input);
        var batches = new List<RecordBatch>();
        foreach (var bytes in await ShuffleBlockReader.ReadAllAsync(store, shuffle, cancellationToken))
        {
            BytesIn += bytes.Length;
            using var reader = new ArrowStreamReader(bytes);
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
