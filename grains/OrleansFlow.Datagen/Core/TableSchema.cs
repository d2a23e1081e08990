using Parquet.Schema;

namespace OrleansFlow.Datagen.Core;

/// <summary>A generated table: its folder name and its columns in file order.</summary>
internal sealed class TableSchema
{
    public TableSchema(string name, params ColumnSpec[] columns)
    {
        Name = name;
        Columns = columns;
        Fields = columns.Select(c => c.ToParquetField()).ToArray();
        ParquetSchema = new ParquetSchema(Fields);
    }

    public string Name { get; }
    public IReadOnlyList<ColumnSpec> Columns { get; }
    public DataField[] Fields { get; }
    public ParquetSchema ParquetSchema { get; }

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"Table '{Name}' has no column '{column}'.", nameof(column));
    }
}
