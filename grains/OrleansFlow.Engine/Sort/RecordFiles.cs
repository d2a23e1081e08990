namespace OrleansFlow.Engine.Sort;

/// <summary>Naming and listing of record files: one file per partition, in key order by file name.</summary>
public static class RecordFiles
{
    /// <summary>The file name of partition <paramref name="partition"/> of <paramref name="partitions"/>: zero-padded so name order is partition order.</summary>
    public static string PartitionFileName(int partition, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, partitions);
        var width = Math.Max(5, (partitions - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return "part-" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0');
    }

    /// <summary>
    /// The record files of a directory in ordinal name order; names starting with '.' or '_' (markers such as
    /// _SUCCESS, hidden temporaries) are not data.
    /// </summary>
    public static IReadOnlyList<string> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Record directory '{directory}' does not exist.");
        }
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith('.') && !name.StartsWith('_'))
            {
                files.Add(path);
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(Path.GetFileName(a), Path.GetFileName(b)));
        return files;
    }
}
