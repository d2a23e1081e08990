using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Execution.Operators;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution;

/// <summary>
/// Builds an in-process operator tree for a logical plan. By default it reads whole tables; given a partition it
/// scans only that partition's share of each table. Nodes it does not know (exchanges, aggregate phases) are
/// handed to <paramref name="extension"/>. Also runs uncorrelated subqueries for the expressions it compiles.
/// </summary>
public sealed class LocalPlanner(int partition = 0, int partitionCount = 1, Func<LogicalPlan, LocalPlanner, IBatchOperator?>? extension = null,
    CancellationToken cancellation = default) : ISubqueryRunner
{
    public IBatchOperator Build(LogicalPlan plan)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        switch (plan)
        {
            case ScanNode scan:
            {
                var filter = ExprUtil.Conjunction(scan.Filters);
                var compiled = filter is null ? null : Compiler(scan.Columns).CompilePredicate(filter);
                return new ScanOperator(scan.Table, scan.TableColumns, ScanPruning.Derive(scan), compiled, partition, partitionCount, cancellation);
            }
            case OneRowNode:
                return new OneRowOperator();
            case FilterNode f:
                return new FilterOperator(Build(f.Input), Compiler(f.Input.Output).CompilePredicate(f.Predicate));
            case ProjectNode p:
            {
                var compiler = Compiler(p.Input.Output);
                return new ProjectOperator(Build(p.Input), p.Exprs.Select(compiler.Compile).ToList(), p.Columns.Select(c => c.Type).ToList());
            }
            case AggregateNode a:
            {
                var compiler = Compiler(a.Input.Output);
                return new HashAggregateOperator(Build(a.Input), a.Groups.Select(compiler.Compile).ToList(), a.Groups.Select(g => g.Type).ToList(),
                    a.Aggregates, a.Aggregates.Select(c => c.Argument is null ? null : compiler.Compile(c.Argument)).ToList(),
                    a.GroupingSets, AggregateMode.Single);
            }
            case JoinNode j:
                return BuildJoin(j, Build(j.Left), Build(j.Right));
            case SortNode s:
                return BuildSort(s, Build(s.Input), null);
            case LimitNode { Input: SortNode s } l when l.Limit is not null:
                return new LimitOperator(BuildSort(s, Build(s.Input), l.Limit + l.Offset), l.Limit, l.Offset);
            case LimitNode l:
                return new LimitOperator(Build(l.Input), l.Limit, l.Offset);
            case SetOperationNode s:
                return new SetOperationOperator(s.Kind, s.All, Build(s.Left), Build(s.Right));
            case WindowNode w:
            {
                var compiler = Compiler(w.Input.Output);
                return new WindowOperator(Build(w.Input), w.PartitionBy.Select(compiler.Compile).ToList(),
                    w.OrderBy.Select(k => new SortSpec(compiler.Compile(k.Expr), k.Descending, k.NullsFirst)).ToList(),
                    w.Functions, w.Functions.Select(f => (IReadOnlyList<Func<Batch, Vector>>)f.Args.Select(compiler.Compile).ToList()).ToList());
            }
            default:
                return extension?.Invoke(plan, this) ?? throw new NotSupportedException($"cannot execute plan node {plan.GetType().Name}");
        }
    }

    /// <summary>A hash join operator for <paramref name="join"/> over already-built inputs.</summary>
    public IBatchOperator BuildJoin(JoinNode join, IBatchOperator left, IBatchOperator right)
    {
        var keys = JoinKeys.Extract(join);
        var leftCompiler = Compiler(join.Left.Output);
        var rightCompiler = Compiler(join.Right.Output);
        var residual = keys.Residual is null ? null
            : Compiler([.. join.Left.Output, .. join.Right.Output]).CompilePredicate(keys.Residual);
        var type = join.Type == JoinType.Cross ? JoinType.Inner : join.Type;
        return new HashJoinOperator(left, right, type, keys.Left.Select(leftCompiler.Compile).ToList(),
            keys.Right.Select(rightCompiler.Compile).ToList(), residual);
    }

    public IBatchOperator BuildSort(SortNode sort, IBatchOperator input, long? limit)
    {
        var compiler = Compiler(sort.Input.Output);
        return new SortOperator(input, sort.Keys.Select(k => new SortSpec(compiler.Compile(k.Expr), k.Descending, k.NullsFirst)).ToList(), limit);
    }

    public ExpressionCompiler Compiler(IReadOnlyList<PlanColumn> input) => new(new ColumnLayout(input), this);

    /// <summary>Runs a subquery plan in full (whole tables, this process).</summary>
    public Batch Run(LogicalPlan plan)
    {
        var op = new LocalPlanner(cancellation: cancellation).Build(plan);
        var batches = op.Execute().ToList();
        return batches.Count == 0 ? Batch.Empty(op.OutputTypes) : Batch.Concat(op.OutputTypes, batches);
    }
}
