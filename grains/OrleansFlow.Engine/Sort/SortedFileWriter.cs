using System.Buffers;
using System.Diagnostics;

namespace OrleansFlow.Engine.Sort;

/// <summary>A reducer's last step: sort the blocks of one partition and write them as one output file.</summary>
public static class SortedFileWriter
{
    /// <summary>Records gathered per write: large enough for few system calls, small enough to stay in cache.</summary>
    private const int PieceBytes = 40_000 * SortRecord.Size;

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
        var piece = ArrayPool<byte>.Shared.Rent(PieceBytes);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, length);
            long written = 0;
            var writing = new Stopwatch();
            var records = RecordSorter.SortInPieces(blocks, piece.AsMemory(0, PieceBytes), sorted =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                writing.Start();
                RandomAccess.Write(file, sorted.Span, written);
                writing.Stop();
                written += sorted.Length;
            }, maxDegreeOfParallelism, workspace);
            return new SortedFile(records, writing.Elapsed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece);
        }
    }
}

/// <summary>What <see cref="SortedFileWriter.SortToFile"/> wrote: the record count, and the time spent in file writes.</summary>
public readonly record struct SortedFile(long Records, TimeSpan Writing);
