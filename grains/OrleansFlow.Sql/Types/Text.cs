using System.Globalization;
using System.Text;

namespace OrleansFlow.Sql.Types;

/// <summary>
/// String semantics as DuckDB has them, on .NET's UTF-16 strings: lengths and positions count Unicode code
/// points (an emoji outside the BMP is one character, not two UTF-16 units), strings order by code point (the
/// order of their UTF-8 bytes), reverse keeps grapheme clusters together, upper/lower map one code point at a time.
/// Each function first checks for surrogates, so strings without any (almost all) take the plain UTF-16 path.
/// </summary>
public static class Text
{
    private static bool HasSurrogates(ReadOnlySpan<char> s) => s.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>Number of code points (DuckDB's <c>length</c>).</summary>
    public static int Length(string s)
    {
        if (!HasSurrogates(s)) return s.Length;
        int n = 0;
        for (int i = 0; i < s.Length; i++, n++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        }
        return n;
    }

    /// <summary>
    /// DuckDB's <c>substring(s, offset, length)</c> in code points: the window [start, start + length) with start
    /// = offset - 1 (offset ≥ 0) or count + offset (offset &lt; 0), a negative length taking the characters
    /// before start, intersected with the string. <paramref name="length"/> null: to the end. The caller checks
    /// that both fit in ±2^32, as DuckDB does, so nothing here overflows.
    /// </summary>
    public static string Substring(string s, long offset, long? length)
    {
        if (length == 0) return "";
        bool plain = !HasSurrogates(s);
        long count = plain ? s.Length : Length(s);
        long start = offset < 0 ? count + offset : offset - 1;
        long end;
        if (length is not { } l) end = count;
        else if (l > 0) end = start + l;
        else { end = start; start += l; }
        start = Math.Clamp(start, 0, count);
        end = Math.Clamp(end, 0, count);
        if (end <= start) return "";
        if (plain) return s.Substring((int)start, (int)(end - start));
        int from = UnitIndex(s, (int)start), to = UnitIndex(s, (int)end);
        return s[from..to];
    }

    /// <summary>UTF-16 index of code point number <paramref name="codePoint"/> (or the end of the string).</summary>
    private static int UnitIndex(string s, int codePoint)
    {
        int i = 0;
        for (int k = 0; k < codePoint && i < s.Length; k++)
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        return i;
    }

    /// <summary>Ordinal order by code point: the order of the UTF-8 bytes, which is what DuckDB and Parquet
    /// statistics use. Plain UTF-16 ordinal order differs only when a code point above U+FFFF meets one in
    /// U+E000–U+FFFF.</summary>
    public static int Compare(string? a, string? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        int i = a.AsSpan().CommonPrefixLength(b);
        if (i == a.Length || i == b.Length) return a.Length.CompareTo(b.Length);
        int x = a[i], y = b[i];
        if (x >= 0xD800 && y >= 0xD800)
        {
            x = x >= 0xE000 ? x - 0x800 : x + 0x2000;
            y = y >= 0xE000 ? y - 0x800 : y + 0x2000;
        }
        return x - y;
    }

    /// <summary>A comparer for <see cref="Compare"/>.</summary>
    public static readonly IComparer<string?> Comparer = Comparer<string?>.Create(Compare);

    /// <summary>Upper case, one code point at a time (as DuckDB, which also maps ß to ẞ and dotless ı to I).</summary>
    public static string Upper(string s)
    {
        var upper = s.ToUpperInvariant();
        if (upper.AsSpan().IndexOfAny('\u00DF', '\u0131') < 0) return upper;
        return upper.Replace('\u0131', 'I').Replace("\u00DF", "\u1E9E", StringComparison.Ordinal);
    }

    /// <summary>Lower case, one code point at a time (as DuckDB, which maps dotted İ to i).</summary>
    public static string Lower(string s)
    {
        var lower = s.ToLowerInvariant();
        return lower.Contains('\u0130') ? lower.Replace('\u0130', 'i') : lower;
    }

    /// <summary>The grapheme clusters in reverse order (an accent stays on its letter, an emoji sequence whole).
    /// .NET's clusters do not yet join Indic conjuncts (Unicode 15.1's rule GB9c) as DuckDB's do.</summary>
    public static string Reverse(string s)
    {
        if (s.Length < 2) return s;
        // DuckDB reverses an ASCII string character by character (so CR LF become LF CR), any other string by
        // grapheme cluster.
        bool simple = !s.AsSpan().ContainsAnyExceptInRange('\0', '\u007F');
        if (simple)
        {
            var chars = s.ToCharArray();
            Array.Reverse(chars);
            return new string(chars);
        }
        var sb = new StringBuilder(s.Length);
        int end = s.Length;
        var starts = new List<int>();
        for (int i = 0; i < s.Length; i += StringInfo.GetNextTextElementLength(s.AsSpan(i))) starts.Add(i);
        for (int k = starts.Count - 1; k >= 0; k--)
        {
            sb.Append(s, starts[k], end - starts[k]);
            end = starts[k];
        }
        return sb.ToString();
    }
}
