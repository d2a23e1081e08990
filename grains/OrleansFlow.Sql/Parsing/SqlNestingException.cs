namespace OrleansFlow.Sql.Parsing;

/// <summary>
/// A query nested deeper than <see cref="SqlLimits.MaxNestingDepth"/>, or deeper than the thread's stack allows one of
/// the engine's passes to walk. One line, naming where in the text the nesting got too deep.
/// </summary>
public sealed class SqlNestingException(SourcePosition position, int limit)
    : Exception($"expression nested too deeply at line {position.Line}, column {position.Column} (limit {limit})")
{
    public int Line => Position.Line;
    public int Column => Position.Column;
    public SourcePosition Position { get; } = position;
    public int Limit { get; } = limit;
}
