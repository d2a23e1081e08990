using OrleansFlow.Engine.Input;

namespace OrleansFlow.Engine.MapReduce;

/// <summary>A MapReduce program with its types erased, as task workers run it.</summary>
public interface IMapReduceProgram
{
    /// <summary>Maps one split; returns one encoded block per partition (null where a partition got nothing).</summary>
    MapOutput RunMap(TextSplit split, int partitions, CancellationToken cancellationToken);

    /// <summary>Reduces one partition from its blocks; writes <c>key\tvalue</c> lines, keys ascending, to <paramref name="output"/>.</summary>
    Task<ReduceOutput> RunReduceAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> blocks, TextWriter output, CancellationToken cancellationToken);
}

/// <param name="Blocks">Encoded records per partition; null for an empty partition.</param>
/// <param name="RecordsIn">Lines read.</param>
/// <param name="RecordsOut">Records emitted after the combiner.</param>
/// <param name="BytesIn">Input bytes consumed.</param>
public sealed record MapOutput(byte[]?[] Blocks, long RecordsIn, long RecordsOut, long BytesIn);

public sealed record ReduceOutput(long RecordsIn, long RecordsOut, long BytesIn);
