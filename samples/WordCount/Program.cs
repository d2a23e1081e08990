using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Client;
using OrleansFlow.Engine.WordCount;
using WordCount;

// usage: dotnet run --project samples/WordCount -- <file or dir>... [--cluster redis://HOST:PORT]
// Submits LongWordCountJob (this assembly, uploaded with the job) and prints the ten most frequent long words.
var cluster = args.SkipWhile(a => a != "--cluster").Skip(1).FirstOrDefault();
var inputs = args.TakeWhile(a => a != "--cluster").ToList();
if (inputs.Count == 0)
{
    Console.Error.WriteLine("usage: WordCount <file or dir>... [--cluster redis://HOST:PORT]");
    return 2;
}

await using var client = await EmbeddedFlow.ConnectAsync(new FlowClientOptions { Cluster = cluster });
var output = Path.Combine(Path.GetTempPath(), "orleansflow-sample-wordcount", Guid.NewGuid().ToString("N"));
var job = await client.SubmitMapReduceAsync<LongWordCountJob>(new MapReduceSubmission { Inputs = inputs, OutputDirectory = output });
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
foreach (var (word, count) in WordCountResults.Top(result.OutputFiles, 10))
    Console.WriteLine($"{count,10}  {word}");
Directory.Delete(output, recursive: true);
return 0;
