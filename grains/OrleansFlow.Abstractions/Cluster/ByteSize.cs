using System.Globalization;

namespace OrleansFlow.Abstractions.Cluster;

/// <summary>Sizes as people type them: 512, 64k, 16m, 2g (binary units).</summary>
public static class ByteSize
{
    public static long Parse(string text, string what)
    {
        var t = text.Trim().ToLowerInvariant().TrimEnd('b', 'i');
        long unit = 1;
        if (t.Length > 0 && "kmgt".Contains(t[^1]))
        {
            unit = t[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1L << 40 };
            t = t[..^1];
        }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
            throw new ArgumentException($"{what}: '{text}' is not a size (examples: 4096, 64k, 16m, 2g)");
        return checked((long)(number * unit));
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.##} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.##} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.##} KiB",
        _ => $"{bytes} B",
    };
}
