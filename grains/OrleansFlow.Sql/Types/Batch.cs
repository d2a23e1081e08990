namespace OrleansFlow.Sql.Types;

/// <summary>A set of equally long column vectors: the unit operators pass along.</summary>
public sealed class Batch(IReadOnlyList<Vector> columns, int rowCount)
{
    public IReadOnlyList<Vector> Columns { get; } = columns;
    public int RowCount { get; } = rowCount;

    public Vector this[int column] => Columns[column];

    public Batch Gather(ReadOnlySpan<int> rows)
    {
        var cols = new Vector[Columns.Count];
        for (int c = 0; c < cols.Length; c++) cols[c] = Columns[c].Gather(rows);
        return new Batch(cols, rows.Length);
    }

    public static Batch Concat(IReadOnlyList<SqlType> types, IReadOnlyList<Batch> batches)
    {
        if (batches.Count == 1) return batches[0];
        var cols = new Vector[types.Count];
        int rows = 0;
        foreach (var b in batches) rows += b.RowCount;
        var parts = new List<Vector>(batches.Count);
        for (int c = 0; c < cols.Length; c++)
        {
            parts.Clear();
            foreach (var b in batches) parts.Add(b.Columns[c]);
            cols[c] = Vector.Concat(types[c], parts);
        }
        return new Batch(cols, rows);
    }

    public static Batch Empty(IReadOnlyList<SqlType> types)
    {
        var cols = new Vector[types.Count];
        for (int c = 0; c < cols.Length; c++) cols[c] = new Vector(types[c], 0);
        return new Batch(cols, 0);
    }
}
