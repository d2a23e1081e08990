using System.Text;
using System.Text.RegularExpressions;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>SQL LIKE (% any run, _ one code point, case-sensitive) compiled once per pattern.</summary>
internal sealed class LikeMatcher
{
    // '_' is one character as DuckDB counts them: a surrogate pair is one code point, never split (also not by a
    // '%' before it); a lone surrogate counts as one.
    private const string AnyCodePoint =
        @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])";

    private readonly Func<string, bool> _match;

    public LikeMatcher(string pattern)
    {
        bool simple = pattern.IndexOf('_') < 0;
        var parts = pattern.Split('%');
        if (simple && parts.Length == 1) _match = s => s == pattern;
        else if (simple && parts.Length == 2 && parts[1].Length == 0) _match = s => s.StartsWith(parts[0], StringComparison.Ordinal);
        else if (simple && parts.Length == 2 && parts[0].Length == 0) _match = s => s.EndsWith(parts[1], StringComparison.Ordinal);
        else if (simple && parts.Length == 3 && parts[0].Length == 0 && parts[2].Length == 0)
            _match = s => s.Contains(parts[1], StringComparison.Ordinal);
        else
        {
            var sb = new StringBuilder("^");
            foreach (char c in pattern)
                sb.Append(c switch { '%' => ".*", '_' => AnyCodePoint, _ => Regex.Escape(c.ToString()) });
            sb.Append('$');
            var regex = new Regex(sb.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
            _match = regex.IsMatch;
        }
    }

    public bool IsMatch(string s) => _match(s);
}
