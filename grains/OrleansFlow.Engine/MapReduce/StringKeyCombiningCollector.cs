using System.Runtime.InteropServices;

namespace OrleansFlow.Engine.MapReduce;

/// <summary>
/// The map-side combiner for string keys: keys can be emitted as spans and are looked up without allocating, so a
/// word seen a million times in a split costs one string, not a million.
/// </summary>
internal sealed class StringKeyCombiningCollector<TValue>(MapReduceJob<string, TValue> job)
    : MapReduceProgram<string, TValue>.IMapCollector, ISpanKeyEmitter<TValue>
{
    private readonly Dictionary<string, TValue> _values = new(StringComparer.Ordinal);

    public void Emit(string key, TValue value)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_values, key, out var exists);
        slot = exists ? job.Combine(key, slot!, value) : value;
    }

    public void Emit(ReadOnlySpan<char> key, TValue value)
    {
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, key, out var exists);
        // The combiner sees a key string only where one already exists; a new key gets its first value as it is.
        slot = exists ? job.Combine(string.Empty, slot!, value) : value;
    }

    public (List<string> Keys, List<TValue> Values) Drain() => ([.. _values.Keys], [.. _values.Values]);
}
