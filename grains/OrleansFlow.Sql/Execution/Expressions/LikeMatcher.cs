using System.Text;
using System.Text.RegularExpressions;

namespace OrleansFlow.Sql.Execution.Expressions;

/// <summary>SQL LIKE (% any run, _ one character, case-sensitive) compiled once per pattern.</summary>
internal sealed class LikeMatcher
{
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
                sb.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            sb.Append('$');
            var regex = new Regex(sb.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
            _match = regex.IsMatch;
        }
    }

    public bool IsMatch(string s) => _match(s);
}
