using System.Globalization;

namespace OrleansFlow.Sql.Types;

/// <summary>
/// Converts one value in storage form (long / double / decimal / string) between SQL types.
/// Used for constants and by the cast kernel for string conversions.
/// </summary>
public static class ValueConversion
{
    /// <summary>Returns false when the value cannot be represented in the target type (bad text, overflow).</summary>
    public static bool TryConvert(object value, SqlType from, SqlType to, out object? result)
    {
        var inv = CultureInfo.InvariantCulture;
        result = null;
        try
        {
            switch (to.Kind)
            {
                case SqlTypeKind.Varchar:
                    result = ToText(value, from);
                    return true;
                case SqlTypeKind.Boolean:
                    if (value is string bs)
                    {
                        if (!bool.TryParse(bs.Trim(), out bool b)) return false;
                        result = b ? 1L : 0L;
                        return true;
                    }
                    result = Convert.ToDouble(value, inv) != 0 ? 1L : 0L;
                    return true;
                case SqlTypeKind.Int32:
                case SqlTypeKind.Int64:
                {
                    long l;
                    if (value is string s)
                    {
                        if (!long.TryParse(s.Trim(), NumberStyles.Integer, inv, out l)) return false;
                    }
                    else if (value is double d)
                    {
                        double rounded = Math.Round(d, MidpointRounding.AwayFromZero);
                        // 2^63 is exact as a double; anything from it up does not fit (nor does NaN).
                        if (!(rounded >= -9223372036854775808.0 && rounded < 9223372036854775808.0)) return false;
                        l = (long)rounded;
                    }
                    else if (value is decimal m)
                    {
                        decimal rounded = Math.Round(m, MidpointRounding.AwayFromZero);
                        if (rounded < long.MinValue || rounded > long.MaxValue) return false;
                        l = (long)rounded;
                    }
                    else l = (long)value;
                    if (to.Kind == SqlTypeKind.Int32 && (l < int.MinValue || l > int.MaxValue)) return false;
                    result = l;
                    return true;
                }
                case SqlTypeKind.Double:
                    if (value is string ds)
                    {
                        if (!double.TryParse(ds.Trim(), NumberStyles.Float, inv, out double parsed)) return false;
                        result = parsed;
                        return true;
                    }
                    result = Convert.ToDouble(value, inv);
                    return true;
                case SqlTypeKind.Decimal:
                {
                    decimal m;
                    if (value is string ms)
                    {
                        if (!decimal.TryParse(ms.Trim(), NumberStyles.Float, inv, out m)) return false;
                    }
                    else m = Convert.ToDecimal(value, inv);
                    m = Math.Round(m, to.Scale, MidpointRounding.AwayFromZero);
                    if (Math.Abs(m) >= Pow10(to.Precision - to.Scale)) return false;
                    result = m;
                    return true;
                }
                case SqlTypeKind.Date:
                    if (value is string text)
                    {
                        if (!Dates.TryParse(text.Length > 10 ? text[..10] : text, out long days)) return false;
                        result = days;
                        return true;
                    }
                    if (from.Kind != SqlTypeKind.Date) return false;
                    result = value;
                    return true;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        return false;
    }

    private static decimal Pow10(int digits)
    {
        if (digits >= 28) return decimal.MaxValue;
        decimal p = 1;
        for (int i = 0; i < digits; i++) p *= 10;
        return p;
    }

    public static string ToText(object value, SqlType type)
    {
        var inv = CultureInfo.InvariantCulture;
        return type.Kind switch
        {
            SqlTypeKind.Date => Dates.Format((long)value),
            SqlTypeKind.Boolean => (long)value != 0 ? "true" : "false",
            SqlTypeKind.Decimal => Math.Round((decimal)value, type.Scale, MidpointRounding.AwayFromZero).ToString("F" + type.Scale, inv),
            SqlTypeKind.Double => FormatDouble((double)value),
            _ => Convert.ToString(value, inv) ?? "",
        };
    }

    /// <summary>Shortest round-trip text, with ".0" for whole numbers as DuckDB prints them.</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        string s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
