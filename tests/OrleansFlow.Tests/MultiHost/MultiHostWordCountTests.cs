using OrleansFlow.Abstractions.Grains;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.MultiHost;

/// <summary>
/// A word count over two silo "hosts" (network namespaces with addresses of their own), Redis on a third, the client
/// in the test's namespace: the silos advertise their hosts' addresses, and shuffle blocks live on both hosts with
/// locations that name different hosts, so reducers reach the other host's blocks over TCP, not shared memory.
/// Needs root (network namespaces): without it the fixture fails and says so.
/// </summary>
[Collection(nameof(MultiHostCollection))]
public sealed class MultiHostWordCountTests : IDisposable
{
    private const int Reducers = 4;
    private readonly TempFolder _folder = new("multihost-wc");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_word_count_across_two_hosts_is_exact_and_its_shuffle_crosses_hosts()
    {
        var input = _folder.Sub("in");
        var gate = _folder.Sub("gate");
        Directory.CreateDirectory(input);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        // 12 map tasks that finish at once, then 2 that hold the map stage open at the gate, so the shuffle's blocks
        // can be looked at while they are still registered.
        for (var f = 0; f < 14; f++)
        {
            var words = Enumerable.Range(0, 3000).Select(i => $"w{(i * 17 + f) % 211}").ToList();
            File.WriteAllLines(Path.Combine(input, $"part-{f:D2}.txt"), f < 12 ? words : [$"GATE {gate}", .. words]);
            foreach (var w in words) expected[w] = expected.GetValueOrDefault(w) + 1;
        }
        await using var cluster = await MultiHostCluster.StartAsync(2, _folder.Sub("work"), "--slots", "2", "--memory", "128m");

        // Each silo advertises its own host's address, for Orleans and for its data plane.
        var silos = await cluster.Client.GetClusterAsync();
        foreach (var host in cluster.SiloHosts)
        {
            var silo = Assert.Single(silos, s => s.Silo.StartsWith($"{host.Address}:", StringComparison.Ordinal));
            Assert.StartsWith($"{host.Address}:", silo.DataEndpoint);
        }
        Assert.All(cluster.Silos, s => Assert.Contains($"address={s.Address}", s.Process.Output));

        var job = await cluster.Client.SubmitMapReduceAsync<GatedWordCount>(new MapReduceSubmission
        {
            Inputs = [input], OutputDirectory = _folder.Sub("out"), Reducers = Reducers, Shuffle = ShuffleStoreKind.Memory,
        });
        await Eventually.TrueAsync(async () => (await job.GetInfoAsync()).Stages[0].CompletedTasks >= 12, TimeSpan.FromSeconds(120), "the 12 ungated map tasks done");
        var blocks = new List<BlockDescriptor>();
        for (var p = 0; p < Reducers; p++)
            blocks.AddRange((await cluster.Client.Orleans.GetGrain<IShufflePartitionGrain>(IShufflePartitionGrain.KeyOf(job.JobId, "shuffle-0", p)).GetBlocks(0)).Blocks);
        File.WriteAllText(gate, "open");
        var result = await job.WaitAsync();

        Assert.True(result.Info.Status == JobStatus.Succeeded, result.Info.Error);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), Corpus.ReadCounts(result.OutputFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        // Map tasks ran on both hosts, so each reducer read blocks of both.
        var mapHosts = result.Tasks.Where(t => t.Stage == "map").Select(t => t.Silo.Split(':')[0]).ToHashSet();
        Assert.Equal(cluster.SiloHosts.Select(h => h.Address).ToHashSet(), mapHosts);
        // The blocks are the hosts' own: owned at the namespaces' data endpoints, in locations naming two different
        // host identities (so the shared-memory transport refuses them on the other host, although /dev/shm is shared).
        Assert.NotEmpty(blocks);
        var owners = blocks.Select(b => b.Owner.Split(':')[0]).ToHashSet();
        Assert.Equal(cluster.SiloHosts.Select(h => h.Address).ToHashSet(), owners);
        var hostOfOwner = blocks.GroupBy(b => b.Owner).ToDictionary(g => g.Key, g => g.Select(LocationHost).Distinct().Single());
        Assert.Equal(hostOfOwner.Count, hostOfOwner.Values.Distinct().Count());
    }

    /// <summary>The host identity in a memory-tier location (<c>shm:HOST:/path</c> or <c>spill:HOST:/path</c>).</summary>
    internal static string LocationHost(BlockDescriptor block) => block.Location.Split(':')[1];
}
