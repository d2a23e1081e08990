using OrleansFlow.Sql.Parsing;

namespace OrleansFlow.Sql.Binding;

/// <summary>A query that parses but names something unknown or mixes types; the message starts with line:column.</summary>
public sealed class SqlBindException(SourcePosition position, string detail) : Exception($"{position}: {detail}")
{
    public SourcePosition Position { get; } = position;
    public int Line => Position.Line;
    public int Column => Position.Column;
    public string Detail { get; } = detail;
}
