using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Physical;

/// <summary>A planned query: its logical plan, its physical plan and the stages cut from it.</summary>
public sealed record StagedQuery(LogicalPlan Logical, PhysicalPlan Physical, IReadOnlyList<Stage> Stages)
{
    public IReadOnlyList<Types.ColumnInfo> Columns => Logical.Output.Select(c => c.ToInfo()).ToList();

    /// <summary>Where the query's text is nested deepest: what a pass that runs out of stack names.</summary>
    public Parsing.SourcePosition DeepestAt { get; init; } = new(1, 1);

    /// <summary>The limits it was planned within.</summary>
    public SqlLimits Limits { get; init; } = SqlLimits.Default;
}
