using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Execution.Aggregation;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Optimizer;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Physical;

/// <summary>
/// Places exchanges in an optimised logical plan: scans run in N partitions; mergeable aggregates split into
/// partial (per partition) and final (after a hash repartition on the group keys, or a gather for global
/// aggregates); joins read a build side that only scans a small table whole in every task, broadcast another
/// small build side, or hash-repartition both sides on the join keys; sorts and limits run per partition first
/// (top-N) and finish after a gather; windows hash-repartition on their PARTITION BY keys (a gather without
/// any); the root is gathered.
/// </summary>
public sealed class PhysicalPlanner(PhysicalOptions options, ColumnIdGenerator ids)
{
    private int _nextExchange;

    public PhysicalPlan Plan(LogicalPlan logical)
    {
        var (plan, dist) = Visit(logical);
        if (!dist.IsSingle) plan = Exchange(plan, dist, ExchangeKind.Gather, [], 1);
        return new PhysicalPlan(plan);
    }

    private (LogicalPlan, Distribution) Visit(LogicalPlan node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        switch (node)
        {
            case ScanNode s:
                return (s, s.Table.ScanUnitCount > 1 && options.Partitions > 1 ? new Distribution(options.Partitions) : Distribution.Single);
            case OneRowNode:
                return (node, Distribution.Single);
            case FilterNode or ProjectNode:
            {
                var (input, d) = Visit(node.Children[0]);
                return (node.WithChildren([input]), d);
            }
            case AggregateNode a:
                return VisitAggregate(a);
            case JoinNode j:
                return VisitJoin(j);
            case LimitNode { Input: SortNode sort, Limit: long limit } l:
            {
                var (input, d) = Visit(sort.Input);
                if (d.IsSingle) return (l with { Input = sort with { Input = input } }, d);
                // Top-N per partition, then the final top-N over at most N * (limit + offset) rows.
                var local = new LimitNode(sort with { Input = input }, limit + l.Offset, 0);
                var gathered = Exchange(local, d, ExchangeKind.Gather, [], 1);
                return (l with { Input = sort with { Input = gathered } }, Distribution.Single);
            }
            case SortNode s:
            {
                var (input, d) = Visit(s.Input);
                return (s with { Input = Single(input, d) }, Distribution.Single);
            }
            case LimitNode l:
            {
                var (input, d) = Visit(l.Input);
                if (d.IsSingle) return (l with { Input = input }, d);
                var local = l.Limit is long n ? new LimitNode(input, n + l.Offset, 0) : input;
                return (l with { Input = Exchange(local, d, ExchangeKind.Gather, [], 1) }, Distribution.Single);
            }
            case SetOperationNode s:
                return VisitSetOperation(s);
            case WindowNode w:
                return VisitWindow(w);
            default:
                throw new NotSupportedException($"no physical plan for {node.GetType().Name}");
        }
    }

    private (LogicalPlan, Distribution) VisitAggregate(AggregateNode a)
    {
        var (input, d) = Visit(a.Input);
        if (d.IsSingle) return (a with { Input = input }, d);
        bool mergeable = a.Aggregates.All(c => !c.Distinct);
        if (!mergeable)
        {
            // DISTINCT aggregates need all rows of a group in one place before aggregating.
            if (a.Groups.Count == 0 || a.GroupingSets is not null)
                return (a with { Input = Exchange(input, d, ExchangeKind.Gather, [], 1) }, Distribution.Single);
            var repartitioned = Exchange(input, d, ExchangeKind.HashRepartition, a.Groups, options.Partitions);
            return (a with { Input = repartitioned }, new Distribution(options.Partitions));
        }
        var columns = new List<PlanColumn>();
        for (int g = 0; g < a.Groups.Count; g++) columns.Add(new PlanColumn(ids.Next(), a.Columns[g].Name, a.Groups[g].Type));
        if (a.GroupingSets is not null) columns.Add(new PlanColumn(ids.Next(), "grouping_set", SqlType.Int64));
        int keyCount = columns.Count;
        foreach (var call in a.Aggregates)
        {
            var states = AccumulatorFactory.Create(call).StateTypes;
            for (int s = 0; s < states.Count; s++) columns.Add(new PlanColumn(ids.Next(), $"{call}.state{s}", states[s]));
        }
        var partial = new PartialAggregateNode(a, input, columns);
        if (keyCount == 0)
            return (new FinalAggregateNode(a, Exchange(partial, d, ExchangeKind.Gather, [], 1)), Distribution.Single);
        var keys = columns.Take(keyCount).Select(c => (BoundExpr)new BoundColumn(c.Id, c.Name, c.Type)).ToList();
        var exchange = Exchange(partial, d, ExchangeKind.HashRepartition, keys, options.Partitions);
        return (new FinalAggregateNode(a, exchange), new Distribution(options.Partitions));
    }

