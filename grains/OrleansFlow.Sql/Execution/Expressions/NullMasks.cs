namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>Null-mask helpers: a null mask is null when no row is NULL.</summary>
internal static class NullMasks
{
    public static bool[]? Union(bool[]? a, bool[]? b, int length)
    {
        if (a is null) return b is null ? null : (bool[])b.Clone();
        if (b is null) return (bool[])a.Clone();
        var r = new bool[length];
        for (int i = 0; i < length; i++) r[i] = a[i] | b[i];
        return r;
    }

    public static bool[]? Copy(bool[]? a) => a is null ? null : (bool[])a.Clone();
}
