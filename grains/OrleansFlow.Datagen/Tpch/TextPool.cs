using System.Text;
using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpch;

/// <summary>
/// The TPC-H text pool (clause 4.2.2.14): sentences from the specification's grammar, concatenated. Comment columns
/// are random substrings of it. The specification's pool is 300 MB; a few MB gives the same vocabulary and phrase
/// statistics, which is what the queries' LIKE patterns see.
/// </summary>
internal sealed class TextPool
{
    private const int PoolChars = 4 << 20;
    private readonly string _text;

    public TextPool(int seed)
    {
        var random = new PartRandom(seed, "text-pool", 0);
        var sb = new StringBuilder(PoolChars + 256);
        while (sb.Length < PoolChars)
        {
            AppendSentence(sb, random);
            sb.Append(' ');
        }

        _text = sb.ToString(0, PoolChars);
    }

    /// <summary>A substring of random length in [minLength, maxLength] at a random offset.</summary>
    public string Comment(PartRandom random, int minLength, int maxLength)
    {
        var length = random.Next(minLength, maxLength);
        var offset = random.Next(0, PoolChars - length);
        return _text.Substring(offset, length);
    }

    private static void AppendSentence(StringBuilder sb, PartRandom r)
    {
        switch (r.Next(0, 4))
        {
            case 0:
                NounPhrase(sb, r); sb.Append(' '); VerbPhrase(sb, r);
                break;
            case 1:
                NounPhrase(sb, r); sb.Append(' '); VerbPhrase(sb, r); sb.Append(' '); PrepositionalPhrase(sb, r);
                break;
            case 2:
                NounPhrase(sb, r); sb.Append(' '); VerbPhrase(sb, r); sb.Append(' '); NounPhrase(sb, r);
                break;
            case 3:
                NounPhrase(sb, r); sb.Append(' '); PrepositionalPhrase(sb, r); sb.Append(' ');
                VerbPhrase(sb, r); sb.Append(' '); NounPhrase(sb, r);
                break;
            default:
                NounPhrase(sb, r); sb.Append(' '); PrepositionalPhrase(sb, r); sb.Append(' ');
                VerbPhrase(sb, r); sb.Append(' '); PrepositionalPhrase(sb, r);
                break;
        }

        sb.Append(r.Pick(TpchWords.Terminators));
    }

    private static void NounPhrase(StringBuilder sb, PartRandom r)
    {
        switch (r.Next(0, 3))
        {
            case 0: break;
            case 1: sb.Append(r.Pick(TpchWords.Adjectives)).Append(' '); break;
            case 2: sb.Append(r.Pick(TpchWords.Adjectives)).Append(", ").Append(r.Pick(TpchWords.Adjectives)).Append(' '); break;
            default: sb.Append(r.Pick(TpchWords.Adverbs)).Append(' ').Append(r.Pick(TpchWords.Adjectives)).Append(' '); break;
        }

        sb.Append(r.Pick(TpchWords.Nouns));
    }

    private static void VerbPhrase(StringBuilder sb, PartRandom r)
    {
        var auxiliary = r.Next(0, 1) == 1;
        var adverb = r.Next(0, 1) == 1;
        if (auxiliary)
        {
            sb.Append(r.Pick(TpchWords.Auxiliaries)).Append(' ');
        }

        sb.Append(r.Pick(TpchWords.Verbs));
        if (adverb)
        {
            sb.Append(' ').Append(r.Pick(TpchWords.Adverbs));
        }
    }

    private static void PrepositionalPhrase(StringBuilder sb, PartRandom r)
    {
        sb.Append(r.Pick(TpchWords.Prepositions)).Append(" the ");
        NounPhrase(sb, r);
    }
}
