using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Engine.Tests.Sort;

public sealed class PartitionerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(300)]
    public void Every_key_lands_in_its_range(int partitions)
    {
        var block = RecordBytes.Generate(20_000, ascii: false, seed: 21);
        var partitioner = RangePartitioner.FromSample(KeySampler.Sample(block, 2_000, seed: 3), partitions);
        var splits = partitioner.SplitKeys.Select(k => k.ToBytes()).ToArray();

        Assert.Equal(partitions, partitioner.Partitions);
        foreach (var record in RecordBytes.Split(block))
        {
            var key = RecordBytes.Key(record);
            // The reference: how many split keys are <= the key, by memcmp.
            var expected = splits.Count(split => RecordBytes.Memcmp.Compare(split, key) <= 0);
            Assert.Equal(expected, partitioner.PartitionOf(record));
        }
    }

    [Fact]
    public void Keys_equal_to_a_split_key_and_close_to_it_land_on_the_right_side()
    {
        var split = new RecordKey(0x1234_5678_9ABC_DEF0, 0x8000);
        var partitioner = new RangePartitioner([new RecordKey(0x1234_5678_9ABC_DEF0, 0x0001), split, split, new RecordKey(ulong.MaxValue, 0)]);

        Assert.Equal(0, partitioner.PartitionOf(new RecordKey(0, 0)));
        Assert.Equal(1, partitioner.PartitionOf(new RecordKey(0x1234_5678_9ABC_DEF0, 0x7FFF)));
        Assert.Equal(3, partitioner.PartitionOf(split)); // partition 2 (between the two equal splits) is empty
        Assert.Equal(3, partitioner.PartitionOf(new RecordKey(0x1234_5678_9ABC_DEF1, 0)));
        Assert.Equal(4, partitioner.PartitionOf(new RecordKey(ulong.MaxValue, ushort.MaxValue)));
    }

    [Fact]
    public void Split_keys_survive_being_packed()
    {
        var partitioner = RangePartitioner.FromSample(KeySampler.Sample(RecordBytes.Generate(1_000, false), 500), 37);

        var copy = RangePartitioner.FromBytes(partitioner.SplitKeyBytes());

        Assert.Equal(partitioner.SplitKeys, copy.SplitKeys);
        Assert.Equal(36 * 10, partitioner.SplitKeyBytes().Length);
    }

    [Fact]
    public void Rejects_unsorted_split_keys()
    {
        var error = Assert.Throws<ArgumentException>(() => new RangePartitioner([new RecordKey(5, 0), new RecordKey(4, 0)]));
        Assert.Contains("split key 1", error.Message);
    }

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(8, 1_000)]
    [InlineData(64, 300_000)] // large enough to be cut into slices per core
    public void Scatter_groups_records_by_partition_keeping_input_order(int partitions, int count)
    {
        var block = RecordBytes.Generate(count, ascii: false, seed: 22);
        var partitioner = RangePartitioner.FromSample(KeySampler.Sample(block, 5_000, seed: 1), partitions);
        var records = RecordBytes.Split(block);

        var result = RecordPartitioner.Partition(block, partitioner);

        Assert.Equal(partitions, result.Partitions);
        for (var p = 0; p < partitions; p++)
        {
            var expected = RecordBytes.Concat(records.Where(r => partitioner.PartitionOf(r) == p));
            Assert.Equal(expected, result.Bucket(p).ToArray());
            Assert.Equal(expected.Length / 100, result.RecordCount(p));
        }
    }

    [Theory]
    [InlineData(5, 1_000)]
    [InlineData(64, 300_000)] // cut into slices per core
    public void Counted_records_scatter_into_separate_destinations_as_partition_does(int partitions, int count)
    {
        var block = RecordBytes.Generate(count, ascii: false, seed: 24);
        var partitioner = RangePartitioner.FromSample(KeySampler.Sample(block, 5_000, seed: 2), partitions);
        var records = RecordBytes.Split(block);

        using var counted = RecordPartitioner.Count(block, partitioner);
        // One array per partition, as a map task gets one tier block per key range.
        var destinations = Enumerable.Range(0, partitions).Select(p => new byte[counted.RecordCount(p) * 100]).ToArray();
        counted.ScatterInto(destinations.Select(d => d.AsMemory()).ToArray());

        for (var p = 0; p < partitions; p++)
        {
            Assert.Equal(RecordBytes.Concat(records.Where(r => partitioner.PartitionOf(r) == p)), destinations[p]);
        }
    }

    [Fact]
    public void Counted_records_reject_a_wrong_sized_destination_and_a_second_scatter()
    {
        var block = RecordBytes.Generate(10, false);
        using var counted = RecordPartitioner.Count(block, new RangePartitioner([]));

        var error = Assert.Throws<ArgumentException>(() => counted.ScatterInto([new byte[900]]));
        Assert.Contains("900", error.Message);
        counted.ScatterInto([new byte[1_000]]);
        Assert.Throws<InvalidOperationException>(() => counted.ScatterInto([new byte[1_000]]));
    }

    [Fact]
    public async Task Sampled_splits_balance_the_partitions()
    {
        using var temp = new TempFolder();
        var input = await GensortWriter.GenerateAsync(200_000, temp.Path, partitions: 3, ascii: false, seed: 23);
        var sample = await KeySampler.SampleAsync(input.Files, 8_000, seed: 9);
        var partitioner = RangePartitioner.FromSample(sample, 8);
        var block = input.Files.SelectMany(File.ReadAllBytes).ToArray();

        var result = RecordPartitioner.Partition(block, partitioner);

        Assert.InRange(sample.Length, 8_000 - 3, 8_000 + 3);
        Assert.Equal(sample, await KeySampler.SampleAsync(input.Files, 8_000, seed: 9)); // deterministic for a seed
        for (var p = 0; p < 8; p++)
        {
            Assert.InRange(result.RecordCount(p), 25_000 * 0.85, 25_000 * 1.15);
        }
    }

    [Fact]
    public void Scatter_rejects_a_wrong_sized_destination()
    {
        var block = RecordBytes.Generate(10, false);
        var error = Assert.Throws<ArgumentException>(() =>
            RecordPartitioner.Partition(block, new RangePartitioner([]), new byte[900], new int[2]));
        Assert.Contains("900", error.Message);
    }
}
