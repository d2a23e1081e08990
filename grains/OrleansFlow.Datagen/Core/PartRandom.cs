namespace OrleansFlow.Datagen.Core;

/// <summary>
/// xoshiro256** seeded through SplitMix64 from (seed, table, part): every part has its own stream, so a part's rows
/// do not depend on which other parts exist or in which order, or how many run at once.
/// </summary>
internal sealed class PartRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public PartRandom(int seed, string table, int part)
    {
        // FNV-1a over the table name: stable across processes, unlike string.GetHashCode.
        var h = 14695981039346656037UL;
        foreach (var c in table)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        var x = h ^ ((ulong)(uint)seed << 32) ^ (ulong)(uint)part * 0x9E3779B97F4A7C15UL;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [min, max], both inclusive.</summary>
    public long Next(long min, long max)
    {
        var range = (ulong)(max - min) + 1;
        // Multiply-high maps 64 random bits onto the range; bias is below 2^-40 for the ranges used here.
        return min + (long)Math.BigMul(NextUInt64(), range, out _);
    }

    /// <summary>Uniform integer in [min, max], both inclusive.</summary>
    public int Next(int min, int max) => (int)Next((long)min, max);

    /// <summary>Uniform money value in [min, max] with 2 decimal places.</summary>
    public decimal NextMoney(decimal min, decimal max) =>
        new decimal(Next((long)(min * 100), (long)(max * 100))) / 100m;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count - 1)];

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
