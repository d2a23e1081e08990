using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpch;

/// <summary>What every TPC-H part job shares: sizes, layout, output folder, seed, text pool and row tally.</summary>
internal sealed record TpchContext(
    TpchScale Scale, PartLayout Layout, string OutputDir, int Seed, TextPool Text, RowTally Tally)
{
    public PartRandom Random(string table, int part) => new(Seed, table, part);

    public Task<PartFileWriter> OpenAsync(TableSchema schema, int part, CancellationToken ct) =>
        PartFileWriter.CreateAsync(OutputDir, schema, part, Layout.RowGroupRows, Tally, ct);
}
