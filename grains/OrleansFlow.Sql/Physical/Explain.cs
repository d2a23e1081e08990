using System.Text;
using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Physical;

/// <summary>EXPLAIN text: the optimised logical plan, the physical plan with exchanges, and its stages.</summary>
public static class Explain
{
    public static string Format(LogicalPlan logical, PhysicalPlan physical, IReadOnlyList<Stage> stages)
    {
        var sb = new StringBuilder();
        sb.Append("== Logical plan ==\n").Append(PlanPrinter.Print(logical));
        sb.Append("\n== Physical plan ==\n").Append(physical.Explain());
        sb.Append("\n== Stages ==\n");
        foreach (var stage in stages)
        {
            sb.Append(stage.Describe()).Append('\n');
            foreach (var line in PlanPrinter.Print(stage.Fragment).TrimEnd('\n').Split('\n')) sb.Append("  ").Append(line).Append('\n');
        }
        return sb.ToString();
    }
}
