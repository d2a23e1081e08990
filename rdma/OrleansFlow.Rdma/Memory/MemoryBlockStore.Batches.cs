using System.Runtime.ExceptionServices;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Batches: reads (or writes) of blocks held over TCP are grouped by owner and sent as one pipelined batch per owner
/// (<see cref="DataPlaneClient"/>), all owners at once; blocks in this process or reachable through shared memory are
/// copied here meanwhile, one by one (a copy needs no round trip). Replicated blocks go through the single-block path,
/// which knows how to fall back between copies. Every block is checked on its own (key, range, existence).
/// </summary>
public sealed partial class MemoryBlockStore
{
    public async ValueTask ReadManyAsync(IReadOnlyList<BlockRead> reads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        if (reads.Count == 0)
            return;
        var remote = new bool[reads.Count];
        Dictionary<string, OwnerBatch<BlockRead>>? owners = null;
        for (var i = 0; i < reads.Count; i++)
        {
            var block = reads[i].Block;
            BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
            if (block.Replicas.Count > 0 || ChooseTransport(block) != TierTransport.Tcp)
                continue;
            remote[i] = true;
            owners ??= new Dictionary<string, OwnerBatch<BlockRead>>(StringComparer.Ordinal);
            if (!owners.TryGetValue(block.Owner, out var batch))
                owners[block.Owner] = batch = new OwnerBatch<BlockRead>();
            batch.Add(reads[i], i);
        }
        var failure = new FirstFailure();
        var sent = owners is null ? [] : StartReads(owners, cancellationToken);
        for (var i = 0; i < reads.Count; i++)
        {
            if (remote[i])
                continue;
            try
            {
                await ReadAsync(reads[i].Block, reads[i].Offset, reads[i].Destination, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure.Record(i, e);
            }
        }
        await failure.CollectAsync(sent).ConfigureAwait(false);
        failure.ThrowIfAny();
    }

    public async ValueTask WriteManyAsync(IReadOnlyList<BlockWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
            return;
        var remote = new bool[writes.Count];
        Dictionary<string, OwnerBatch<BlockWrite>>? owners = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var block = writes[i].Block;
            BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
            if (block.Replicas.Count > 0 || ChooseTransport(block) != TierTransport.Tcp)
                continue;
            remote[i] = true;
            owners ??= new Dictionary<string, OwnerBatch<BlockWrite>>(StringComparer.Ordinal);
            if (!owners.TryGetValue(block.Owner, out var batch))
                owners[block.Owner] = batch = new OwnerBatch<BlockWrite>();
            batch.Add(writes[i], i);
        }
        var failure = new FirstFailure();
        var sent = owners is null ? [] : StartWrites(owners, cancellationToken);
        for (var i = 0; i < writes.Count; i++)
        {
            if (remote[i])
                continue;
            try
            {
                await WriteAsync(writes[i].Block, writes[i].Offset, writes[i].Source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure.Record(i, e);
            }
        }
        await failure.CollectAsync(sent).ConfigureAwait(false);
        failure.ThrowIfAny();
    }

    private List<(Task<BatchFailure?> Sent, List<int> Indices)> StartReads(Dictionary<string, OwnerBatch<BlockRead>> owners, CancellationToken cancellationToken)
    {
        var sent = new List<(Task<BatchFailure?>, List<int>)>(owners.Count);
        foreach (var (owner, batch) in owners)
            sent.Add((_remote.ReadManyAsync(owner, batch.Items, cancellationToken).AsTask(), batch.Indices));
        return sent;
    }

    private List<(Task<BatchFailure?> Sent, List<int> Indices)> StartWrites(Dictionary<string, OwnerBatch<BlockWrite>> owners, CancellationToken cancellationToken)
    {
        var sent = new List<(Task<BatchFailure?>, List<int>)>(owners.Count);
        foreach (var (owner, batch) in owners)
            sent.Add((_remote.WriteManyAsync(owner, batch.Items, cancellationToken).AsTask(), batch.Indices));
        return sent;
    }

    /// <summary>The items of a batch that one owner serves, with their places in the caller's list.</summary>
    private sealed class OwnerBatch<T>
    {
        public List<T> Items { get; } = [];

        public List<int> Indices { get; } = [];

        public void Add(T item, int index)
        {
            Items.Add(item);
            Indices.Add(index);
        }
    }

    /// <summary>Keeps the failure of the earliest item in the caller's list, so a batch reports the same error
    /// whichever transport finished first.</summary>
    private sealed class FirstFailure
    {
        private int _index = int.MaxValue;
        private Exception? _error;

        public void Record(int index, Exception error)
        {
            if (index < _index)
                (_index, _error) = (index, error);
        }

        public async Task CollectAsync(List<(Task<BatchFailure?> Sent, List<int> Indices)> sent)
        {
            foreach (var (task, indices) in sent)
            {
                try
                {
                    if (await task.ConfigureAwait(false) is { } failure)
                        Record(indices[failure.Index], failure.Error);
                }
                catch (Exception e)
                {
                    Record(indices[0], e);
                }
            }
        }

        public void ThrowIfAny()
        {
            if (_error is not null)
                ExceptionDispatchInfo.Throw(_error);
        }
    }
}
