using OrleansFlow.Abstractions;
using OrleansFlow.Abstractions.Grains;

namespace OrleansFlow.Fabric.Code;

/// <summary>Holds one uploaded code package, persisted so a job that outlives its silo can still load it.</summary>
public sealed class CodeGrain([PersistentState("code", FlowNames.JobStorage)] IPersistentState<CodeGrain.State> state) : Grain, ICodeGrain
{
    public async Task Upload(CodePackage package)
    {
        if (state.State.Package is not null)
            return; // keyed by content hash: the same bytes again
        state.State.Package = package;
        await state.WriteStateAsync();
    }

    public Task<CodePackage?> Get() => Task.FromResult(state.State.Package);

    [GenerateSerializer]
    public sealed class State
    {
        [Id(0)] public CodePackage? Package { get; set; }
    }
}
