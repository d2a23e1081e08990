using OrleansFlow.Rdma.Memory;

namespace OrleansFlow.Rdma.Tests;

public sealed class RegionAllocatorTests
{
    [Fact]
    public void Random_allocations_never_overlap_stay_aligned_and_coalesce_back_to_one_extent()
    {
        const int alignment = 4096;
        const long capacity = 64L << 20;
        var allocator = new RegionAllocator(capacity, alignment);
        var random = new Random(1);
        var live = new List<(long Offset, long Length)>();
        for (var step = 0; step < 5_000; step++)
        {
            if (live.Count > 0 && random.Next(3) == 0)
            {
                var victim = random.Next(live.Count);
                allocator.Free(live[victim].Offset, live[victim].Length);
                live.RemoveAt(victim);
                continue;
            }
            var length = random.Next(1, 3 << 20);
            var offset = allocator.TryAllocate(length);
            if (offset < 0)
            {
                // With nothing allocated the whole region is one extent, so a refusal there would be a leak.
                Assert.NotEmpty(live);
                continue;
            }
            Assert.Equal(0, offset % alignment);
            Assert.True(offset + length <= capacity);
            live.Add((offset, length));
        }

        // Independent check of the invariant: sorted extents (rounded up) do not overlap.
        var sorted = live.OrderBy(b => b.Offset).ToList();
        for (var i = 1; i < sorted.Count; i++)
            Assert.True(sorted[i - 1].Offset + allocator.RoundUp(sorted[i - 1].Length) <= sorted[i].Offset, $"extents {i - 1} and {i} overlap");
        Assert.Equal(live.Sum(b => allocator.RoundUp(b.Length)), allocator.UsedBytes);

        foreach (var (offset, length) in live)
            allocator.Free(offset, length);
        Assert.Equal(0, allocator.UsedBytes);
        Assert.Equal(0, allocator.TryAllocate(capacity)); // everything merged back into one extent
    }

    [Fact]
    public void Best_fit_takes_the_smallest_hole_that_fits()
    {
        var allocator = new RegionAllocator(40 * 4096, 4096);
        var a = allocator.TryAllocate(10 * 4096);
        allocator.TryAllocate(4096);
        var c = allocator.TryAllocate(3 * 4096);
        allocator.TryAllocate(4096);
        allocator.Free(a, 10 * 4096);
        allocator.Free(c, 3 * 4096);

        Assert.Equal(c, allocator.TryAllocate(2 * 4096));
    }
}
