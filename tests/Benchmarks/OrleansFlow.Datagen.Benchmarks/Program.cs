using System.Diagnostics;
using OrleansFlow.Datagen;

// Usage: OrleansFlow.Datagen.Benchmarks tpch|tpcds <scale factor> <output dir> [parallelism]
if (args.Length < 3 || args[0] is not ("tpch" or "tpcds"))
{
    Console.Error.WriteLine("usage: OrleansFlow.Datagen.Benchmarks tpch|tpcds <scale factor> <output dir> [parallelism]");
    return 2;
}

var benchmark = args[0];
var scaleFactor = double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var outputDir = args[2];
int? parallelism = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : null;

var stopwatch = Stopwatch.StartNew();
var result = benchmark == "tpch"
    ? await TpchGenerator.GenerateAsync(scaleFactor, outputDir, parallelism: parallelism)
    : await TpcdsGenerator.GenerateAsync(scaleFactor, outputDir, parallelism: parallelism);
var seconds = stopwatch.Elapsed.TotalSeconds;

long totalBytes = 0;
long totalRows = 0;
Console.WriteLine($"{"table",-24} {"rows",12} {"parts",6} {"MiB",9}");
foreach (var (table, rows) in result.RowCounts)
{
    var files = Directory.GetFiles(Path.Combine(result.OutputDir, table), "*.parquet");
    var bytes = files.Sum(f => new FileInfo(f).Length);
    totalBytes += bytes;
    totalRows += rows;
    Console.WriteLine($"{table,-24} {rows,12:N0} {files.Length,6} {bytes / 1048576.0,9:F1}");
}

Console.WriteLine(
    $"{benchmark} SF {scaleFactor}: {totalRows:N0} rows, {totalBytes / 1048576.0:F1} MiB in {seconds:F1} s wall, " +
    $"{Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s CPU " +
    $"({Environment.ProcessorCount} cores, parallelism {parallelism?.ToString() ?? "default"}, " +
    $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB)");
return 0;
