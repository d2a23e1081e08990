using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>A customer with the demographics and address a sale records for them (bill-to or ship-to).</summary>
internal readonly record struct Party(long Customer, long Cdemo, long Hdemo, long Addr)
{
    public static Party Random(PartRandom r, TpcdsScale scale) => new(
        TpcdsValues.Key(r, scale.Customers),
        TpcdsValues.Key(r, TpcdsScale.CustomerDemographicsRows),
        TpcdsValues.Key(r, TpcdsScale.HouseholdDemographicsRows),
        TpcdsValues.Key(r, scale.CustomerAddresses));
}
