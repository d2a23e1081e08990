using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Execution;

/// <summary>Maps the column ids of a plan node's output to positions in its batches.</summary>
public sealed class ColumnLayout
{
    private readonly Dictionary<int, int> _positions = [];

    public ColumnLayout(IReadOnlyList<PlanColumn> columns)
    {
        for (int i = 0; i < columns.Count; i++) _positions[columns[i].Id] = i;
    }

    public int PositionOf(BoundColumn column) => _positions.TryGetValue(column.Id, out int p)
        ? p
        : throw new InvalidOperationException($"column {column} is not produced by the input of this operator");
}
