using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OrleansFlow.Engine.MapReduce;

/// <summary>Hash partitioning that gives the same answer in every process (unlike <c>GetHashCode</c>, which is
/// randomised per process for strings).</summary>
public static class StablePartitioner
{
    public static int Partition<TKey>(TKey key, int partitions) where TKey : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ulong hash = key switch
        {
            string s => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(s.AsSpan())),
            long l => Mix((ulong)l),
            int i => Mix((ulong)i),
            double d => Mix((ulong)BitConverter.DoubleToInt64Bits(d)),
            _ => throw new NotSupportedException($"No stable hash for key type {typeof(TKey).Name}; override Partition."),
        };
        return (int)(hash % (ulong)partitions);
    }

    // SplitMix64 finaliser: spreads consecutive integers over all partitions.
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30; x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 27; x *= 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }
}
