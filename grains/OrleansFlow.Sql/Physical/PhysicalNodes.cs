using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Physical;

public enum ExchangeKind
{
    /// <summary>Rows go to partition hash(keys) mod N of the consumer.</summary>
    HashRepartition,
    /// <summary>Every consumer partition receives all rows (small join build sides).</summary>
    Broadcast,
    /// <summary>All rows go to the consumer's single partition.</summary>
    Gather,
}

/// <summary>A data movement between stages. The plan is cut here: below it one stage writes, above it another reads.</summary>
public sealed record ExchangeNode(LogicalPlan Input, ExchangeKind Kind, IReadOnlyList<BoundExpr> Keys, int Id,
    int ProducerPartitions, int ConsumerPartitions) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() =>
        $"Exchange #{Id} {Kind}{(Keys.Count > 0 ? " keys=[" + string.Join(", ", Keys) + "]" : "")} {ProducerPartitions} -> {ConsumerPartitions} partition{(ConsumerPartitions == 1 ? "" : "s")}";
}

/// <summary>
/// A small input that every task of its stage computes whole (scans of small tables, filtered and projected), where an
/// exchange would have broadcast it from a stage of its own.
/// </summary>
public sealed record ReplicatedNode(LogicalPlan Input) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() => "Replicated (every task reads it whole)";
}

/// <summary>The reading end of an exchange inside a stage fragment.</summary>
public sealed record ExchangeSourceNode(int ExchangeId, ExchangeKind Kind, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;
    public override IReadOnlyList<LogicalPlan> Children => [];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
    public override string Describe() => $"ExchangeSource #{ExchangeId} ({Kind})";
}

/// <summary>First phase of a two-phase aggregate: per-partition states. Output: keys, [grouping-set id], states.</summary>
public sealed record PartialAggregateNode(AggregateNode Aggregate, LogicalPlan Input, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() => "Partial" + Aggregate.Describe();
}

/// <summary>Second phase: merges the partial states of each group (all of a group's states arrive in one partition).</summary>
public sealed record FinalAggregateNode(AggregateNode Aggregate, LogicalPlan Input) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Aggregate.Columns;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override string Describe() => $"FinalAggregate groups=[{string.Join(", ", Aggregate.Columns.Take(Aggregate.Groups.Count).Select(c => $"{c.Name}#{c.Id}"))}] aggs=[{string.Join(", ", Aggregate.Aggregates)}]";
}
