using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.ML;
using OrleansFlow.Client;
using OrleansFlow.Datagen;
using OrleansFlow.Jobs.ML;

// usage: dotnet run --project samples/SqlToMl -- [data dir (default data/tpcds-sf0.05)] [--cluster redis://HOST:PORT]
// Generates TPC-DS at scale factor 0.05 into the data dir if it has no store_sales yet, then runs one job: a SQL
// stage selects store sales of 1999-2001 as features (amounts in units of $10 000 so plain SGD needs no scaling),
// and linear regression learns net profit from them. Net profit is sales - coupon - wholesale cost, so the fit
// should find coefficients near 1, -1 and -1 for those three and near 0 for the rest.
var cluster = args.SkipWhile(a => a != "--cluster").Skip(1).FirstOrDefault();
var positional = args.TakeWhile(a => a != "--cluster").ToList();
if (positional.Count > 1)
{
    Console.Error.WriteLine("usage: SqlToMl [data dir] [--cluster redis://HOST:PORT]");
    return 2;
}
var data = Path.GetFullPath(positional.Count == 1 ? positional[0] : Path.Combine("data", "tpcds-sf0.05"));
if (!Directory.Exists(Path.Combine(data, "store_sales")))
{
    Console.Error.WriteLine($"generating TPC-DS (scale factor 0.05) into {data}");
    await TpcdsGenerator.GenerateAsync(0.05, data);
}

string[] features = ["quantity", "list_price", "discount", "sales", "wholesale", "coupon"];
const string query = """
    SELECT ss_quantity / 100.0            AS quantity,
           ss_list_price / 100.0          AS list_price,
           ss_ext_discount_amt / 10000.0  AS discount,
           ss_ext_sales_price / 10000.0   AS sales,
           ss_ext_wholesale_cost / 10000.0 AS wholesale,
           ss_coupon_amt / 10000.0        AS coupon,
           ss_net_profit / 10000.0        AS net_profit
    FROM store_sales JOIN date_dim ON ss_sold_date_sk = d_date_sk
    WHERE d_year BETWEEN 1999 AND 2001 AND ss_quantity IS NOT NULL
    """;
var parameters = new MlArgs
{
    Model = "linreg", Source = "sql", Query = query, DataPath = data, Label = "net_profit",
    Epochs = 15, Workers = 2, BatchSize = 256, Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0.1f, LearningRateDecay = 0.85f,
};

await using var client = await EmbeddedFlow.ConnectAsync(new FlowClientOptions { Cluster = cluster });
var job = await client.SubmitAsync(parameters, new SubmitOptions { Name = "sql to ml" });
Console.Error.WriteLine($"submitted {job.JobId}");
var result = await job.WaitAsync(onEvent: e =>
{
    if (e.Type == JobEventType.StageCompleted) Console.Error.WriteLine($"  stage {e.Stage}: {e.CompletedTasks}/{e.TotalTasks} tasks");
});
if (result.Info.Status != JobStatus.Succeeded)
{
    Console.Error.WriteLine($"error: job {job.JobId} {result.Info.Status.ToString().ToLowerInvariant()}: {result.Info.Error}");
    return 1;
}

foreach (var stage in result.Info.Stages)
    Console.WriteLine($"{stage.Name,-9} {stage.TotalTasks,3} tasks {stage.Duration?.TotalSeconds ?? 0,7:0.00} s");
var summary = await client.Orleans.GetGrain<ITrainingMetricsGrain>(job.JobId).GetSummary();
var cache = await client.Orleans.GetGrain<ITrainingCacheGrain>(job.JobId).GetCounters();
var evaluation = summary.Evaluation!;
Console.WriteLine($"trained on {evaluation.Rows:N0} rows; MSE {evaluation.Loss:G4} (net profit in $10 000 units)");
Console.WriteLine($"training loss per epoch: {string.Join(" ", summary.Epochs.Select(e => e.MeanLoss.ToString("G4", CultureInfo.InvariantCulture)))}");
for (var i = 0; i < features.Length; i++)
    Console.WriteLine($"  {features[i],-10} {evaluation.Parameters[i],8:0.0000}");
Console.WriteLine($"  {"intercept",-10} {evaluation.Parameters[^1],8:0.0000}");
Console.WriteLine($"feature table: {cache.SourceReads} partitions from the SQL stage, {cache.CacheHits} reads from the memory tier");
return 0;
