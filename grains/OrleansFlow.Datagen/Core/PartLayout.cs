namespace OrleansFlow.Datagen.Core;

/// <summary>
/// How many rows go into one part file and one row group. Fixed defaults keep output identical for a seed; tests
/// shrink them to get several parts from a small scale factor.
/// </summary>
internal sealed record PartLayout(long RowsPerPart, int RowGroupRows)
{
    public static PartLayout Default { get; } = new(1_000_000, 125_000);

    public int PartCount(long rows) => (int)Math.Max(1, (rows + RowsPerPart - 1) / RowsPerPart);

    /// <summary>Rows [first, first + count) of part <paramref name="part"/> when <paramref name="rows"/> are split evenly.</summary>
    public (long First, long Count) Slice(long rows, int part)
    {
        var parts = PartCount(rows);
        var first = rows * part / parts;
        var next = rows * (part + 1) / parts;
        return (first, next - first);
    }
}
