using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// A customer with the demographics and address a sale records for them (bill-to or ship-to); each may be NULL,
/// and returns copy them from their sale.
/// </summary>
internal readonly record struct Party(long? Customer, long? Cdemo, long? Hdemo, long? Addr)
{
    public static Party Random(PartRandom r, TpcdsScale scale) => new(
        Nulls.Maybe(r, TpcdsValues.Key(r, scale.Customers)),
        Nulls.Maybe(r, TpcdsValues.Key(r, TpcdsScale.CustomerDemographicsRows)),
        Nulls.Maybe(r, TpcdsValues.Key(r, TpcdsScale.HouseholdDemographicsRows)),
        Nulls.Maybe(r, TpcdsValues.Key(r, scale.CustomerAddresses)));
}
