using System.Runtime.CompilerServices;
using System.Text;

namespace OrleansFlow.Sql.Logical;

/// <summary>Indented EXPLAIN text of a logical plan.</summary>
public static class PlanPrinter
{
    public static string Print(LogicalPlan plan)
    {
        var sb = new StringBuilder();
        Print(plan, 0, sb);
        return sb.ToString();
    }

    private static void Print(LogicalPlan plan, int depth, StringBuilder sb)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        sb.Append(' ', depth * 2).Append(plan.Describe()).Append('\n');
        foreach (var child in plan.Children) Print(child, depth + 1, sb);
    }
}
