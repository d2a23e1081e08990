using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Engine.Sort;

namespace OrleansFlow.Tests.Sort;

/// <summary>TeraSort as deployed: two silo processes joined through Redis, a remote client, each shuffle store.</summary>
public sealed class MultiProcessSortTests(TwoSiloProcesses cluster) : IClassFixture<TwoSiloProcesses>
{
    [Theory]
    [InlineData(ShuffleStoreKind.Memory)]
    [InlineData(ShuffleStoreKind.Redis)]
    [InlineData(ShuffleStoreKind.Disk)]
    public async Task One_million_records_sort_over_two_silo_processes_and_pass_valsort_with_the_inputs_checksum(ShuffleStoreKind store)
    {
        var output = Path.Combine(cluster.Folder, $"out-{store}");
        var job = await cluster.Client.SubmitAsync(new SortArgs
        {
            Inputs = [cluster.Input],
            OutputDirectory = output,
            Shuffle = store,
            SplitSizeBytes = 20_000_000, // 6 map tasks: both silos map
        });
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        var check = await Valsort.ValidateAsync(output);
        Assert.True(check.IsSorted, check.Report());
        Assert.Equal(cluster.InputChecksum, check.Checksum);
        Assert.Equal(TwoSiloProcesses.Records, check.Records);

        // Default reducers: two per live silo, one part file each, named in key order.
        Assert.Equal(["part-00000", "part-00001", "part-00002", "part-00003"], RecordFiles.List(output).Select(Path.GetFileName));
        Assert.Equal(["sample", "map", "reduce"], result.Info.Stages.Select(s => s.Name));
        Assert.Equal(100_000_000, result.Info.Stages[1].BytesIn);
        Assert.Equal(100_000_000, result.Info.Stages[2].BytesOut);
        Assert.Equal(2, result.Tasks.Where(t => t.Stage != "sample").Select(t => t.Silo).Distinct().Count());
    }
}
