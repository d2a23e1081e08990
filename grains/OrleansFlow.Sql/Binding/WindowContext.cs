using OrleansFlow.Sql.Logical;

namespace OrleansFlow.Sql.Binding;

/// <summary>
/// While binding a select list and its ORDER BY: the window functions found so far, grouped by their window
/// (PARTITION BY + ORDER BY), each with the output column that will hold it. The same call written twice (in the
/// select list and in ORDER BY) gets one column.
/// </summary>
internal sealed class WindowContext(ColumnIdGenerator ids)
{
    private sealed record Window(IReadOnlyList<BoundExpr> PartitionBy, IReadOnlyList<SortKey> OrderBy)
    {
        public List<WindowFunctionCall> Calls { get; } = [];
        public List<PlanColumn> Columns { get; } = [];
    }

    private readonly List<Window> _windows = [];
    private readonly Dictionary<string, Window> _byText = [];
    private readonly Dictionary<string, PlanColumn> _calls = [];

    public bool IsEmpty => _windows.Count == 0;

    public BoundColumn Add(IReadOnlyList<BoundExpr> partitionBy, IReadOnlyList<SortKey> orderBy, WindowFunctionCall call, string name)
    {
        string windowText = $"[{string.Join(", ", partitionBy)}] [{string.Join(", ", orderBy)}]";
        string callText = $"{call} {windowText}";
        if (!_calls.TryGetValue(callText, out var column))
        {
            if (!_byText.TryGetValue(windowText, out var window))
            {
                window = new Window(partitionBy, orderBy);
                _windows.Add(window);
                _byText[windowText] = window;
            }
            column = new PlanColumn(ids.Next(), name, call.Type);
            window.Calls.Add(call);
            window.Columns.Add(column);
            _calls[callText] = column;
        }
        return new BoundColumn(column.Id, column.Name, column.Type);
    }

    /// <summary>One Window node per distinct window, stacked in the order they first appear.</summary>
    public LogicalPlan Apply(LogicalPlan input)
    {
        foreach (var w in _windows) input = new WindowNode(input, w.PartitionBy, w.OrderBy, w.Calls, w.Columns);
        return input;
    }
}
