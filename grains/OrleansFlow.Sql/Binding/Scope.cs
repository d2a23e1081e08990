using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Parsing;

namespace OrleansFlow.Sql.Binding;

/// <summary>A column visible in FROM: its table alias, and whether an unqualified name may reach it
/// (the right-hand copy of a USING column may not).</summary>
public sealed record ScopeEntry(string? Qualifier, PlanColumn Column, bool Unqualifiable = true);

/// <summary>The columns a query block can name, plus the enclosing block's scope for correlated references.</summary>
public sealed class Scope(IReadOnlyList<ScopeEntry> entries, Scope? outer)
{
    public IReadOnlyList<ScopeEntry> Entries { get; } = entries;
    public Scope? Outer { get; } = outer;

    public static Scope Empty(Scope? outer) => new([], outer);

    public BoundExpr Resolve(ColumnRef reference)
    {
        var local = TryResolveLocal(reference);
        if (local is not null) return new BoundColumn(local.Id, local.Name, local.Type);
        for (var s = Outer; s is not null; s = s.Outer)
        {
            var outerColumn = s.TryResolveLocal(reference);
            if (outerColumn is not null) return new BoundOuterColumn(outerColumn.Id, outerColumn.Name, outerColumn.Type);
        }
        if (reference.Qualifier is not null && !Entries.Any(e => Matches(e.Qualifier, reference.Qualifier)))
            throw new SqlBindException(reference.Position,
                $"table '{reference.Qualifier}' is not in FROM (tables in scope: {DescribeTables()})");
        throw new SqlBindException(reference.Position,
            $"column '{reference}' does not exist (tables in scope: {DescribeTables()})");
    }

    /// <summary>The column, or null when absent; throws when the name is ambiguous.</summary>
    public PlanColumn? TryResolveLocal(ColumnRef reference)
    {
        PlanColumn? found = null;
        foreach (var e in Entries)
        {
            if (!string.Equals(e.Column.Name, reference.Name, StringComparison.OrdinalIgnoreCase)) continue;
            if (reference.Qualifier is null ? !e.Unqualifiable : !Matches(e.Qualifier, reference.Qualifier)) continue;
            if (found is not null && found.Id != e.Column.Id)
                throw new SqlBindException(reference.Position,
                    $"column reference '{reference}' is ambiguous (in {string.Join(" and ", Entries.Where(x => x.Column.Name == reference.Name).Select(x => x.Qualifier))})");
            found = e.Column;
        }
        return found;
    }

    private static bool Matches(string? qualifier, string wanted) =>
        qualifier is not null && string.Equals(qualifier, wanted, StringComparison.OrdinalIgnoreCase);

    private string DescribeTables()
    {
        var names = Entries.Select(e => e.Qualifier ?? "?").Distinct().ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
