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

    /// <summary>
    /// Rows cut into batches of at most <paramref name="maxRows"/>. Operators allocate a vector per expression per batch;
    /// at a few thousand rows those stay off the large-object heap and in cache.
    /// </summary>
    public IEnumerable<Batch> Split(int maxRows)
    {
        if (RowCount <= maxRows)
        {
            yield return this;
            yield break;
        }
        for (int start = 0; start < RowCount; start += maxRows)
        {
            int count = Math.Min(maxRows, RowCount - start);
            var cols = new Vector[Columns.Count];
            for (int c = 0; c < cols.Length; c++) cols[c] = Columns[c].Slice(start, count);
            yield return new Batch(cols, count);
        }
    }

    public const int PreferredRows = 4096;

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
