using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Fabric.Scheduling;

/// <summary>The stages of a job and their tasks; a stage starts when every stage it depends on has finished.</summary>
[GenerateSerializer]
public sealed class JobPlan
{
    [Id(0)] public List<StagePlan> Stages { get; set; } = [];
    [Id(1)] public string? OutputDirectory { get; set; }
    /// <summary>The shuffle partition grains the job uses, cleared when it ends.</summary>
    [Id(2)] public List<string> ShuffleKeys { get; set; } = [];
}

[GenerateSerializer]
public sealed class StagePlan
{
    [Id(0)] public required string Name { get; set; }
    [Id(1)] public List<int> DependsOn { get; set; } = [];
    [Id(2)] public List<TaskSpec> Tasks { get; set; } = [];
    [Id(3)] public StageRole Role { get; set; }
}

/// <summary>Builds the tasks of one stage with what every task of a job carries.</summary>
public sealed class StageBuilder(PlanningContext context, string name, StageRole role, int stageIndex, Abstractions.Memory.ShuffleStoreKind shuffle)
{
    public StagePlan Stage { get; } = new() { Name = name, Role = role };

    public StageBuilder DependsOn(params int[] stages)
    {
        Stage.DependsOn.AddRange(stages);
        return this;
    }

    /// <summary>Adds the stage's next task, run by <paramref name="kernel"/> with <paramref name="args"/>.</summary>
    public StageBuilder Add(string kernel, TaskArgs args)
    {
        // The planners check their task counts before they build anything; this catches a planner that does not.
        if (Stage.Tasks.Count >= context.Limits.MaxTasksPerStage)
            context.Limits.CheckTasks(name, Stage.Tasks.Count + 1L, "plan fewer tasks");
        Stage.Tasks.Add(new TaskSpec
        {
            JobId = context.JobId, Stage = name, StageIndex = stageIndex, TaskIndex = Stage.Tasks.Count,
            Kernel = kernel, Shuffle = shuffle, AccessKey = context.AccessKey, Args = args,
        });
        return this;
    }
}
