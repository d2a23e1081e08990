using Parquet;

namespace OrleansFlow.Datagen.Core;

/// <summary>
/// Writes one part file <c>outputDir/&lt;table&gt;/part-NNNNN.parquet</c> row group by row group. The generator fills
/// <see cref="Batch"/> and calls <see cref="FlushIfFullAsync"/>; memory stays at one row group per open table.
/// </summary>
internal sealed class PartFileWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly RowTally _tally;
    private readonly CancellationToken _ct;

    private PartFileWriter(TableBatch batch, FileStream stream, ParquetWriter writer, RowTally tally, CancellationToken ct)
    {
        Batch = batch;
        _stream = stream;
        _writer = writer;
        _tally = tally;
        _ct = ct;
    }

    public TableBatch Batch { get; }
    public long RowsWritten { get; private set; }

    public static string PartPath(string outputDir, string table, int part) =>
        Path.Combine(outputDir, table, $"part-{part:D5}.parquet");

    public static async Task<PartFileWriter> CreateAsync(
        string outputDir, TableSchema schema, int part, int rowGroupRows, RowTally tally, CancellationToken ct)
    {
        var path = PartPath(outputDir, schema.Name, part);
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: false);
        try
        {
            var writer = await ParquetWriter.CreateAsync(schema.ParquetSchema, stream, cancellationToken: ct);
            return new PartFileWriter(new TableBatch(schema, rowGroupRows), stream, writer, tally, ct);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the batch as a row group when it is full. Call after each generated row.</summary>
    public ValueTask FlushIfFullAsync() => Batch.IsFull ? new ValueTask(FlushAsync()) : ValueTask.CompletedTask;

    public async Task FlushAsync()
    {
        RowsWritten += Batch.Count;
        await Batch.WriteRowGroupAsync(_writer, _ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync();
            _tally.Add(Batch.Schema.Name, RowsWritten);
        }
        finally
        {
            await _writer.DisposeAsync();
            await _stream.DisposeAsync();
        }
    }
}
