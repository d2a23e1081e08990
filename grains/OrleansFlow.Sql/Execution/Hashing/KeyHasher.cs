using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Hashing;

/// <summary>
/// Row hashes over key columns. Stable across processes (no randomised string hashing) so a hash
/// repartition on one silo sends a key to the same partition as on another. Equal values hash equally
/// regardless of decimal scale (1.0 = 1.00).
/// </summary>
public static class KeyHasher
{
    private const ulong NullHash = 0x9E3779B97F4A7C15UL;

    public static ulong[] Hash(IReadOnlyList<Vector> keys, int rowCount)
    {
        var hashes = new ulong[rowCount];
        Array.Fill(hashes, 0xCBF29CE484222325UL);
        foreach (var key in keys) Combine(key, hashes);
        return hashes;
    }

    private static void Combine(Vector v, ulong[] hashes)
    {
        int n = hashes.Length;
        var nulls = v.Nulls;
        for (int i = 0; i < n; i++)
        {
            ulong h = nulls is not null && nulls[i] ? NullHash : ValueHash(v, i);
            hashes[i] = Mix(hashes[i] * 31 + h);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ValueHash(Vector v, int i)
    {
        switch (v.Type.Storage)
        {
            case StorageKind.Long: return Mix((ulong)v.Longs[i]);
            case StorageKind.Double: return Mix((ulong)BitConverter.DoubleToInt64Bits(v.Doubles[i] == 0 ? 0.0 : v.Doubles[i]));
            case StorageKind.Decimal: return Mix((ulong)BitConverter.DoubleToInt64Bits((double)v.Decimals[i]));
            default:
            {
                ulong h = 0xCBF29CE484222325UL;
                foreach (char c in v.Strings[i]!) h = (h ^ c) * 0x100000001B3UL;
                return Mix(h);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }
}