    private (LogicalPlan, Distribution) VisitJoin(JoinNode j)
    {
        var (left, dl) = Visit(j.Left);
        var (right, dr) = Visit(j.Right);
        if (dl.IsSingle)
            return (j with { Left = left, Right = Single(right, dr) }, Distribution.Single);
        // Right and full joins emit unmatched build rows, which a broadcast build side would emit once per partition.
        bool canBroadcast = j.Type is JoinType.Inner or JoinType.Cross or JoinType.Left or JoinType.Semi or JoinType.Anti;
        if (canBroadcast && Cardinality.Estimate(j.Right) <= options.BroadcastRowLimit)
        {
            if (ScansOnlySmallTables(j.Right)) return (j with { Left = left, Right = new ReplicatedNode(j.Right) }, dl);
            return (j with { Left = left, Right = Exchange(right, dr, ExchangeKind.Broadcast, [], dl.Partitions) }, dl);
        }
        var keys = JoinKeys.Extract(j);
        if (keys.Left.Count > 0)
        {
            var l = Exchange(left, dl, ExchangeKind.HashRepartition, keys.Left, options.Partitions);
            var r = Exchange(right, dr, ExchangeKind.HashRepartition, keys.Right, options.Partitions);
            return (j with { Left = l, Right = r }, new Distribution(options.Partitions));
        }
        return (j with { Left = Single(left, dl), Right = Single(right, dr) }, Distribution.Single);
    }

    /// <summary>
    /// A window needs each of its partitions whole in one task: hash-repartition on the PARTITION BY keys, or
    /// gather everything into one task when there are none.
    /// </summary>
    private (LogicalPlan, Distribution) VisitWindow(WindowNode w)
    {
        var (input, d) = Visit(w.Input);
        if (d.IsSingle) return (w with { Input = input }, d);
        if (w.PartitionBy.Count == 0) return (w with { Input = Exchange(input, d, ExchangeKind.Gather, [], 1) }, Distribution.Single);
        // A window directly below, partitioned on a subset of these keys, already put every partition of this
        // window in one task (rows equal on all keys are equal on the subset).
        if (input is WindowNode below && below.PartitionBy.Count > 0
            && below.PartitionBy.All(k => w.PartitionBy.Any(p => p.ToString() == k.ToString())))
            return (w with { Input = input }, d);
        var repartitioned = Exchange(input, d, ExchangeKind.HashRepartition, w.PartitionBy, options.Partitions);
        return (w with { Input = repartitioned }, new Distribution(options.Partitions));
    }

    private (LogicalPlan, Distribution) VisitSetOperation(SetOperationNode s)
    {
        var (left, dl) = Visit(s.Left);
        var (right, dr) = Visit(s.Right);
        if (dl.IsSingle && dr.IsSingle) return (s with { Left = left, Right = right }, Distribution.Single);
        if (s.Kind == SetOpKind.Union && s.All)
        {
            if (dl == dr) return (s with { Left = left, Right = right }, dl);
            return (s with { Left = Single(left, dl), Right = Single(right, dr) }, Distribution.Single);
        }
        // Equal rows must meet in one partition: repartition both sides on all columns.
        var l = Exchange(left, dl, ExchangeKind.HashRepartition, AllColumns(left), options.Partitions);
        var r = Exchange(right, dr, ExchangeKind.HashRepartition, AllColumns(right), options.Partitions);
        return (s with { Left = l, Right = r }, new Distribution(options.Partitions));
    }

    /// <summary>True for a scan of a table within <see cref="PhysicalOptions.ReplicateRowLimit"/>, filtered or projected.</summary>
    private bool ScansOnlySmallTables(LogicalPlan plan) => plan switch
    {
        ScanNode s => s.Table.EstimatedRows <= options.ReplicateRowLimit,
        FilterNode or ProjectNode => ScansOnlySmallTables(plan.Children[0]),
        _ => false,
    };

    private static List<BoundExpr> AllColumns(LogicalPlan p) => p.Output.Select(c => (BoundExpr)new BoundColumn(c.Id, c.Name, c.Type)).ToList();

    private LogicalPlan Single(LogicalPlan plan, Distribution d) =>
        d.IsSingle ? plan : Exchange(plan, d, ExchangeKind.Gather, [], 1);

    private ExchangeNode Exchange(LogicalPlan input, Distribution producer, ExchangeKind kind, IReadOnlyList<BoundExpr> keys, int consumers) =>
        new(input, kind, keys, ++_nextExchange, producer.Partitions, consumers);
}
