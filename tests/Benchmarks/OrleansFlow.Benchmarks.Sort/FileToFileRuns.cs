using System.Diagnostics;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Benchmarks.Sort;

/// <summary>Timings of one file-to-file sort, in seconds.</summary>
internal sealed record FileSortTiming(double Total, double Read, double SortAndWrite, double Writing);

/// <summary>
/// Reference (a2): what the sort job does, without the fabric — read the input record files into memory, sort them,
/// write the sorted records to an output file — in one process on every core. The input buffers (one per file, pinned)
/// are kept from run to run, as a silo keeps its pooled buffers, so runs after the first are warm.
/// </summary>
internal sealed class FileToFileRuns
{
    private readonly IReadOnlyList<string> _files;
    private readonly byte[][] _buffers;
    private readonly int _threads;

    public FileToFileRuns(string inputDirectory, int threads)
    {
        _files = RecordFiles.List(inputDirectory);
        if (_files.Count == 0)
            throw new ArgumentException($"--files {inputDirectory}: the directory holds no record files.");
        _buffers = _files.Select(f => GC.AllocateUninitializedArray<byte>(
            checked((int)(SortRecord.CountOf(new FileInfo(f).Length, f) * SortRecord.Size)), pinned: true)).ToArray();
        _threads = threads;
    }

    public long Bytes => _buffers.Sum(b => (long)b.Length);

    /// <summary>Reads every input file, sorts, writes <c>part-00000</c> into <paramref name="outputDirectory"/> (emptied first).</summary>
    public FileSortTiming Run(string outputDirectory)
    {
        if (Directory.Exists(outputDirectory))
            Directory.Delete(outputDirectory, recursive: true);
        Directory.CreateDirectory(outputDirectory);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, _files.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, f => ReadWhole(_files[f], _buffers[f]));
        var read = clock.Elapsed.TotalSeconds;
        var blocks = _buffers.Select(b => (ReadOnlyMemory<byte>)b).ToArray();
        var sorted = SortedFileWriter.SortToFile(blocks, Path.Combine(outputDirectory, RecordFiles.PartitionFileName(0, 1)), _threads);
        var total = clock.Elapsed.TotalSeconds;
        return new FileSortTiming(total, read, total - read, sorted.Writing.TotalSeconds);
    }

    /// <summary>Throws unless <paramref name="outputDirectory"/> is sorted and holds exactly the input's records.</summary>
    public async Task CheckAsync(string outputDirectory)
    {
        var input = await Valsort.ChecksumAsync(Path.GetDirectoryName(_files[0])!, _threads);
        var output = await Valsort.ValidateAsync(outputDirectory, _threads);
        if (!output.IsSorted || output.Checksum != input)
            throw new InvalidOperationException($"File-to-file sort output is wrong: {output.Report()}; input {input}.");
    }

    private static void ReadWhole(string path, byte[] destination)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        for (var done = 0; done < destination.Length;)
        {
            var read = RandomAccess.Read(file, destination.AsSpan(done), done);
            if (read == 0)
                throw new InvalidDataException($"{path}: ended at byte {done} of {destination.Length} (file shrank while read?)");
            done += read;
        }
    }
}
