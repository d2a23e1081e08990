namespace OrleansFlow.Datagen.Tpch;

/// <summary>Row counts and key formulas of TPC-H at a scale factor (clause 4.2.5).</summary>
internal sealed class TpchScale
{
    public static readonly DateOnly StartDate = new(1992, 1, 1);
    /// <summary>CURRENTDATE of the specification: decides l_returnflag and l_linestatus.</summary>
    public static readonly DateOnly CurrentDate = new(1995, 6, 17);
    public static readonly DateOnly EndDate = new(1998, 12, 31);
    /// <summary>Last o_orderdate: ENDDATE − 151 days, so every line ships and is received by ENDDATE.</summary>
    public static readonly DateOnly LastOrderDate = EndDate.AddDays(-151);

    public TpchScale(double scaleFactor)
    {
        Suppliers = Rows(10_000, scaleFactor);
        Parts = Rows(200_000, scaleFactor);
        Customers = Rows(150_000, scaleFactor);
        Orders = Rows(1_500_000, scaleFactor);
        Clerks = Rows(1_000, scaleFactor);
    }

    public long Suppliers { get; }
    public long Parts { get; }
    public long PartSupps => Parts * SuppliersPerPart;
    public long Customers { get; }
    public long Orders { get; }
    public long Clerks { get; }

    public const int SuppliersPerPart = 4;

    /// <summary>Order keys are sparse: of each 32 keys only the first 8 are used.</summary>
    public static long OrderKey(long orderIndex) => orderIndex / 8 * 32 + orderIndex % 8 + 1;

    /// <summary>p_retailprice in cents, clause 4.2.3.</summary>
    public static long RetailPriceCents(long partKey) => 90_000 + partKey / 10 % 20_001 + 100 * (partKey % 1_000);

    /// <summary>The i-th (0..3) supplier of a part, clause 4.2.3 (ps_suppkey).</summary>
    public long SupplierOfPart(long partKey, int i)
    {
        var s = Suppliers;
        return (partKey + i * (s / 4 + (partKey - 1) / s)) % s + 1;
    }

    private static long Rows(long atScaleOne, double scaleFactor) =>
        Math.Max(1, (long)Math.Floor(atScaleOne * scaleFactor + 1e-6));
}
