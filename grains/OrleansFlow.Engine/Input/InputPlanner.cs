namespace OrleansFlow.Engine.Input;

/// <summary>Turns the paths a user names into the list of text files to read and cuts them into splits.</summary>
public static class InputPlanner
{
    /// <summary>How many leading bytes of each file are checked for NUL, the sign of a binary file.</summary>
    public const int BinaryProbeBytes = 8192;

    /// <summary>
    /// The files behind <paramref name="paths"/>: a file is taken as it is; a directory gives the regular files
    /// directly inside it, in ordinal name order, skipping hidden ones (as the shell's <c>DIR/*</c> does).
    /// </summary>
    /// <exception cref="InputException">A path does not exist, a directory holds no files, or a file is binary.</exception>
    public static IReadOnlyList<FileInfo> ResolveTextFiles(IEnumerable<string> paths)
    {
        var files = new List<FileInfo>();
        var any = false;
        foreach (var path in paths)
        {
            any = true;
            if (File.Exists(path))
            {
                files.Add(new FileInfo(path));
            }
            else if (Directory.Exists(path))
            {
                var inDir = new DirectoryInfo(path).EnumerateFiles()
                    .Where(f => !f.Name.StartsWith('.'))
                    .OrderBy(f => f.Name, StringComparer.Ordinal)
                    .ToList();
                if (inDir.Count == 0)
                    throw new InputException($"input directory is empty: {path}");
                files.AddRange(inDir);
            }
            else
            {
                throw new InputException($"input path not found: {path}");
            }
        }
        if (!any)
            throw new InputException("no input paths given");
        foreach (var file in files)
            EnsureText(file);
        return files;
    }

    /// <summary>Cuts files into splits of about <paramref name="splitSize"/> bytes; an empty file gives none.</summary>
    public static IReadOnlyList<TextSplit> Split(IEnumerable<FileInfo> files, long splitSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(splitSize, 1);
        var splits = new List<TextSplit>();
        foreach (var file in files)
        {
            for (long offset = 0; offset < file.Length; offset += splitSize)
                splits.Add(new TextSplit(file.FullName, offset, Math.Min(splitSize, file.Length - offset)));
        }
        return splits;
    }

    private static void EnsureText(FileInfo file)
    {
        Span<byte> probe = stackalloc byte[BinaryProbeBytes];
        int read;
        try
        {
            using var stream = file.OpenRead();
            read = stream.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"input file is not readable: {file.FullName}");
        }
        if (probe[..read].Contains((byte)0))
            throw new InputException($"input file is binary, not text: {file.FullName}");
    }
}
