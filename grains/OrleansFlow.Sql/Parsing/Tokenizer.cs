using System.Text;

namespace OrleansFlow.Sql.Parsing;

/// <summary>Splits SQL text into tokens, tracking line and column; skips -- and /* */ comments.</summary>
public static class Tokenizer
{
    private static readonly string[] TwoCharSymbols = ["<>", "!=", "<=", ">=", "||"];
    private const string OneCharSymbols = "(),.;+-*/%=<>";

    public static List<Token> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0;
        SourcePosition Here(int at) => new(line, at - lineStart + 1);

        while (i < sql.Length)
        {
            char c = sql[i];
            if (c == '\n') { i++; line++; lineStart = i; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var start = Here(i);
                i += 2;
                while (i < sql.Length && !(sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/'))
                {
                    if (sql[i] == '\n') { line++; lineStart = i + 1; }
                    i++;
                }
                if (i >= sql.Length) throw new SqlParseException(start, "unterminated comment '/*'");
                i += 2;
                continue;
            }
            var pos = Here(i);
            if (char.IsLetter(c) || c == '_')
            {
                int s = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$')) i++;
                tokens.Add(new Token(TokenKind.Identifier, sql[s..i], pos));
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsDigit(sql[i + 1])))
            {
                tokens.Add(new Token(TokenKind.Number, ReadNumber(sql, ref i, pos), pos));
                continue;
            }
            if (c == '\'' || c == '"')
            {
                string text = ReadQuoted(sql, ref i, c, pos, ref line, ref lineStart);
                tokens.Add(new Token(c == '\'' ? TokenKind.String : TokenKind.QuotedIdentifier, text, pos));
                continue;
            }
            if (i + 1 < sql.Length && Array.IndexOf(TwoCharSymbols, sql.Substring(i, 2)) >= 0)
            {
                string sym = sql.Substring(i, 2);
                tokens.Add(new Token(TokenKind.Symbol, sym == "!=" ? "<>" : sym, pos));
                i += 2;
                continue;
            }
            if (OneCharSymbols.Contains(c))
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), pos));
                i++;
                continue;
            }
            throw new SqlParseException(pos, $"unexpected character '{c}'");
        }
        tokens.Add(new Token(TokenKind.End, "", Here(i)));
        return tokens;
    }

    private static string ReadNumber(string sql, ref int i, SourcePosition pos)
    {
        int s = i;
        while (i < sql.Length && char.IsDigit(sql[i])) i++;
        if (i < sql.Length && sql[i] == '.')
        {
            i++;
            while (i < sql.Length && char.IsDigit(sql[i])) i++;
        }
        if (i < sql.Length && (sql[i] == 'e' || sql[i] == 'E'))
        {
            int e = i + 1;
            if (e < sql.Length && (sql[e] == '+' || sql[e] == '-')) e++;
            if (e >= sql.Length || !char.IsDigit(sql[e]))
                throw new SqlParseException(pos, $"malformed number '{sql[s..Math.Min(e + 1, sql.Length)]}'");
            i = e;
            while (i < sql.Length && char.IsDigit(sql[i])) i++;
        }
        if (i < sql.Length && (char.IsLetter(sql[i]) || sql[i] == '_'))
        {
            // "30days" is not SQL; "30 days" is. Reject glued identifiers so the error points here.
            int e = i;
            while (e < sql.Length && char.IsLetterOrDigit(sql[e])) e++;
            throw new SqlParseException(pos, $"malformed number '{sql[s..e]}'");
        }
        return sql[s..i];
    }

    private static string ReadQuoted(string sql, ref int i, char quote, SourcePosition pos, ref int line, ref int lineStart)
    {
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= sql.Length)
                throw new SqlParseException(pos, quote == '\'' ? "unterminated string literal" : "unterminated quoted identifier");
            char ch = sql[i];
            if (ch == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote) { sb.Append(quote); i += 2; continue; }
                i++;
                break;
            }
            if (ch == '\n') { line++; lineStart = i + 1; }
            sb.Append(ch);
            i++;
        }
        if (quote == '"' && sb.Length == 0) throw new SqlParseException(pos, "empty quoted identifier");
        return sb.ToString();
    }
}
