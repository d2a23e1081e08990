using Apache.Arrow;
using Apache.Arrow.Types;

namespace OrleansFlow.Sql.Types;

/// <summary>Converts between engine vectors and Arrow arrays / record batches.</summary>
public static class ArrowConversion
{
    public static Schema ToArrowSchema(IReadOnlyList<ColumnInfo> columns)
    {
        var builder = new Schema.Builder();
        foreach (var c in columns) builder.Field(new Field(c.Name, c.Type.ToArrow(), nullable: true));
        return builder.Build();
    }

    public static RecordBatch ToRecordBatch(IReadOnlyList<ColumnInfo> columns, Batch batch)
    {
        var arrays = new IArrowArray[columns.Count];
        for (int c = 0; c < arrays.Length; c++) arrays[c] = ToArrowArray(batch.Columns[c]);
        return new RecordBatch(ToArrowSchema(columns), arrays, batch.RowCount);
    }

    public static Batch FromRecordBatch(RecordBatch batch, IReadOnlyList<ColumnInfo> columns)
    {
        var vectors = new Vector[columns.Count];
        for (int c = 0; c < vectors.Length; c++) vectors[c] = FromArrowArray(batch.Column(c), columns[c].Type);
        return new Batch(vectors, batch.Length);
    }

    public static IArrowArray ToArrowArray(Vector v)
    {
        int n = v.Length;
        switch (v.Type.Kind)
        {
            case SqlTypeKind.Boolean:
            {
                var b = new BooleanArray.Builder().Reserve(n);
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(v.Longs[i] != 0); }
                return b.Build();
            }
            case SqlTypeKind.Int32:
            {
                var b = new Int32Array.Builder().Reserve(n);
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append((int)v.Longs[i]); }
                return b.Build();
            }
            case SqlTypeKind.Int64:
            {
                var b = new Int64Array.Builder().Reserve(n);
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(v.Longs[i]); }
                return b.Build();
            }
            case SqlTypeKind.Date:
            {
                var b = new Date32Array.Builder().Reserve(n);
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(Dates.FromDays(v.Longs[i])); }
                return b.Build();
            }
            case SqlTypeKind.Double:
            {
                var b = new DoubleArray.Builder().Reserve(n);
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(v.Doubles[i]); }
                return b.Build();
            }
            case SqlTypeKind.Decimal when Decimal128Codec.TryWrite(v) is { } written:
                return written;
            case SqlTypeKind.Decimal:
            {
                var b = new Decimal128Array.Builder(new Decimal128Type(v.Type.Precision, v.Type.Scale)).Reserve(n);
                for (int i = 0; i < n; i++)
                {
                    if (v.IsNull(i)) b.AppendNull();
                    else b.Append(Math.Round(v.Decimals[i], v.Type.Scale, MidpointRounding.AwayFromZero));
                }
                return b.Build();
            }
            case SqlTypeKind.Varchar:
            {
                var b = new StringArray.Builder().Reserve(n);
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(v.Strings[i]); }
                return b.Build();
            }
            default:
                return new NullArray(n);
        }
    }

    public static Vector FromArrowArray(IArrowArray array, SqlType type)
    {
        if (array is Decimal128Array decimals && Decimal128Codec.TryReadUnscaled(decimals, type) is { } unscaled) return unscaled;
        int n = array.Length;
        var v = new Vector(type, n);
        bool[]? nulls = null;
        for (int i = 0; i < n; i++)
        {
            if (array.IsNull(i)) (nulls ??= v.EnsureNulls())[i] = true;
        }
        switch (array)
        {
            case BooleanArray a: for (int i = 0; i < n; i++) v.Longs[i] = a.GetValue(i) == true ? 1 : 0; break;
            case Int8Array a: for (int i = 0; i < n; i++) v.Longs[i] = a.GetValue(i) ?? 0; break;
            case Int16Array a: for (int i = 0; i < n; i++) v.Longs[i] = a.GetValue(i) ?? 0; break;
            case UInt8Array a: for (int i = 0; i < n; i++) v.Longs[i] = a.GetValue(i) ?? 0; break;
            case UInt16Array a: for (int i = 0; i < n; i++) v.Longs[i] = a.GetValue(i) ?? 0; break;
            case UInt32Array a: for (int i = 0; i < n; i++) v.Longs[i] = a.GetValue(i) ?? 0; break;
            case Int32Array a: { var s = a.Values; for (int i = 0; i < n; i++) v.Longs[i] = s[i]; break; }
            case Int64Array a: a.Values.CopyTo(v.Longs); break;
            case Date32Array a: { var s = a.Values; for (int i = 0; i < n; i++) v.Longs[i] = s[i]; break; }
            case Date64Array a: { var s = a.Values; for (int i = 0; i < n; i++) v.Longs[i] = s[i] / 86_400_000L; break; }
            case DoubleArray a: a.Values.CopyTo(v.Doubles); break;
            case FloatArray a: { var s = a.Values; for (int i = 0; i < n; i++) v.Doubles[i] = s[i]; break; }
            case Decimal128Array a: for (int i = 0; i < n; i++) v.Decimals[i] = nulls is not null && nulls[i] ? 0m : a.GetValue(i) ?? 0m; break;
            case StringArray a: for (int i = 0; i < n; i++) v.Strings[i] = a.GetString(i); break;
            case NullArray: break;
            default:
                throw new NotSupportedException($"Arrow type {array.Data.DataType.Name} is not supported");
        }
        return v;
    }
}
