using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpch;

/// <summary>Value shapes shared by several TPC-H tables (clause 4.2.2).</summary>
internal static class TpchValues
{
    private const string AddressChars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,. ";

    /// <summary>Phone number: country code (nation key + 10), then three random local groups.</summary>
    public static string Phone(PartRandom r, long nationKey) =>
        $"{nationKey + 10}-{r.Next(100, 999)}-{r.Next(100, 999)}-{r.Next(1000, 9999)}";

    /// <summary>Random variable-length string of length [min, max] (addresses).</summary>
    public static string VString(PartRandom r, int min, int max)
    {
        var length = r.Next(min, max);
        return string.Create(length, r, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = AddressChars[random.Next(0, AddressChars.Length - 1)];
            }
        });
    }
}
