using OrleansFlow.Sql.Types;

namespace OrleansFlow.Sql.Execution.Aggregation;

/// <summary>
/// Per-group state of one aggregate. Single-phase use: Update then Result. Two-phase: Update then State on each
/// partition (partial), Merge of those states then Result (final).
/// </summary>
internal abstract class Accumulator
{
    /// <summary>Makes room for groups 0..groupCount-1.</summary>
    public abstract void Resize(int groupCount);
    /// <summary>Folds row r of <paramref name="arg"/> into group groups[r] (arg is null for count(*)).</summary>
    public abstract void Update(int[] groups, Vector? arg, int rowCount);
    public abstract Vector Result(int groupCount);
    public abstract IReadOnlyList<SqlType> StateTypes { get; }
    public abstract Vector[] State(int groupCount);
    public abstract void Merge(int[] groups, IReadOnlyList<Vector> state, int rowCount);

    protected static int NewSize(int current, int needed) => Math.Max(needed, Math.Max(16, current * 2));
}
