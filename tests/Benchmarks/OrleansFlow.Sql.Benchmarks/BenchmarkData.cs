using OrleansFlow.Datagen;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>
/// TPC-H and TPC-DS Parquet folders from the real generators (<c>orleansflow datagen</c>), generated once and
/// reused by later runs: a folder is reused when a marker file names the same scale factor.
/// </summary>
public static class BenchmarkData
{
    public static async Task<(string Tpch, string Tpcds)> EnsureAsync(string root, double scaleFactor)
    {
        var tpch = Path.Combine(root, "tpch");
        var tpcds = Path.Combine(root, "tpcds");
        if (!IsGenerated(tpch, scaleFactor))
        {
            var r = await TpchGenerator.GenerateAsync(scaleFactor, tpch);
            await File.WriteAllTextAsync(Marker(tpch), scaleFactor.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            Console.WriteLine($"generated TPC-H SF {scaleFactor} in {tpch} (lineitem {r.RowCounts["lineitem"]:N0} rows)");
        }

        if (!IsGenerated(tpcds, scaleFactor))
        {
            var r = await TpcdsGenerator.GenerateAsync(scaleFactor, tpcds);
            await File.WriteAllTextAsync(Marker(tpcds), scaleFactor.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            Console.WriteLine($"generated TPC-DS SF {scaleFactor} in {tpcds} (store_sales {r.RowCounts["store_sales"]:N0} rows)");
        }

        return (tpch, tpcds);
    }

    // Outside the table folders, so that neither the catalog nor DuckDB sees it as a table.
    private static string Marker(string folder) => folder + ".sf";

    private static bool IsGenerated(string folder, double scaleFactor) =>
        File.Exists(Marker(folder)) &&
        File.ReadAllText(Marker(folder)) == scaleFactor.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
