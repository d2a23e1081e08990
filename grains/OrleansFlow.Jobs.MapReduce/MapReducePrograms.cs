using OrleansFlow.Engine;
using OrleansFlow.Engine.MapReduce;
using OrleansFlow.Fabric.Code;

namespace OrleansFlow.Jobs.MapReduce;

/// <summary>The MapReduce program a task runs: built into the engine, or in the job's uploaded code.</summary>
public sealed class MapReducePrograms(ProgramLoader loader)
{
    public async Task<IMapReduceProgram> LoadAsync(string jobId, string programType, string? codeId) =>
        MapReduceProgram.Create(await loader.LoadTypeAsync(jobId, programType, codeId, typeof(EngineAssembly).Assembly));
}
