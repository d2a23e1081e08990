using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace OrleansFlow.ML.Data;

/// <summary>
/// Parquet → <see cref="FeatureMatrix"/>: numeric top-level columns (integers, floats, decimals, nullable or not)
/// are read and converted to float32; a null in a chosen column is an error naming the column and row. The label is
/// the last column unless one is named, and must be numeric; NaN and infinite values, and labels that are not a class
/// when <c>classes</c> is given, are errors naming the file, the column and the row (counted from 1).
/// </summary>
public static class ParquetFeatureReader
{
    /// <param name="classes">For a classifier: every label must be a whole number 0..classes-1. Null: any number.</param>
    public static async Task<FeatureMatrix> ReadAsync(string path, string? label = null, CancellationToken cancellationToken = default, int? classes = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Parquet file not found: {path}", path);
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        var fields = reader.Schema.GetDataFields();
        var names = fields.Select(f => f.Name).ToArray();
        var numeric = fields.Select(f => IsNumeric(f) && f.MaxRepetitionLevel == 0).ToArray();
        var columns = FeatureColumns.Choose(path, names, numeric, label, i => KindOf(fields[i]));

        var features = new List<float>();
        var labels = new List<float>();
        long firstRow = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var width = columns.FeatureIndexes.Length;
            var block = new float[rows * width];
            for (var c = 0; c < width; c++)
            {
                var values = await ReadColumnAsync(group, fields[columns.FeatureIndexes[c]], rows, path, firstRow, cancellationToken);
                for (var r = 0; r < rows; r++)
                    block[r * width + c] = values[r];
            }
            features.AddRange(block);
            labels.AddRange(await ReadColumnAsync(group, fields[columns.LabelIndex], rows, path, firstRow, cancellationToken));
            firstRow += rows;
        }
        if (labels.Count == 0)
            throw new InvalidDataException($"{path}: the file has no rows.");
        var data = new FeatureMatrix(features.ToArray(), labels.ToArray(), columns.FeatureIndexes.Length, columns.FeatureNames, columns.LabelName);
        TrainingDataChecks.Check(data, path, classes);
        return data;
    }

    private static string KindOf(DataField field)
    {
        var clr = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        // Parquet.Net reports text as ReadOnlyMemory<char> and binary as ReadOnlyMemory<byte>.
        var type = clr == typeof(string) || clr == typeof(ReadOnlyMemory<char>) ? "String"
            : clr == typeof(byte[]) || clr == typeof(ReadOnlyMemory<byte>) ? "Binary"
            : clr.Name;
        return field.MaxRepetitionLevel > 0 ? $"a list of {type}" : type;
    }

    private static bool IsNumeric(DataField field) =>
        Type.GetTypeCode(Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType) is
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or
            TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;

    private static Task<float[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows, string path, long firstRow, CancellationToken ct) =>
        Type.GetTypeCode(Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType) switch
        {
            TypeCode.Byte => ReadAsync<byte>(group, field, rows, path, firstRow, ct),
            TypeCode.SByte => ReadAsync<sbyte>(group, field, rows, path, firstRow, ct),
            TypeCode.Int16 => ReadAsync<short>(group, field, rows, path, firstRow, ct),
            TypeCode.UInt16 => ReadAsync<ushort>(group, field, rows, path, firstRow, ct),
            TypeCode.Int32 => ReadAsync<int>(group, field, rows, path, firstRow, ct),
            TypeCode.UInt32 => ReadAsync<uint>(group, field, rows, path, firstRow, ct),
            TypeCode.Int64 => ReadAsync<long>(group, field, rows, path, firstRow, ct),
            TypeCode.UInt64 => ReadAsync<ulong>(group, field, rows, path, firstRow, ct),
            TypeCode.Single => ReadAsync<float>(group, field, rows, path, firstRow, ct),
            TypeCode.Double => ReadAsync<double>(group, field, rows, path, firstRow, ct),
            TypeCode.Decimal => ReadAsync<decimal>(group, field, rows, path, firstRow, ct),
            _ => throw new InvalidDataException($"{path}: column '{field.Name}' of type {field.ClrType.Name} is not numeric."),
        };

    private static async Task<float[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, string path, long firstRow, CancellationToken ct)
        where T : struct, INumberBase<T>
    {
        var result = new float[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, ct);
            for (var r = 0; r < rows; r++)
            {
                result[r] = values[r] is { } value
                    ? float.CreateSaturating(value)
                    : throw new InvalidDataException($"{path}: column '{field.Name}' is null at row {firstRow + r}; features and labels must have values.");
            }
        }
        else
        {
            var values = new T[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, ct);
            for (var r = 0; r < rows; r++)
                result[r] = float.CreateSaturating(values[r]);
        }
        return result;
    }
}
