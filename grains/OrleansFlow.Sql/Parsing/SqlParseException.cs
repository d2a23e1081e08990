namespace OrleansFlow.Sql.Parsing;

/// <summary>A query text that cannot be tokenized or parsed; the message starts with line:column.</summary>
public sealed class SqlParseException(SourcePosition position, string detail)
    : Exception($"{position}: {detail}")
{
    public int Line => Position.Line;
    public int Column => Position.Column;
    public SourcePosition Position { get; } = position;
    public string Detail { get; } = detail;
}
