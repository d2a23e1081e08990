namespace OrleansFlow.Sql.Catalog;

public enum ScanComparison { Eq, Lt, LtEq, Gt, GtEq }

/// <summary>
/// "column op constant" handed to a scan so it can skip whole row groups by their min/max statistics.
/// Rows are still filtered by the Filter operator above; this is only pruning.
/// Value uses the engine's storage: long (int/date days/bool), double, decimal or string.
/// </summary>
public sealed record ScanPredicate(int Column, ScanComparison Comparison, object Value)
{
    /// <summary>False when no row with a value in [min, max] can satisfy the predicate.</summary>
    public bool MayMatch(IComparable min, IComparable max)
    {
        int lo = Compare(min), hi = Compare(max);
        return Comparison switch
        {
            ScanComparison.Eq => lo <= 0 && hi >= 0,
            ScanComparison.Lt => lo < 0,
            ScanComparison.LtEq => lo <= 0,
            ScanComparison.Gt => hi > 0,
            _ => hi >= 0,
        };
    }

    // Strings compare by code point, as the statistics were written (string.CompareTo would be culture order).
    private int Compare(IComparable bound) =>
        bound is string s && Value is string v ? Types.Text.Compare(s, v) : bound.CompareTo(Value);

    public override string ToString() => $"#{Column} {Comparison} {Value}";
}
