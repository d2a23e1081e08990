using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Physical;

/// <summary>A planned query: its logical plan, its physical plan and the stages cut from it.</summary>
public sealed record StagedQuery(LogicalPlan Logical, PhysicalPlan Physical, IReadOnlyList<Stage> Stages)
{
    public IReadOnlyList<Types.ColumnInfo> Columns => Logical.Output.Select(c => c.ToInfo()).ToList();
}
