using System.Text;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Fabric.Execution;
using OrleansFlow.Fabric.Shuffle;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Output;

namespace OrleansFlow.Jobs.Sql;

/// <summary>The last SQL stage: gathers its inputs, finishes the query, and writes the result to the output folder as
/// <c>result.csv</c>, <c>result.json</c> and <c>result.txt</c> (a table), each whole or not at all.</summary>
public sealed class SqlResultKernel(SqlTaskInputs inputs) : ITaskKernel
{
    public const string KernelName = "sql.result";

    public string Name => KernelName;

    public async Task<KernelResult> RunAsync(TaskSpec task, CancellationToken cancellationToken)
    {
        var args = task.ArgsAs<SqlTaskArgs>();
        var (plan, _, exchange) = await inputs.FetchAsync(task, args, cancellationToken);
        var result = SqlEngine.RunResultStage(plan.Staged, exchange, cancellationToken);

        var folder = args.OutputDirectory ?? throw new ArgumentException($"SQL job {task.JobId} has no output folder");
        Directory.CreateDirectory(folder);
        var files = new List<string>
        {
            Publish(folder, "result.csv", task.Attempt, path => { using var w = new StreamWriter(path, false, new UTF8Encoding(false)); CsvFormatter.Write(result, w); }),
            Publish(folder, "result.json", task.Attempt, path => { using var s = File.Create(path); JsonFormatter.Write(result, s); }),
            Publish(folder, "result.txt", task.Attempt, path => File.WriteAllText(path, TableFormatter.Format(result, int.MaxValue))),
        };
        return new KernelResult(0, result.RowCount, exchange.BytesIn, files.Sum(f => new FileInfo(f).Length), files);
    }

    private static string Publish(string folder, string name, int attempt, Action<string> write)
    {
        var path = Path.Combine(folder, name);
        var temp = $"{path}.attempt-{attempt}.tmp";
        write(temp);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
