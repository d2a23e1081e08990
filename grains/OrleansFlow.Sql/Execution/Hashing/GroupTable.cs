using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Hashing;

/// <summary>
/// Open-addressing hash table from composite keys to dense group numbers 0..Count-1 (NULL keys group together).
/// </summary>
internal sealed class GroupTable
{
    private readonly GrowableVector[] _keys;
    private int[] _slots = new int[64];      // group + 1; 0 = empty
    private ulong[] _groupHashes = new ulong[64];

    public int Count { get; private set; }

    public GroupTable(IReadOnlyList<SqlType> keyTypes)
    {
        _keys = new GrowableVector[keyTypes.Count];
        for (int i = 0; i < _keys.Length; i++) _keys[i] = new GrowableVector(keyTypes[i]);
    }

    /// <summary>Group number of every row, adding new groups as needed.</summary>
    public int[] FindOrAdd(IReadOnlyList<Vector> keys, int rowCount)
    {
        if (_keys.Length == 0)
        {
            // A global aggregate: every row is in the one group, no hashing needed.
            if (Count == 0) FindOrAdd(keys, 0, KeyHasher.Hash(keys, 1)[0]);
            return new int[rowCount];
        }
        var hashes = KeyHasher.Hash(keys, rowCount);
        var groups = new int[rowCount];
        for (int r = 0; r < rowCount; r++) groups[r] = FindOrAdd(keys, r, hashes[r]);
        return groups;
    }

    public int FindOrAdd(IReadOnlyList<Vector> keys, int row, ulong hash)
    {
        int g = Find(keys, row, hash, out int slot);
        if (g >= 0) return g;
        g = Count++;
        for (int k = 0; k < _keys.Length; k++) _keys[k].Append(keys[k], row);
        if (g == _groupHashes.Length) Array.Resize(ref _groupHashes, g * 2);
        _groupHashes[g] = hash;
        _slots[slot] = g + 1;
        if (Count * 2 > _slots.Length) Rehash();
        return g;
    }

    /// <summary>The group of a row, or -1.</summary>
    public int Find(IReadOnlyList<Vector> keys, int row, ulong hash) => Find(keys, row, hash, out _);

    private int Find(IReadOnlyList<Vector> keys, int row, ulong hash, out int slot)
    {
        int mask = _slots.Length - 1;
        slot = (int)(hash & (ulong)mask);
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0) return -1;
            int g = entry - 1;
            if (_groupHashes[g] == hash && KeysEqual(g, keys, row)) return g;
            slot = (slot + 1) & mask;
        }
    }

    private bool KeysEqual(int g, IReadOnlyList<Vector> keys, int row)
    {
        for (int k = 0; k < _keys.Length; k++)
            if (!_keys[k].EqualsRow(g, keys[k], row)) return false;
        return true;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int g = 0; g < Count; g++)
        {
            int slot = (int)(_groupHashes[g] & (ulong)mask);
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = g + 1;
        }
    }

    public Vector[] KeyVectors() => _keys.Select(k => k.ToVector()).ToArray();
}
