using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Engine.Sort;

// usage: dotnet run --project samples/TeraSort -- <input dir> <output dir> [memory|redis|disk] [--cluster redis://HOST:PORT]
// Submits a sort job (sample → range-partitioning map → sorting reduce), prints per-stage figures, then checks the
// output as valsort does against the input's checksum.
var cluster = args.SkipWhile(a => a != "--cluster").Skip(1).FirstOrDefault();
var positional = args.TakeWhile(a => a != "--cluster").ToList();
if (positional.Count is < 2 or > 3)
{
    Console.Error.WriteLine("usage: TeraSort <input dir> <output dir> [memory|redis|disk] [--cluster redis://HOST:PORT]");
    return 2;
}
var (input, output) = (Path.GetFullPath(positional[0]), Path.GetFullPath(positional[1]));
var shuffle = positional.Count == 3 ? Enum.Parse<ShuffleStoreKind>(positional[2], ignoreCase: true) : ShuffleStoreKind.Memory;

await using var client = await EmbeddedFlow.ConnectAsync(new FlowClientOptions { Cluster = cluster });
var job = await client.SubmitAsync(new SortArgs { Inputs = [input], OutputDirectory = output, Shuffle = shuffle }, new SubmitOptions { Name = "terasort" });
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
    Console.WriteLine($"{stage.Name,-7} {stage.TotalTasks,4} tasks {stage.Duration?.TotalSeconds ?? 0,7:0.00} s  {stage.BytesIn,14:N0} bytes in");

var expected = await Valsort.ChecksumAsync(input);
var check = await Valsort.ValidateAsync(output);
Console.Write(check.Report());
var ok = check.IsSorted && check.Checksum == expected;
Console.WriteLine(ok ? "output is the input, sorted" : $"MISMATCH: input checksum {expected.Hex}, output {check.Checksum.Hex}");
return ok ? 0 : 1;
