namespace OrleansFlow.Sql.Types;

/// <summary>
/// One column of a batch: a typed value array plus an optional null mask (null mask absent = no NULLs).
/// Int32, Int64, Date and Boolean share <see cref="Longs"/> so operators need one loop per storage kind.
/// </summary>
public sealed class Vector
{
    public SqlType Type { get; }
    public int Length { get; }
    public long[] Longs { get; } = [];
    public double[] Doubles { get; } = [];
    /// <summary>
    /// Decimal values. A vector read from Parquet holds them as unscaled integers at the type's scale until
    /// something asks for them here: a selective join or filter then converts only the rows it keeps, and
    /// sums add the integers directly (<see cref="UnscaledDecimals"/>).
    /// </summary>
    public decimal[] Decimals => _decimals ?? (_unscaledDecimals is null ? [] : _decimals = MaterializeDecimals(_unscaledDecimals));
    public string?[] Strings { get; } = [];
    private decimal[]? _decimals;
    private readonly long[]? _unscaledDecimals;

    /// <summary>
    /// The decimals as unscaled integers at <see cref="SqlType.Scale"/> (NULL rows hold 0), while they have not been
    /// converted; null once <see cref="Decimals"/> was read, so in-place writes to it are never hidden.
    /// </summary>
    internal long[]? UnscaledDecimals => _decimals is null ? _unscaledDecimals : null;

    /// <summary>Nulls[i] is true when row i is NULL; null when the vector holds no NULLs.</summary>
    public bool[]? Nulls { get; private set; }

    public Vector(SqlType type, int length, bool[]? nulls = null)
    {
        Type = type;
        Length = length;
        Nulls = nulls;
        switch (type.Storage)
        {
            case StorageKind.Long: Longs = new long[length]; break;
            case StorageKind.Double: Doubles = new double[length]; break;
            case StorageKind.Decimal: _decimals = new decimal[length]; break;
            default: Strings = new string?[length]; break;
        }
    }

    public Vector(SqlType type, long[] values, bool[]? nulls) : this(type, values.Length, values, null, null, null, nulls) { }
    public Vector(SqlType type, double[] values, bool[]? nulls) : this(type, values.Length, null, values, null, null, nulls) { }
    public Vector(SqlType type, decimal[] values, bool[]? nulls) : this(type, values.Length, null, null, values, null, nulls) { }
    public Vector(SqlType type, string?[] values, bool[]? nulls) : this(type, values.Length, null, null, null, values, nulls) { }

    private Vector(SqlType type, int length, long[]? l, double[]? d, decimal[]? m, string?[]? s, bool[]? nulls)
    {
        Type = type;
        Length = length;
        Longs = l ?? [];
        Doubles = d ?? [];
        _decimals = m;
        Strings = s ?? [];
        Nulls = nulls;
    }

    private Vector(SqlType type, bool[]? nulls, long[] unscaledDecimals)
    {
        Type = type;
        Length = unscaledDecimals.Length;
        _unscaledDecimals = unscaledDecimals;
        Nulls = nulls;
    }

    /// <summary>A decimal vector of unscaled integers at <paramref name="type"/>'s scale, converted when first read.</summary>
    internal static Vector FromUnscaledDecimals(SqlType type, long[] unscaled, bool[]? nulls) => new(type, nulls, unscaled);

    private decimal[] MaterializeDecimals(long[] unscaled)
    {
        var values = new decimal[unscaled.Length];
        byte scale = checked((byte)Type.Scale);
        for (int i = 0; i < values.Length; i++) values[i] = DecimalBits.FromScaled(unscaled[i], scale);
        return values;
    }

    public bool IsNull(int row) => Nulls is { } n && n[row];

    /// <summary>The mutable null mask, created on first use.</summary>
    public bool[] EnsureNulls() => Nulls ??= new bool[Length];

    public void SetNull(int row) => EnsureNulls()[row] = true;

    /// <summary>Boxes one value (NULL as null); for results, tests and constant folding, not for hot loops.</summary>
    public object? GetValue(int row)
    {
        if (IsNull(row)) return null;
        return Type.Kind switch
        {
            SqlTypeKind.Boolean => Longs[row] != 0,
            SqlTypeKind.Int32 => (int)Longs[row],
            SqlTypeKind.Int64 => Longs[row],
            SqlTypeKind.Date => DateOnly.FromDayNumber(Dates.EpochDayNumber + (int)Longs[row]),
            SqlTypeKind.Double => Doubles[row],
            SqlTypeKind.Decimal => Decimals[row],
            SqlTypeKind.Varchar => Strings[row],
            _ => null,
        };
    }

    /// <summary>Copies row <paramref name="srcRow"/> of <paramref name="src"/> (same storage kind) into row <paramref name="row"/>.</summary>
    public void CopyFrom(Vector src, int srcRow, int row)
    {
        if (src.IsNull(srcRow)) { SetNull(row); return; }
        switch (Type.Storage)
        {
            case StorageKind.Long: Longs[row] = src.Longs[srcRow]; break;
            case StorageKind.Double: Doubles[row] = src.Doubles[srcRow]; break;
            case StorageKind.Decimal: Decimals[row] = src.Decimals[srcRow]; break;
            default: Strings[row] = src.Strings[srcRow]; break;
        }
    }

