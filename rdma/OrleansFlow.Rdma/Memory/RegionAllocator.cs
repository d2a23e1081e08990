namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// Best-fit allocator of aligned extents inside one region, coalescing neighbours on free. Works in units of the
/// alignment so every extent starts aligned. Not thread-safe: the memory store serialises calls.
/// </summary>
internal sealed class RegionAllocator
{
    private readonly long _unit;
    private readonly SortedSet<(long Units, long Start)> _bySize = [];
    private readonly SortedSet<(long Start, long Units)> _byStart = [];

    public RegionAllocator(long capacityBytes, int alignment)
    {
        _unit = alignment;
        var units = capacityBytes / alignment;
        CapacityBytes = units * alignment;
        if (units > 0)
            AddFree(0, units);
    }

    public long CapacityBytes { get; }

    public long UsedBytes { get; private set; }

    /// <summary>Bytes an allocation of <paramref name="length"/> really takes (at least one unit).</summary>
    public long RoundUp(long length) => Math.Max(1, (length + _unit - 1) / _unit) * _unit;

    /// <summary>Returns the byte offset of a free extent of at least <paramref name="length"/> bytes, or -1 when none is left.</summary>
    public long TryAllocate(long length)
    {
        var units = RoundUp(length) / _unit;
        var fits = _bySize.GetViewBetween((units, long.MinValue), (long.MaxValue, long.MaxValue));
        if (fits.Count == 0)
            return -1;
        var (freeUnits, start) = fits.Min;
        RemoveFree(start, freeUnits);
        if (freeUnits > units)
            AddFree(start + units, freeUnits - units);
        UsedBytes += units * _unit;
        return start * _unit;
    }

    public void Free(long offset, long length)
    {
        var start = offset / _unit;
        var units = RoundUp(length) / _unit;
        UsedBytes -= units * _unit;
        var before = _byStart.GetViewBetween((long.MinValue, long.MinValue), (start, long.MinValue));
        if (before.Count > 0 && before.Max.Start + before.Max.Units == start)
        {
            var (prevStart, prevUnits) = before.Max;
            RemoveFree(prevStart, prevUnits);
            start = prevStart;
            units += prevUnits;
        }
        var after = _byStart.GetViewBetween((start + units, long.MinValue), (start + units, long.MaxValue));
        if (after.Count > 0)
        {
            var (nextStart, nextUnits) = after.Min;
            RemoveFree(nextStart, nextUnits);
            units += nextUnits;
        }
        AddFree(start, units);
    }

    private void AddFree(long start, long units)
    {
        _bySize.Add((units, start));
        _byStart.Add((start, units));
    }

    private void RemoveFree(long start, long units)
    {
        _bySize.Remove((units, start));
        _byStart.Remove((start, units));
    }
}
