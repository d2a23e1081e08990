namespace OrleansFlow.Sql;

/// <summary>
/// Bounds on what a query may ask of the engine. The parser, the binder, the optimizer rules, the expression compiler
/// and the plan printers all recurse over the query's tree, so a query nested without bound (<c>1+(1+(1+...))</c>)
/// would overflow the thread's stack and take the process with it: no handler can catch a stack overflow in .NET.
/// </summary>
public sealed record SqlLimits
{
    /// <summary>DuckDB's <c>max_expression_depth</c> default; deeper queries are machine-written or hostile.</summary>
    public const int DefaultMaxNestingDepth = 1000;

    public static SqlLimits Default { get; } = new();

    /// <summary>
    /// Levels of nesting a query may have: each nested expression, parenthesis, subquery, NOT or unary minus, and each
    /// operator of a chain (<c>a OR b OR c</c> is two levels deep, as its tree is), counts one.
    /// </summary>
    public int MaxNestingDepth { get; init; } = DefaultMaxNestingDepth;

    /// <summary>
    /// CTE references the binder may inline in one query. Each is a copy of the CTE's plan, so the plan grows with
    /// them; 10 000 copies are far more than hand-written queries make (TPC-DS's use a few).
    /// </summary>
    public int MaxInlinedCtes { get; init; } = 10_000;

    public void Validate()
    {
        if (MaxInlinedCtes < 1)
            throw new ArgumentException($"the SQL CTE inlining limit must be at least 1 (was {MaxInlinedCtes})");
        if (MaxNestingDepth < 1)
            throw new ArgumentException($"the SQL nesting limit must be at least 1 (was {MaxNestingDepth})");
    }
}
