using OrleansFlow.Datagen.Core;
using OrleansFlow.Datagen.Tpcds;

namespace OrleansFlow.Datagen;

/// <summary>
/// Writes the TPC-DS tables query 77 reads, and the dimensions around them, as Parquet under
/// <c>outputDir/&lt;table&gt;/part-NNNNN.parquet</c>. Output is a function of (scale factor, seed) only: each part draws
/// from its own random stream, whatever the parallelism. Sales fall between 1998-01-02 and 2003-01-02.
/// </summary>
public static class TpcdsGenerator
{
    public static IReadOnlyList<string> Tables { get; } = TpcdsSchemas.All.Select(t => t.Name).ToArray();

    public static Task<DatagenResult> GenerateAsync(
        double scaleFactor,
        string outputDir,
        int seed = 0,
        int? parallelism = null,
        IProgress<DatagenProgress>? progress = null,
        CancellationToken ct = default,
        DatagenLimits? limits = null)
    {
        (limits ?? DatagenLimits.Default).CheckScaleFactor(scaleFactor); // before any part is planned
        return GenerateAsync(scaleFactor, outputDir, seed, parallelism, progress, PartLayout.Default, ct);
    }

    internal static async Task<DatagenResult> GenerateAsync(
        double scaleFactor,
        string outputDir,
        int seed,
        int? parallelism,
        IProgress<DatagenProgress>? progress,
        PartLayout layout,
        CancellationToken ct)
    {
        OutputDirectory.ValidateScaleFactor(scaleFactor);
        PartJobRunner.ValidateParallelism(parallelism);
        var root = OutputDirectory.Prepare(outputDir, Tables);
        var tally = new RowTally();
        var ctx = new TpcdsContext(new TpcdsScale(scaleFactor), layout, root, seed, tally);
        var scale = ctx.Scale;

        // Biggest jobs first so the small tables fill the gaps at the end.
        var jobs = new List<PartJob>();
        PartJob.AddParts(jobs, StoreSalesWriter.Label, StoreSalesWriter.PartCount(ctx), (p, t) => StoreSalesWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, CatalogSalesWriter.Label, CatalogSalesWriter.PartCount(ctx), (p, t) => CatalogSalesWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, WebSalesWriter.Label, WebSalesWriter.PartCount(ctx), (p, t) => WebSalesWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, "customer_demographics", layout.PartCount(TpcdsScale.CustomerDemographicsRows),
            (p, t) => DemographicsWriter.WriteCustomerAsync(ctx, p, t));
        PartJob.AddParts(jobs, "customer", layout.PartCount(scale.Customers), (p, t) => CustomerWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, "customer_address", layout.PartCount(scale.CustomerAddresses),
            (p, t) => CustomerAddressWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, "item", layout.PartCount(scale.Items), (p, t) => ItemWriter.WriteAsync(ctx, p, t));
        jobs.Add(new PartJob("time_dim", t => TimeDimWriter.WriteAsync(ctx, t)));
        jobs.Add(new PartJob("date_dim", t => DateDimWriter.WriteAsync(ctx, t)));
        jobs.Add(new PartJob("catalog_page", t => CatalogPageWriter.WriteAsync(ctx, t)));
        jobs.Add(new PartJob("household_demographics", t => DemographicsWriter.WriteHouseholdAsync(ctx, t)));
        jobs.Add(new PartJob("promotion", t => PromotionWriter.WriteAsync(ctx, t)));
        jobs.Add(new PartJob("web_page", t => WebPageWriter.WriteAsync(ctx, t)));
        jobs.Add(new PartJob("store", t => StoreWriter.WriteAsync(ctx, t)));
        jobs.Add(new PartJob("warehouse", t => WarehouseWriter.WriteAsync(ctx, t)));

        await PartJobRunner.RunAsync(jobs, parallelism, progress, ct);
        return new DatagenResult(root, tally.Snapshot());
    }
}
