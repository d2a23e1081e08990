using System.Globalization;

namespace OrleansFlow.Benchmarks.Tier;

/// <summary>Parses sizes such as "64K", "1M", "16MiB", "1G" or plain bytes.</summary>
internal static class SizeParser
{
    public static long Parse(string text, string option)
    {
        var trimmed = text.Trim().ToUpperInvariant().Replace("IB", "", StringComparison.Ordinal).Replace("B", "", StringComparison.Ordinal);
        var (digits, shift) = trimmed[^1] switch
        {
            'K' => (trimmed[..^1], 10),
            'M' => (trimmed[..^1], 20),
            'G' => (trimmed[..^1], 30),
            _ => (trimmed, 0),
        };
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new ArgumentException($"{option}: '{text}' is not a size (examples: 65536, 64K, 1M, 16MiB, 1G).");
        return value << shift;
    }
}
