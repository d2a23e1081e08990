using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Optimizer;

/// <summary>Rough row-count estimates from table sizes; enough to order joins and pick broadcast sides.</summary>
public static class Cardinality
{
    private const double FilterSelectivity = 0.25;

    public static double Estimate(LogicalPlan plan) => plan switch
    {
        ScanNode s => Math.Max(1, s.Table.EstimatedRows * Math.Pow(FilterSelectivity, s.Filters.Sum(f => ExprUtil.SplitConjuncts(f).Count))),
        FilterNode f => Math.Max(1, Estimate(f.Input) * FilterSelectivity),
        AggregateNode a => a.Groups.Count == 0 ? 1 : Math.Max(1, Estimate(a.Input) * 0.1),
        JoinNode { Type: JoinType.Semi or JoinType.Anti } j => Estimate(j.Left),
        JoinNode { Type: JoinType.Cross } j => Estimate(j.Left) * Estimate(j.Right),
        JoinNode j => Math.Max(Estimate(j.Left), Estimate(j.Right)),
        LimitNode { Limit: long l } x => Math.Min(l, Estimate(x.Input)),
        OneRowNode => 1,
        SetOperationNode s => Estimate(s.Left) + Estimate(s.Right),
        _ => plan.Children.Count == 0 ? 1 : plan.Children.Max(Estimate),
    };

    /// <summary>Estimated fraction of a filtered table's rows that pass its filters; 1 for anything else.</summary>
    public static double Selectivity(LogicalPlan plan) => plan switch
    {
        ScanNode s => Math.Pow(FilterSelectivity, s.Filters.Sum(f => ExprUtil.SplitConjuncts(f).Count)),
        FilterNode f => FilterSelectivity * Selectivity(f.Input),
        ProjectNode p => Selectivity(p.Input),
        _ => 1,
    };
}
