using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Physical;

/// <summary>A plan with exchanges placed; <see cref="Root"/> produces the result in a single partition.</summary>
public sealed record PhysicalPlan(LogicalPlan Root)
{
    public string Explain() => PlanPrinter.Print(Root);
}
