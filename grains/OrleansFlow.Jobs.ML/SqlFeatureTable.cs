using System.Numerics.Tensors;
using OrleansFlow.Engine.Input;
using OrleansFlow.ML.Data;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Types;

namespace OrleansFlow.Jobs.ML;

/// <summary>
/// A SQL result as training rows: the numeric columns (int, bigint, decimal, double) are the features, the label is
/// the column named by the job (default: the last column). Checked once from the planned output columns, before any
/// task runs, and again on the rows: an empty result, NULLs, NaN or infinite values and, for a classifier, labels
/// that are not classes are <see cref="InputException"/>s naming the column and the result row (counted from 1).
/// </summary>
public sealed class SqlFeatureTable
{
    private SqlFeatureTable(int[] features, int label, IReadOnlyList<ColumnInfo> columns)
    {
        FeatureIndexes = features;
        LabelIndex = label;
        Columns = columns;
    }

    public int[] FeatureIndexes { get; }
    public int LabelIndex { get; }
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>Chooses the feature and label columns; <see cref="ArgumentException"/> names what is wrong.</summary>
    public static SqlFeatureTable Choose(IReadOnlyList<ColumnInfo> columns, string? label)
    {
        var names = string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));
        var labelIndex = label is null ? columns.Count - 1 : IndexOf(columns, label);
        if (labelIndex < 0)
            throw new ArgumentException($"ml --sql: the query has no column '{label}' for the label (columns: {names})");
        var labelColumn = columns[labelIndex];
        if (!labelColumn.Type.IsNumeric)
            throw new ArgumentException($"ml --sql: the label column '{labelColumn.Name}' is {labelColumn.Type}, not numeric (columns: {names})");
        var features = Enumerable.Range(0, columns.Count).Where(i => i != labelIndex && columns[i].Type.IsNumeric).ToArray();
        if (features.Length == 0)
            throw new ArgumentException($"ml --sql: no numeric feature column besides the label '{labelColumn.Name}' (columns: {names})");
        return new SqlFeatureTable(features, labelIndex, columns);
    }

    /// <summary>The rows as float32 features and labels.</summary>
    /// <param name="classes">For a classifier: every label must be a whole number 0..classes-1. Null: any number.</param>
    public FeatureMatrix ToMatrix(QueryResult result, int? classes = null)
    {
        var rows = checked((int)result.RowCount);
        if (rows == 0)
            throw new InputException("ml --sql: the query returned no rows to train on");
        var width = FeatureIndexes.Length;
        var features = new float[(long)rows * width];
        var labels = new float[rows];
        var column = new float[result.Batches.Max(b => b.RowCount)];
        var first = 0;
        foreach (var batch in result.Batches)
        {
            var n = batch.RowCount;
            for (var c = 0; c < width; c++)
            {
                Convert(batch[FeatureIndexes[c]], Columns[FeatureIndexes[c]].Name, first, column.AsSpan(0, n));
                var target = features.AsSpan(first * width, n * width);
                for (var r = 0; r < n; r++)
                    target[r * width + c] = column[r];
            }
            Convert(batch[LabelIndex], Columns[LabelIndex].Name, first, labels.AsSpan(first, n));
            first += n;
        }
        var matrix = new FeatureMatrix(features, labels, width, FeatureIndexes.Select(i => Columns[i].Name).ToArray(), Columns[LabelIndex].Name);
        // Doubles can be NaN or infinite (a table holding them, or arithmetic on them): one pass, once per query.
        if (TrainingDataChecks.FindProblem(matrix, "ml --sql", classes, r => $"in result row {r + 1} of {rows}") is { } problem)
            throw new InputException(problem);
        return matrix;
    }

    private static void Convert(Vector vector, string name, int firstRow, Span<float> into)
    {
        if (vector.Nulls is { } nulls && Array.IndexOf(nulls, true, 0, into.Length) is var row and >= 0)
            throw new InputException($"ml --sql: column '{name}' is NULL in result row {firstRow + row + 1}; filter NULLs out in the query (WHERE {name} IS NOT NULL)");
        switch (vector.Type.Storage)
        {
            case StorageKind.Double:
                TensorPrimitives.ConvertSaturating<double, float>(vector.Doubles.AsSpan(0, into.Length), into);
                break;
            case StorageKind.Decimal:
                var decimals = vector.Decimals;
                for (var i = 0; i < into.Length; i++)
                    into[i] = (float)decimals[i];
                break;
            default:
                TensorPrimitives.ConvertSaturating<long, float>(vector.Longs.AsSpan(0, into.Length), into);
                break;
        }
    }

    private static int IndexOf(IReadOnlyList<ColumnInfo> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }
}
