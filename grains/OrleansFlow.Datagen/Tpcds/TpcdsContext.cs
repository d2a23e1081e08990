using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>What every TPC-DS part job shares: sizes, layout, output folder, seed and row tally.</summary>
internal sealed record TpcdsContext(TpcdsScale Scale, PartLayout Layout, string OutputDir, int Seed, RowTally Tally)
{
    public PartRandom Random(string table, int part) => new(Seed, table, part);

    public Task<PartFileWriter> OpenAsync(TableSchema schema, int part, CancellationToken ct) =>
        PartFileWriter.CreateAsync(OutputDir, schema, part, Layout.RowGroupRows, Tally, ct);
}
