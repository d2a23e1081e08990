using System.Text;
using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>Value shapes shared by several TPC-DS tables.</summary>
internal static class TpcdsValues
{
    /// <summary>
    /// The 16-character business key (…_id columns): letters A–P encode the surrogate key in base 16, so keys are
    /// distinct and sort like the numbers.
    /// </summary>
    public static string BusinessKey(long surrogateKey) =>
        string.Create(16, surrogateKey, static (span, key) =>
        {
            for (var i = span.Length - 1; i >= 0; i--)
            {
                span[i] = (char)('A' + (int)(key & 0xF));
                key >>= 4;
            }
        });

    /// <summary>Random words separated by spaces, at most maxLength characters (descriptions, details).</summary>
    public static string Text(PartRandom r, int minWords, int maxWords, int maxLength)
    {
        var sb = new StringBuilder();
        var words = r.Next(minWords, maxWords);
        for (var i = 0; i < words; i++)
        {
            var word = r.Pick(TpcdsWords.Words);
            if (sb.Length + word.Length + 1 > maxLength)
            {
                break;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(word);
        }

        return sb.ToString();
    }

    /// <summary>Name made of syllables, e.g. store and promotion names.</summary>
    public static string SyllableName(long n)
    {
        var first = TpcdsWords.Syllables[n % 10];
        var second = TpcdsWords.Syllables[n / 10 % 10];
        return n < 10 ? first : second + first;
    }

    public static string PersonName(PartRandom r) => $"{r.Pick(TpcdsWords.FirstNames)} {r.Pick(TpcdsWords.LastNames)}";

    /// <summary>A surrogate key in [1, count].</summary>
    public static long Key(PartRandom r, long count) => r.Next(1L, count);

    public static long RandomDateSk(PartRandom r, DateOnly first, DateOnly last) =>
        TpcdsScale.DateSk(first) + r.Next(0, last.DayNumber - first.DayNumber);
}
