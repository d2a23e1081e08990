using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Hashing;

/// <summary>Chained hash table over the build rows of a join; rows with a NULL key are left out.</summary>
internal sealed class JoinHashTable
{
    private readonly Vector[] _keys;
    private readonly int[] _buckets;
    private readonly int[] _next;
    private readonly ulong[] _hashes;
    private readonly int _mask;

    public JoinHashTable(Vector[] keys, int rowCount)
    {
        _keys = keys;
        int size = 16;
        while (size < rowCount * 2) size <<= 1;
        _mask = size - 1;
        _buckets = new int[size];
        Array.Fill(_buckets, -1);
        _next = new int[rowCount];
        _hashes = KeyHasher.Hash(keys, rowCount);
        // Insert in reverse so chains list rows in input order.
        for (int r = rowCount - 1; r >= 0; r--)
        {
            bool hasNull = false;
            foreach (var k in keys) hasNull |= k.IsNull(r);
            if (hasNull) { _next[r] = -1; continue; }
            int bucket = (int)(_hashes[r] & (ulong)_mask);
            _next[r] = _buckets[bucket];
            _buckets[bucket] = r;
        }
    }

    public int First(ulong hash) => _buckets[(int)(hash & (ulong)_mask)];

    public int Next(int row) => _next[row];

    public bool Matches(int row, ulong hash, Vector[] probeKeys, int probeRow)
    {
        if (_hashes[row] != hash) return false;
        for (int k = 0; k < _keys.Length; k++)
            if (!RowComparer.ValuesEqual(_keys[k], row, probeKeys[k], probeRow)) return false;
        return true;
    }
}
