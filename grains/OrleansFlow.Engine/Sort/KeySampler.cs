using Microsoft.Win32.SafeHandles;

namespace OrleansFlow.Engine.Sort;

/// <summary>
/// Draws keys at random record positions (deterministic for a seed), so a <see cref="RangePartitioner"/> built from
/// them splits the input into ranges of about equal size whatever the input's order or skew.
/// </summary>
public static class KeySampler
{
    /// <summary>
    /// <paramref name="sampleSize"/> keys from record files, spread over the files in proportion to their record
    /// counts (each file gets at least one if it has records).
    /// </summary>
    public static async Task<RecordKey[]> SampleAsync(
        IReadOnlyList<string> files, int sampleSize, ulong seed = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        var counts = new long[files.Count];
        long total = 0;
        for (var f = 0; f < files.Count; f++)
        {
            counts[f] = SortRecord.CountOf(new FileInfo(files[f]).Length, files[f]);
            total += counts[f];
        }
        var keys = new List<RecordKey>(sampleSize + files.Count);
        if (total == 0)
        {
            return [];
        }
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var key = new byte[SortRecord.KeySize];
        for (var f = 0; f < files.Count; f++)
        {
            if (counts[f] == 0)
            {
                continue;
            }
            var draws = Math.Max(1, (int)((UInt128)(ulong)sampleSize * (ulong)counts[f] / (ulong)total));
            var positions = new long[draws];
            for (var i = 0; i < draws; i++)
            {
                positions[i] = random.NextInt64(counts[f]);
            }
            Array.Sort(positions); // forward reads are kinder to disks and read-ahead
            using SafeFileHandle handle = File.OpenHandle(files[f], FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
            foreach (var position in positions)
            {
                var read = await RandomAccess.ReadAsync(handle, key, position * SortRecord.Size, cancellationToken);
                if (read != SortRecord.KeySize)
                {
                    throw new InvalidDataException($"{files[f]}: could not read the key of record {position} (file shorter than when listed?).");
                }
                keys.Add(RecordKey.From(key));
            }
        }
        return [.. keys];
    }

    /// <summary><paramref name="sampleSize"/> keys drawn at random positions of an in-memory block of records.</summary>
    public static RecordKey[] Sample(ReadOnlySpan<byte> records, int sampleSize, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        var count = SortRecord.CountOf(records.Length, "sampled block");
        if (count == 0)
        {
            return [];
        }
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var keys = new RecordKey[sampleSize];
        for (var i = 0; i < sampleSize; i++)
        {
            keys[i] = RecordKey.From(records[(random.Next(count) * SortRecord.Size)..]);
        }
        return keys;
    }
}
