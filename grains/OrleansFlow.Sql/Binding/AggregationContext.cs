using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Binding;

/// <summary>
/// While binding the select list / HAVING / ORDER BY of an aggregating query: the GROUP BY expressions
/// and the aggregates found so far, each with the output column of the Aggregate node that will produce it.
/// </summary>
internal sealed class AggregationContext(ColumnIdGenerator ids)
{
    public List<BoundExpr> Groups { get; } = [];
    public List<PlanColumn> GroupColumns { get; } = [];
    public List<AggregateCall> Aggregates { get; } = [];
    public List<PlanColumn> AggregateColumns { get; } = [];
    private readonly Dictionary<string, int> _groupIndex = [];
    private readonly Dictionary<string, int> _aggregateIndex = [];

    public int AddGroup(BoundExpr expr, string name)
    {
        string key = expr.ToString();
        if (_groupIndex.TryGetValue(key, out int i)) return i;
        Groups.Add(expr);
        GroupColumns.Add(new PlanColumn(ids.Next(), name, expr.Type));
        _groupIndex[key] = Groups.Count - 1;
        return Groups.Count - 1;
    }

    public BoundColumn? TryGroup(BoundExpr expr)
    {
        if (!_groupIndex.TryGetValue(expr.ToString(), out int i)) return null;
        var c = GroupColumns[i];
        return new BoundColumn(c.Id, c.Name, c.Type);
    }

    public BoundColumn AddAggregate(AggregateCall call, string name)
    {
        string key = call.ToString();
        if (!_aggregateIndex.TryGetValue(key, out int i))
        {
            Aggregates.Add(call);
            AggregateColumns.Add(new PlanColumn(ids.Next(), name, call.Type));
            i = _aggregateIndex[key] = Aggregates.Count - 1;
        }
        var c = AggregateColumns[i];
        return new BoundColumn(c.Id, c.Name, c.Type);
    }
}
