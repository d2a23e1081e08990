using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Abstractions.Grains;

/// <summary>Runs one task. Implemented as a stateless worker: activated on demand on the caller's silo.</summary>
public interface ITaskWorkerGrain : IGrainWithIntegerKey
{
    [ResponseTimeout("04:00:00")]
    Task<TaskReport> Execute(TaskSpec task);
}
