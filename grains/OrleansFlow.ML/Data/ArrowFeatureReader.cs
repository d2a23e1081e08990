using System.Numerics;
using System.Numerics.Tensors;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace OrleansFlow.ML.Data;

/// <summary>
/// Arrow record batches (what a SQL stage leaves in the memory tier) → <see cref="FeatureMatrix"/>. Numeric columns
/// (8- to 64-bit integers, float, double) are converted to float32; a null in a chosen column is an error. The label
/// is the last column unless one is named, and must be numeric; NaN and infinite values, and labels that are not a
/// class when <c>classes</c> is given, are errors naming the column and the row (counted from 1).
/// </summary>
public static class ArrowFeatureReader
{
    /// <param name="classes">For a classifier: every label must be a whole number 0..classes-1. Null: any number.</param>
    public static FeatureMatrix Read(IReadOnlyList<RecordBatch> batches, string? label = null, string source = "Arrow batches", int? classes = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
            throw new InvalidDataException($"{source}: no record batches.");
        var schema = batches[0].Schema;
        var names = schema.FieldsList.Select(f => f.Name).ToArray();
        var numeric = schema.FieldsList.Select(f => IsNumeric(f.DataType.TypeId)).ToArray();
        var columns = FeatureColumns.Choose(source, names, numeric, label, i => schema.FieldsList[i].DataType.Name);
        var width = columns.FeatureIndexes.Length;

        var totalRows = batches.Sum(b => (long)b.Length);
        var features = new float[checked(totalRows * width)];
        var labels = new float[totalRows];
        var column = new float[batches.Max(b => b.Length)];
        long firstRow = 0;
        foreach (var batch in batches)
        {
            if (batch.ColumnCount != names.Length)
                throw new InvalidDataException($"{source}: a batch has {batch.ColumnCount} columns, the first had {names.Length}.");
            var rows = batch.Length;
            for (var c = 0; c < width; c++)
            {
                var index = columns.FeatureIndexes[c];
                ConvertColumn(batch.Column(index), names[index], source, firstRow, column.AsSpan(0, rows));
                var target = features.AsSpan(checked((int)(firstRow * width)), rows * width);
                for (var r = 0; r < rows; r++)
                    target[r * width + c] = column[r];
            }
            ConvertColumn(batch.Column(columns.LabelIndex), columns.LabelName, source, firstRow, labels.AsSpan((int)firstRow, rows));
            firstRow += rows;
        }
        var data = new FeatureMatrix(features, labels, width, columns.FeatureNames, columns.LabelName);
        TrainingDataChecks.Check(data, source, classes);
        return data;
    }

    private static bool IsNumeric(ArrowTypeId type) => type is
        ArrowTypeId.Int8 or ArrowTypeId.UInt8 or ArrowTypeId.Int16 or ArrowTypeId.UInt16 or ArrowTypeId.Int32 or
        ArrowTypeId.UInt32 or ArrowTypeId.Int64 or ArrowTypeId.UInt64 or ArrowTypeId.Float or ArrowTypeId.Double;

    private static void ConvertColumn(IArrowArray array, string name, string source, long firstRow, Span<float> into)
    {
        if (array.NullCount > 0)
        {
            for (var r = 0; r < array.Length; r++)
            {
                if (array.IsNull(r))
                    throw new InvalidDataException($"{source}: column '{name}' is null at row {firstRow + r}; features and labels must have values.");
            }
        }
        switch (array)
        {
            case FloatArray a: a.Values.CopyTo(into); break;
            case DoubleArray a: Convert(a.Values, into); break;
            case Int8Array a: Convert(a.Values, into); break;
            case UInt8Array a: Convert(a.Values, into); break;
            case Int16Array a: Convert(a.Values, into); break;
            case UInt16Array a: Convert(a.Values, into); break;
            case Int32Array a: Convert(a.Values, into); break;
            case UInt32Array a: Convert(a.Values, into); break;
            case Int64Array a: Convert(a.Values, into); break;
            case UInt64Array a: Convert(a.Values, into); break;
            default: throw new InvalidDataException($"{source}: column '{name}' of Arrow type {array.Data.DataType.Name} is not numeric.");
        }
    }

    private static void Convert<T>(ReadOnlySpan<T> values, Span<float> into) where T : INumberBase<T> =>
        TensorPrimitives.ConvertSaturating<T, float>(values, into);
}
