namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// Row counts of TPC-DS at a scale factor. Above SF 1 dimensions follow the specification's table of sizes
/// (clause 3.2, linear between its scale factors); below SF 1 the small dimensions keep their SF 1 size and the
/// people and product dimensions shrink with the scale factor. Fact tables scale linearly.
/// </summary>
internal sealed class TpcdsScale
{
    private static readonly double[] Points = [1, 10, 100, 300, 1000, 3000, 10000, 30000, 100000];

    public const long DateDimRows = 73_049;
    public const long TimeDimRows = 86_400;
    public const long CustomerDemographicsRows = 1_920_800;
    public const long HouseholdDemographicsRows = 7_200;
    public const long IncomeBands = 20;
    public const long ShipModes = 20;

    /// <summary>d_date_sk of 1900-01-02, the first date_dim row (its Julian day number).</summary>
    public const long FirstDateSk = 2_415_022;
    public static readonly DateOnly FirstDate = new(1900, 1, 2);

    /// <summary>Sales happen from 1998-01-02 to 2003-01-02 inclusive.</summary>
    public static readonly DateOnly FirstSaleDate = new(1998, 1, 2);
    public static readonly DateOnly LastSaleDate = new(2003, 1, 2);

    public TpcdsScale(double scaleFactor)
    {
        Stores = Fixed(scaleFactor, [12, 102, 402, 804, 1_002, 1_350, 1_500, 1_500, 1_500]);
        Warehouses = Fixed(scaleFactor, [5, 10, 15, 17, 20, 22, 25, 25, 25]);
        WebPages = Fixed(scaleFactor, [60, 200, 2_040, 2_604, 3_000, 3_600, 4_002, 4_002, 4_002]);
        CatalogPages = Fixed(scaleFactor, [11_718, 12_000, 20_400, 26_000, 30_000, 36_000, 40_000, 40_000, 40_000]);
        Promotions = Fixed(scaleFactor, [300, 500, 1_000, 1_300, 1_500, 1_800, 2_000, 2_000, 2_000]);
        CallCenters = Fixed(scaleFactor, [6, 24, 30, 36, 42, 48, 54, 60, 60]);
        WebSites = Fixed(scaleFactor, [30, 42, 24, 30, 54, 66, 78, 84, 96]);
        Reasons = Fixed(scaleFactor, [35, 45, 55, 60, 65, 67, 70, 72, 75]);
        Items = Scaled(scaleFactor, [18_000, 102_000, 204_000, 264_000, 300_000, 360_000, 402_000, 462_000, 502_000]);
        Customers = Scaled(scaleFactor,
            [100_000, 500_000, 2_000_000, 5_000_000, 12_000_000, 30_000_000, 65_000_000, 80_000_000, 100_000_000]);
        CustomerAddresses = Scaled(scaleFactor,
            [50_000, 250_000, 1_000_000, 2_500_000, 6_000_000, 15_000_000, 32_500_000, 40_000_000, 50_000_000]);
        StoreTickets = Linear(scaleFactor, 2_880_404.0 / StoreLinesPerTicket.Average);
        CatalogOrders = Linear(scaleFactor, 1_441_548.0 / CatalogLinesPerOrder.Average);
        WebOrders = Linear(scaleFactor, 719_384.0 / WebLinesPerOrder.Average);
    }

    public long Stores { get; }
    public long Warehouses { get; }
    public long WebPages { get; }
    public long CatalogPages { get; }
    public long Promotions { get; }
    public long CallCenters { get; }
    public long WebSites { get; }
    public long Reasons { get; }
    public long Items { get; }
    public long Customers { get; }
    public long CustomerAddresses { get; }
    public long StoreTickets { get; }
    public long CatalogOrders { get; }
    public long WebOrders { get; }

    public static readonly LineRange StoreLinesPerTicket = new(8, 16);
    public static readonly LineRange CatalogLinesPerOrder = new(4, 14);
    public static readonly LineRange WebLinesPerOrder = new(8, 16);

    /// <summary>Share of sales lines that are returned, in percent (about 10 % in the specification's row counts).</summary>
    public const int ReturnPercent = 10;

    public static long DateSk(DateOnly date) => FirstDateSk + (date.DayNumber - FirstDate.DayNumber);

    /// <summary>Lines per ticket or order: uniform in [Min, Max].</summary>
    public sealed record LineRange(int Min, int Max)
    {
        public double Average => (Min + Max) / 2.0;
    }

    private static long Fixed(double sf, long[] sizes) => sf <= 1 ? sizes[0] : Interpolate(sf, sizes);

    private static long Scaled(double sf, long[] sizes) =>
        sf <= 1 ? Math.Max(sizes[0] / 100, (long)Math.Round(sizes[0] * sf)) : Interpolate(sf, sizes);

    private static long Linear(double sf, double atScaleOne) => Math.Max(1, (long)Math.Round(atScaleOne * sf));

    private static long Interpolate(double sf, long[] sizes)
    {
        for (var i = 1; i < Points.Length; i++)
        {
            if (sf <= Points[i])
            {
                var t = (sf - Points[i - 1]) / (Points[i] - Points[i - 1]);
                return (long)Math.Round(sizes[i - 1] + t * (sizes[i] - sizes[i - 1]));
            }
        }

        return sizes[^1];
    }
}
