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
    /// the input is needed (fresh memory is expensive to touch), each piece written while the next is gathered. Returns
    /// the number of records written.
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
        // Two pieces, each on an alignment boundary, in one array pinned for its whole life (the sorter and the direct
        // writes take their addresses): one is written in the background while the sorter gathers the other, so
        // the file writes (≈ 0.5 s per GB here, mostly waiting for the device) overlap the gather.
        var buffer = GC.AllocateUninitializedArray<byte>(2 * PieceBytes + DirectOutputFile.Alignment, pinned: true);
        var start = AlignmentOffset(buffer);
        Memory<byte>[] pieces = [buffer.AsMemory(start, PieceBytes), buffer.AsMemory(start + PieceBytes, PieceBytes)];
        using var file = DirectOutputFile.Create(path, length);
        long writingTicks = 0;
        Task? pendingWrite = null;
        long records;
        try
        {
            records = RecordSorter.SortInPieces(blocks, pieces, sorted =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The previous piece's write must end before this one starts: the file is written front to back, and
                // the sorter gathers the next piece into the previous piece's buffer once this call returns.
                pendingWrite?.GetAwaiter().GetResult();
                // On the caller's scheduler, so that a fabric task's CPU meter counts the write.
                pendingWrite = Task.Factory.StartNew(() =>
                {
                    var began = Stopwatch.GetTimestamp();
                    file.Append(sorted.Span);
                    writingTicks += Stopwatch.GetTimestamp() - began;
                }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Current);
            }, maxDegreeOfParallelism, workspace);
            pendingWrite?.GetAwaiter().GetResult();
        }
        catch
        {
            // Failed or cancelled: let a write still in flight end before the file and its buffer go.
            try { pendingWrite?.Wait(CancellationToken.None); } catch (AggregateException) { /* the first error is the one thrown */ }
            throw;
        }
        return new SortedFile(records, Stopwatch.GetElapsedTime(0, writingTicks));
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

/// <summary>What <see cref="SortedFileWriter.SortToFile"/> wrote: the record count, and the time the file writes took
/// (they run beside the sort's gather, so this is not time added to the sort).</summary>
public readonly record struct SortedFile(long Records, TimeSpan Writing);
