using OrleansFlow.Rdma.DataPlane;

namespace OrleansFlow.Rdma.Tests;

/// <summary>How a batch to one owner is cut into stripes on parallel connections.</summary>
public sealed class BatchStripeTests
{
    [Fact]
    public void Equal_blocks_are_cut_into_runs_of_equal_bytes()
    {
        Assert.Equal([2, 4, 6, 8], DataPlaneClient.StripeEnds(8, _ => 1 << 20));
        Assert.Equal([32, 64], DataPlaneClient.StripeEnds(64, _ => 64 << 10));
    }

    [Fact]
    public void A_batch_under_two_stripes_of_bytes_stays_on_one_connection()
    {
        Assert.Equal([300], DataPlaneClient.StripeEnds(300, _ => 1000));
        Assert.Equal([0], DataPlaneClient.StripeEnds(0, _ => 0));
    }

    [Fact]
    public void Skewed_sizes_give_only_non_empty_runs_that_cover_every_block()
    {
        int[] sizes = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10 << 20];

        var ends = DataPlaneClient.StripeEnds(sizes.Length, i => sizes[i]);

        Assert.Equal([sizes.Length], ends); // the tiny blocks and the big one that ends the first run: nothing left
        int[] bigFirst = [10 << 20, 1, 1, 1, 1];
        var split = DataPlaneClient.StripeEnds(bigFirst.Length, i => bigFirst[i]);
        Assert.Equal([1, 2, 3, 5], split);
    }
}
