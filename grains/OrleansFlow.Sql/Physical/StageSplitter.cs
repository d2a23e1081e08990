using System.Runtime.CompilerServices;
using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Physical;

/// <summary>Cuts a physical plan at its exchanges into stages, producers before consumers.</summary>
public static class StageSplitter
{
    public static IReadOnlyList<Stage> Split(PhysicalPlan plan)
    {
        var stages = new List<Stage>();
        var (fragment, inputs) = Cut(plan.Root, stages);
        stages.Add(new Stage(stages.Count + 1, fragment, 1, null, inputs));
        return stages;
    }

    private static (LogicalPlan Fragment, List<int> Inputs) Cut(LogicalPlan node, List<Stage> stages)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack(); // a stack about to overflow is a clear error (SqlEngine), not a crash
        if (node is ExchangeNode exchange)
        {
            var (below, belowInputs) = Cut(exchange.Input, stages);
            stages.Add(new Stage(stages.Count + 1, below, exchange.ProducerPartitions, exchange, belowInputs));
            return (new ExchangeSourceNode(exchange.Id, exchange.Kind, exchange.Output), [exchange.Id]);
        }
        var inputs = new List<int>();
        var children = new List<LogicalPlan>();
        foreach (var child in node.Children)
        {
            var (c, i) = Cut(child, stages);
            children.Add(c);
            inputs.AddRange(i);
        }
        return (children.Count == 0 ? node : node.WithChildren(children), inputs);
    }
}