    /// <summary>A vector of <paramref name="length"/> copies of one value (null = NULL).</summary>
    public static Vector Constant(SqlType type, object? value, int length)
    {
        var v = new Vector(type, length);
        if (value is null)
        {
            if (length > 0) Array.Fill(v.EnsureNulls(), true);
            return v;
        }
        switch (type.Storage)
        {
            case StorageKind.Long: Array.Fill(v.Longs, Convert.ToInt64(value is bool b ? (b ? 1 : 0) : value is DateOnly d ? Dates.ToDays(d) : value)); break;
            case StorageKind.Double: Array.Fill(v.Doubles, Convert.ToDouble(value)); break;
            case StorageKind.Decimal: Array.Fill(v.Decimals, Convert.ToDecimal(value)); break;
            default: Array.Fill(v.Strings, (string)value); break;
        }
        return v;
    }

    /// <summary>Rows picked by index; index -1 yields NULL (outer-join padding).</summary>
    public Vector Gather(ReadOnlySpan<int> rows)
    {
        if (UnscaledDecimals is { } unscaled) return GatherUnscaled(unscaled, rows);
        var result = new Vector(Type, rows.Length);
        bool[]? srcNulls = Nulls;
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if (r < 0 || (srcNulls is not null && srcNulls[r])) { result.EnsureNulls()[i] = true; continue; }
            switch (Type.Storage)
            {
                case StorageKind.Long: result.Longs[i] = Longs[r]; break;
                case StorageKind.Double: result.Doubles[i] = Doubles[r]; break;
                case StorageKind.Decimal: result.Decimals[i] = Decimals[r]; break;
                default: result.Strings[i] = Strings[r]; break;
            }
        }
        return result;
    }

    private Vector GatherUnscaled(long[] unscaled, ReadOnlySpan<int> rows)
    {
        var values = new long[rows.Length];
        bool[]? nulls = null;
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if (r < 0 || (Nulls is not null && Nulls[r])) { (nulls ??= new bool[rows.Length])[i] = true; continue; }
            values[i] = unscaled[r];
        }
        return FromUnscaledDecimals(Type, values, nulls);
    }

    /// <summary>Rows [start, start + count) as a new vector.</summary>
    public Vector Slice(int start, int count)
    {
        bool[]? nulls = Nulls is null ? null : Nulls.AsSpan(start, count).ToArray();
        if (UnscaledDecimals is { } unscaled) return FromUnscaledDecimals(Type, unscaled.AsSpan(start, count).ToArray(), nulls);
        return Type.Storage switch
        {
            StorageKind.Long => new Vector(Type, Longs.AsSpan(start, count).ToArray(), nulls),
            StorageKind.Double => new Vector(Type, Doubles.AsSpan(start, count).ToArray(), nulls),
            StorageKind.Decimal => new Vector(Type, Decimals.AsSpan(start, count).ToArray(), nulls),
            _ => new Vector(Type, Strings.AsSpan(start, count).ToArray(), nulls),
        };
    }

    public static Vector Concat(SqlType type, IReadOnlyList<Vector> parts)
    {
        int total = 0;
        foreach (var p in parts) total += p.Length;
        if (type.Storage == StorageKind.Decimal && parts.Count > 0 && parts.All(p => p.UnscaledDecimals is not null && p.Type.Scale == type.Scale))
            return ConcatUnscaled(type, parts, total);
        var result = new Vector(type, total);
        int at = 0;
        foreach (var p in parts)
        {
            switch (type.Storage)
            {
                case StorageKind.Long: Array.Copy(p.Longs, 0, result.Longs, at, p.Length); break;
                case StorageKind.Double: Array.Copy(p.Doubles, 0, result.Doubles, at, p.Length); break;
                case StorageKind.Decimal: Array.Copy(p.Decimals, 0, result.Decimals, at, p.Length); break;
                default: Array.Copy(p.Strings, 0, result.Strings, at, p.Length); break;
            }
            if (p.Nulls is { } n) Array.Copy(n, 0, result.EnsureNulls(), at, p.Length);
            at += p.Length;
        }
        return result;
    }

    private static Vector ConcatUnscaled(SqlType type, IReadOnlyList<Vector> parts, int total)
    {
        var values = new long[total];
        bool[]? nulls = null;
        int at = 0;
        foreach (var p in parts)
        {
            Array.Copy(p.UnscaledDecimals!, 0, values, at, p.Length);
            if (p.Nulls is { } n) Array.Copy(n, 0, nulls ??= new bool[total], at, p.Length);
            at += p.Length;
        }
        return FromUnscaledDecimals(type, values, nulls);
    }
}
