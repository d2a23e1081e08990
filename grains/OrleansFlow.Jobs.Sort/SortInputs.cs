using OrleansFlow.Engine.Input;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Jobs.Sort;

/// <summary>A sort job's input record files and the checks a user must pass before a job starts.</summary>
public static class SortInputs
{
    /// <summary>
    /// The record files of <paramref name="inputs"/> (files, or directories whose data files are taken in name order).
    /// Throws <see cref="InputException"/> for a missing path, an empty directory, or a file that is not whole records.
    /// </summary>
    public static IReadOnlyList<FileInfo> Resolve(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0)
            throw new InputException("sort job has no input");
        var files = new List<FileInfo>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var listed = RecordFiles.List(input);
                if (listed.Count == 0)
                    throw new InputException($"input directory is empty: {input}");
                files.AddRange(listed.Select(f => new FileInfo(f)));
            }
            else if (File.Exists(input))
            {
                files.Add(new FileInfo(input));
            }
            else
            {
                throw new InputException($"input path not found: {input}");
            }
        }
        foreach (var file in files)
        {
            if (file.Length % SortRecord.Size != 0)
                throw new InputException(
                    $"input file is not whole {SortRecord.Size}-byte records: {file.FullName} ({file.Length} bytes, {file.Length % SortRecord.Size} left over)");
        }
        if (files.Sum(f => f.Length) == 0)
            throw new InputException($"input holds no records: {string.Join(", ", inputs)}");
        return files;
    }

    /// <summary>Refuses an output directory that already holds files: part files from two runs would mix.</summary>
    public static void CheckOutputDirectory(string outputDirectory)
    {
        if (File.Exists(outputDirectory))
            throw new InputException($"output path is a file, not a directory: {outputDirectory}");
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
            throw new InputException($"output directory is not empty: {outputDirectory}");
    }
}
