using OrleansFlow.Abstractions.Jobs;

namespace OrleansFlow.Grains.Jobs;

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
}
