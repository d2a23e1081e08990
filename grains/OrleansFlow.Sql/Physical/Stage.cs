using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Physical;

/// <summary>
/// A piece of a physical plan between exchanges: it runs as <see cref="Partitions"/> independent tasks, each
/// reading its share of the scans and of the <see cref="InputExchanges"/>, and writing to <see cref="Output"/>
/// (null for the last stage, whose single task yields the query result).
/// </summary>
public sealed record Stage(int Id, LogicalPlan Fragment, int Partitions, ExchangeNode? Output, IReadOnlyList<int> InputExchanges)
{
    public string Describe()
    {
        string target = Output is null ? "result" : $"exchange #{Output.Id} ({Output.Kind}{(Output.Keys.Count > 0 ? " on " + string.Join(", ", Output.Keys) : "")} -> {Output.ConsumerPartitions})";
        string inputs = InputExchanges.Count == 0 ? "" : $" reads exchange{(InputExchanges.Count == 1 ? "" : "s")} {string.Join(", ", InputExchanges.Select(i => "#" + i))};";
        return $"Stage {Id}: {Partitions} task{(Partitions == 1 ? "" : "s")};{inputs} writes {target}";
    }
}
