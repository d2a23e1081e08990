using OrleansFlow.Datagen.Core;
using OrleansFlow.Datagen.Tpch;

namespace OrleansFlow.Datagen;

/// <summary>
/// Writes the eight TPC-H tables as Parquet under <c>outputDir/&lt;table&gt;/part-NNNNN.parquet</c>. Output is a function
/// of (scale factor, seed) only: each part draws from its own random stream, whatever the parallelism.
/// </summary>
public static class TpchGenerator
{
    public static IReadOnlyList<string> Tables { get; } = TpchSchemas.All.Select(t => t.Name).ToArray();

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
        var ctx = new TpchContext(new TpchScale(scaleFactor), layout, root, seed, new TextPool(seed), tally);

        // Biggest jobs first so the small tables fill the gaps at the end.
        var jobs = new List<PartJob>();
        PartJob.AddParts(jobs, OrdersWriter.Label, OrdersWriter.PartCount(ctx), (p, t) => OrdersWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, PartWriter.Label, PartWriter.PartCount(ctx), (p, t) => PartWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, "customer", layout.PartCount(ctx.Scale.Customers), (p, t) => CustomerWriter.WriteAsync(ctx, p, t));
        PartJob.AddParts(jobs, "supplier", layout.PartCount(ctx.Scale.Suppliers), (p, t) => SupplierWriter.WriteAsync(ctx, p, t));
        jobs.Add(new PartJob("nation", t => RegionNationWriter.WriteNationAsync(ctx, t)));
        jobs.Add(new PartJob("region", t => RegionNationWriter.WriteRegionAsync(ctx, t)));

        await PartJobRunner.RunAsync(jobs, parallelism, progress, ct);
        return new DatagenResult(root, tally.Snapshot());
    }
}
