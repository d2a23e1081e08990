using System.Diagnostics;

namespace OrleansFlow.Engine.Sort;

/// <summary>A reducer's last step: sort the blocks of one partition and write them as one output file.</summary>
public static class SortedFileWriter
{
    /// <summary>
    /// Bytes gathered per write: large enough for few system calls, small enough to stay in cache, and a whole number
    /// of both records and <see cref="DirectOutputFile.Alignment"/> blocks (40,960 records).
    /// </summary>
    private const int PieceBytes = 40 * SortRecord.Size * DirectOutputFile.Alignment;

    /// <summary>
    /// Sorts the records of <paramref name="blocks"/> (see <see cref="RecordSorter.SortInPieces"/>) and writes them
    /// to <paramref name="path"/> (its directory is created) a piece at a time, so that no second buffer as large as
    /// the input is needed (fresh memory is expensive to touch). Returns the number of records written.
    /// </summary>
    public static Task<long> SortToFileAsync(
        IReadOnlyList<ReadOnlyMemory<byte>> blocks, string path, int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(SortToFile(blocks, path, maxDegreeOfParallelism, cancellationToken).Records);

    /// <summary>
    /// As <see cref="SortToFileAsync"/>, on the calling thread, with the sort's working memory in
    /// <paramref name="workspace"/> when it is large enough (see <see cref="RecordSorter.WorkspaceBytes"/>); also says
    /// how much of the time went to file writes.
    /// </summary>
    public static SortedFile SortToFile(
        IReadOnlyList<ReadOnlyMemory<byte>> blocks, string path, int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default, Memory<byte> workspace = default)
    {
        long length = 0;
        foreach (var block in blocks)
        {
            length += block.Length;
        }
        if (length > Array.MaxLength)
        {
            throw new ArgumentException(
                $"Partition for '{path}' is {length} bytes; one in-memory sort holds at most {Array.MaxLength}. Use more reducers.",
                nameof(blocks));
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        // Pinned for its whole life (the sorter and the direct writes take its address); the piece starts on an
        // alignment boundary inside it.
        var buffer = GC.AllocateUninitializedArray<byte>(PieceBytes + DirectOutputFile.Alignment, pinned: true);
        var piece = buffer.AsMemory(AlignmentOffset(buffer), PieceBytes);
        using var file = DirectOutputFile.Create(path, length);
        var writing = new Stopwatch();
        var records = RecordSorter.SortInPieces(blocks, piece, sorted =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            writing.Start();
            file.Append(sorted.Span);
            writing.Stop();
        }, maxDegreeOfParallelism, workspace);
        return new SortedFile(records, writing.Elapsed);
    }

    private static unsafe int AlignmentOffset(byte[] pinned)
    {
        fixed (byte* start = pinned)
        {
            var misalignment = (int)((nuint)start % DirectOutputFile.Alignment);
            return misalignment == 0 ? 0 : DirectOutputFile.Alignment - misalignment;
        }
    }
}

/// <summary>What <see cref="SortedFileWriter.SortToFile"/> wrote: the record count, and the time spent in file writes.</summary>
public readonly record struct SortedFile(long Records, TimeSpan Writing);
