using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>A street address as the store, warehouse and customer_address tables spell it.</summary>
internal readonly record struct Address(
    string StreetNumber, string StreetName, string StreetType, string SuiteNumber, string City, string County,
    string State, string Zip, string Country, decimal GmtOffset)
{
    public static Address Random(PartRandom r)
    {
        var place = r.Pick(TpcdsWords.Places);
        return new Address(
            r.Next(1, 999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{r.Pick(TpcdsWords.StreetNames)} {r.Pick(TpcdsWords.StreetNames)}",
            r.Pick(TpcdsWords.StreetTypes),
            $"Suite {r.Next(0, 99) * 10}",
            place.City,
            place.County,
            place.State,
            $"{place.Zip}{r.Next(0, 999):D3}",
            "United States",
            place.Gmt);
    }
}
