using System.Buffers;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Memory;

/// <summary>Moving blocks off a process that is about to leave (a draining silo), over the data plane.</summary>
public sealed partial class MemoryBlockStore
{
    private const int MoveChunkBytes = 4 << 20;

    /// <summary>Every block this process holds (its own and replicas it keeps for peers), in DRAM or spilled.</summary>
    public IReadOnlyList<BlockDescriptor> HeldBlocks() => _local.Blocks();

    /// <summary>
    /// Copies a block this process holds into <paramref name="peer"/>'s tier (TCP, whatever the host) and returns the
    /// copy's descriptor, which keeps the block's other replicas. The block stays here too: a reader that still holds
    /// the old descriptor can read it until this process stops.
    /// </summary>
    public async ValueTask<BlockDescriptor> CopyToPeerAsync(BlockDescriptor block, string peer, CancellationToken cancellationToken = default)
    {
        BlockChecks.ThrowIfWrongStore(block, ShuffleStoreKind.Memory);
        if (block.Owner != _endpoint.Endpoint)
            throw new ArgumentException($"block {block.BlockId} is held by {block.Owner}, not by this process ({_endpoint.Endpoint})", nameof(block));
        var copy = await _remote.AllocateAsync(peer, ShuffleStoreKind.Memory, block.JobId, block.AccessKey, block.Length, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(MoveChunkBytes, Math.Max(1, block.Length)));
        try
        {
            for (long offset = 0; offset < block.Length; offset += MoveChunkBytes)
            {
                var chunk = buffer.AsMemory(0, (int)Math.Min(MoveChunkBytes, block.Length - offset));
                await _local.ReadAsync(block, offset, chunk, cancellationToken).ConfigureAwait(false);
                await _remote.WriteAsync(copy, offset, chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await FreeAsync(copy, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return copy with { Replicas = block.Replicas };
    }
}
