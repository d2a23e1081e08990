namespace OrleansFlow.Datagen.Core;

/// <summary>Checks the generator arguments and prepares <c>outputDir/&lt;table&gt;/</c> folders.</summary>
internal static class OutputDirectory
{
    public static void ValidateScaleFactor(double scaleFactor)
    {
        if (!double.IsFinite(scaleFactor) || scaleFactor <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(scaleFactor), scaleFactor, "The scale factor must be a finite number greater than 0.");
        }
    }

    /// <summary>
    /// Creates the table folders and removes part files left there by an earlier run, so that a smaller run into
    /// the same folder does not leave stale parts behind.
    /// </summary>
    public static string Prepare(string outputDir, IEnumerable<string> tables)
    {
        if (string.IsNullOrWhiteSpace(outputDir))
        {
            throw new ArgumentException("The output directory must be given.", nameof(outputDir));
        }

        var root = Path.GetFullPath(outputDir);
        try
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            foreach (var table in tables)
            {
                var folder = Path.Combine(root, table);
                Directory.CreateDirectory(folder);
                foreach (var stale in Directory.EnumerateFiles(folder, "part-*.parquet"))
                {
                    File.Delete(stale);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write generated data to '{root}': {e.Message}", e);
        }

        return root;
    }
}
