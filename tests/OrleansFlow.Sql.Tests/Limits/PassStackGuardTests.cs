using OrleansFlow.Sql.Execution;
using OrleansFlow.Sql.Execution.Expressions;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Optimizer;
using OrleansFlow.Sql.Parsing;
using OrleansFlow.Sql.Physical;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Tests.Limits;

/// <summary>
/// Each recursive pass after the parser, handed a tree far deeper than any query within the limits can make, stops
/// with <see cref="InsufficientExecutionStackException"/> (which <see cref="SqlEngine"/> turns into the one-line
/// nesting error) instead of overflowing the stack, which would end the process. Trees are built without recursion.
/// </summary>
public sealed class PassStackGuardTests
{
    private const int Depth = 1_000_000;

    private static readonly PlanColumn Column = new(1, "x", SqlType.Boolean);

    private static BoundExpr DeepNot()
    {
        BoundExpr e = new BoundColumn(Column.Id, Column.Name, Column.Type);
        for (var i = 0; i < Depth; i++) e = new BoundUnary(UnaryOp.Not, e, SqlType.Boolean);
        return e;
    }

    private static LogicalPlan DeepFilters()
    {
        LogicalPlan plan = new OneRowNode();
        var predicate = new BoundConstant(1L, SqlType.Boolean);
        for (var i = 0; i < Depth; i++) plan = new FilterNode(plan, predicate);
        return plan;
    }

    public static TheoryData<string> Passes => new()
    {
        "expression rewrite (constant folding)", "column collection", "expression compiler", "predicate compiler",
        "plan printer", "optimizer rules", "physical planner", "local planner",
    };

    [Theory]
    [MemberData(nameof(Passes))]
    public void Stops_with_insufficient_stack_instead_of_overflowing(string pass)
    {
        Func<object?> run = pass switch
        {
            "expression rewrite (constant folding)" => () => ConstantFolding.Fold(DeepNot()),
            "column collection" => () => ExprUtil.ColumnIds(DeepNot()),
            "expression compiler" => () => new ExpressionCompiler(new ColumnLayout([Column]), NoSubqueries.Instance).Compile(DeepNot()),
            "predicate compiler" => () => new ExpressionCompiler(new ColumnLayout([Column]), NoSubqueries.Instance).CompilePredicate(DeepAnd()),
            "plan printer" => () => PlanPrinter.Print(DeepFilters()),
            "optimizer rules" => () => LogicalOptimizer.Optimize(DeepFilters(), new ColumnIdGenerator()),
            "physical planner" => () => new PhysicalPlanner(new PhysicalOptions(), new ColumnIdGenerator()).Plan(DeepFilters()),
            "local planner" => () => new LocalPlanner().Build(DeepFilters()),
            _ => throw new ArgumentException(pass),
        };
        SmallStack.Throws<InsufficientExecutionStackException>(run);
    }

    private static BoundExpr DeepAnd()
    {
        BoundExpr e = new BoundColumn(Column.Id, Column.Name, Column.Type);
        for (var i = 0; i < Depth; i++) e = new BoundBinary(BinaryOp.And, e, new BoundColumn(Column.Id, Column.Name, Column.Type), SqlType.Boolean);
        return e;
    }

    private sealed class NoSubqueries : ISubqueryRunner
    {
        public static readonly NoSubqueries Instance = new();

        public Batch Run(LogicalPlan plan) => throw new InvalidOperationException("no subqueries here");
    }
}
