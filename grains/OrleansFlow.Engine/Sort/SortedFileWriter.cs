using System.Buffers;

namespace OrleansFlow.Engine.Sort;

/// <summary>A reducer's last step: sort the blocks of one partition and write them as one output file.</summary>
public static class SortedFileWriter
{
    /// <summary>
    /// Sorts the records of <paramref name="blocks"/> (see <see cref="RecordSorter.Sort(IReadOnlyList{ReadOnlyMemory{byte}}, Memory{byte}, int)"/>)
    /// into a pooled buffer and writes them to <paramref name="path"/> (its directory is created). Returns the number
    /// of records written.
    /// </summary>
    public static async Task<long> SortToFileAsync(
        IReadOnlyList<ReadOnlyMemory<byte>> blocks, string path, int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default)
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
        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var sorted = buffer.AsMemory(0, (int)length);
            RecordSorter.Sort(blocks, sorted, maxDegreeOfParallelism);
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            using var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, length);
            await RandomAccess.WriteAsync(file, sorted, 0, cancellationToken);
            return length / SortRecord.Size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
