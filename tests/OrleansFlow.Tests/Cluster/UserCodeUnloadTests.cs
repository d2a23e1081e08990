using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Fabric.Code;
using OrleansFlow.Tests.Infrastructure;
using OrleansFlow.Tests.Programs;

namespace OrleansFlow.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class UserCodeUnloadTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_silo_unloads_a_jobs_code_when_the_job_ends()
    {
        var input = _folder.File("in/a.txt", "one two\nthree\n");
        var result = await (await fixture.Client.SubmitMapReduceAsync<UserWordCount>(new MapReduceSubmission
        {
            Inputs = [input],
            OutputDirectory = Path.Combine(_folder.Path, "out"),
        })).WaitAsync();
        Assert.Equal(JobStatus.Succeeded, result.Info.Status);

        foreach (var silo in fixture.Cluster.Silos)
        {
            var loader = fixture.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<ProgramLoader>();
            Assert.Equal(0, loader.LoadedJobs);
        }
        // And the collectible context really goes away once nothing holds it.
        Assert.True(LoadAndUnloadIsCollected(fixture), "the job's load context was not collected");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool LoadAndUnloadIsCollected(ClusterFixture fixture)
    {
        var weak = LoadThenUnload(fixture);
        for (var i = 0; weak.IsAlive && i < 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return !weak.IsAlive;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadThenUnload(ClusterFixture fixture)
    {
        var silo = fixture.Cluster.Silos[0].SiloAddress;
        var loader = fixture.Cluster.GetSiloServiceProvider(silo).GetRequiredService<ProgramLoader>();
        var code = fixture.Client.Orleans.GetGrain<Abstractions.Grains.ICodeGrain>("unload-test");
        code.Upload(new Abstractions.Grains.CodePackage([new Abstractions.Grains.CodeAssembly(
            typeof(UserWordCount).Assembly.GetName().Name!, File.ReadAllBytes(typeof(UserWordCount).Assembly.Location))])).GetAwaiter().GetResult();
        Assert.NotNull(loader.LoadTypeAsync("unload-job", typeof(UserWordCount).FullName, "unload-test", typeof(OrleansFlow.Engine.EngineAssembly).Assembly).GetAwaiter().GetResult());
        Assert.Equal(1, loader.LoadedJobs);
        return loader.Unload("unload-job")!;
    }
}
