using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Engine.Tests.Sort;

/// <summary>The whole pipeline on files, as the distributed job runs it: sample, partition per map block, sort per reducer.</summary>
public sealed class SortedFileWriterTests
{
    [Fact]
    public async Task Map_and_reduce_over_files_pass_valsort_with_the_inputs_checksum()
    {
        using var temp = new TempFolder();
        var input = await GensortWriter.GenerateAsync(120_000, temp.Sub("in"), partitions: 5, ascii: false, seed: 41);
        const int reducers = 6;
        var partitioner = RangePartitioner.FromBytes(
            RangePartitioner.FromSample(await KeySampler.SampleAsync(input.Files, 3_000, seed: 1), reducers).SplitKeyBytes());

        var mapOutputs = input.Files.Select(f => RecordPartitioner.Partition(File.ReadAllBytes(f), partitioner)).ToArray();
        long written = 0;
        for (var r = 0; r < reducers; r++)
        {
            var blocks = mapOutputs.Select(m => m.Bucket(r)).ToArray();
            written += await SortedFileWriter.SortToFileAsync(blocks, Path.Combine(temp.Sub("out"), RecordFiles.PartitionFileName(r, reducers)));
        }
        var result = await Valsort.ValidateAsync(temp.Sub("out"));

        Assert.Equal(120_000, written);
        Assert.True(result.IsSorted, result.Report());
        Assert.Equal(input.Checksum, result.Checksum);
        Assert.Equal(reducers, result.Files);
    }
}
