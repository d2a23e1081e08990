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

    public void Validate()
    {
        if (MaxNestingDepth < 1)
            throw new ArgumentException($"the SQL nesting limit must be at least 1 (was {MaxNestingDepth})");
    }
}
