using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// Fact-table foreign keys are NULL now and then, as in the specification's data (about 4 % per column), so that
/// queries meet NULL join keys and NULL groups. The sales line key (item, ticket/order number) is never NULL.
/// </summary>
internal static class Nulls
{
    public const int OneIn = 25;

    public static long? Maybe(PartRandom r, long value) => r.Next(1, OneIn) == 1 ? null : value;
}
