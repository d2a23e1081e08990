namespace OrleansFlow.Sql.Parsing;

public enum TokenKind { Identifier, QuotedIdentifier, Number, String, Symbol, End }

/// <summary>One lexical token; <see cref="Text"/> is the unquoted text (identifiers keep their spelling).</summary>
public readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position)
{
    public bool IsWord(string keyword) =>
        Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    /// <summary>How the token appears in error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of query",
        TokenKind.String => $"'{Text.Replace("'", "''")}'",
        TokenKind.QuotedIdentifier => $"'\"{Text}\"'",
        _ => $"'{Text}'",
    };
}
