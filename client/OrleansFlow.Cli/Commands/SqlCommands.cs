using OrleansFlow.Client;
using OrleansFlow.Engine.Input;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Output;

namespace OrleansFlow.Cli.Commands;

/// <summary>
/// <c>orleansflow sql</c> and <c>orleansflow explain</c>. A query runs as a job on the fabric: each of its stages is a
/// stage of tasks, exchanges go through the block store. <c>--local</c> runs the same stages in this process instead.
/// </summary>
internal static class SqlCommands
{
    public const string SqlUsage = """
        usage: orleansflow sql "<query>" --data DIR [--format table|csv|json] [--output FILE] [--partitions N]
                                         [--shuffle memory|redis|disk] [--local] [--cluster ADDR] [--quiet]
               orleansflow sql --file q.sql --data DIR [...]
          The query's stages run as tasks on the cluster (absent --cluster: an embedded silo); --local runs them in
          this process. DIR must be visible to every silo.
          DIR holds one folder per table: DIR/<table>/*.parquet (or *.arrow, *.csv).
          CSV: a header line, then rows; dates ISO, decimals with their scale, NULL as empty.
        """;

    public const string ExplainUsage = """
        usage: orleansflow explain "<query>" --data DIR [--partitions N]
               orleansflow explain --file q.sql --data DIR
          Prints the logical plan (after the optimizer), the physical plan with its exchanges, and the stages.
        """;

    public static async Task<int> SqlAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ["--data", "--format", "--output", "--file", "--partitions", "--shuffle"], ["--local"]);
        if (args.Help) { Console.WriteLine(SqlUsage); return 0; }
        var (query, catalog) = Load(args);
        var format = args.Value("--format") ?? "table";
        if (format is not ("table" or "csv" or "json"))
            throw new UsageException($"--format must be table, csv or json (was '{format}')");
        var partitions = args.Int("--partitions", Environment.ProcessorCount, min: 1);
        if (!args.Flag("--local"))
            return await RunOnFabricAsync(args, query, partitions, format, cancellationToken);
        var result = await Task.Run(() => SqlEngine.ExecuteStaged(query, catalog, new OrleansFlow.Sql.Physical.PhysicalOptions(Partitions: partitions)), cancellationToken);

        if (args.Value("--output") is { } path)
        {
            await using var file = File.Create(path);
            Write(result, format, file);
            if (!args.Quiet) Console.Error.WriteLine($"{result.RowCount} rows written to {path}");
        }
        else
        {
            await using var stdout = Console.OpenStandardOutput();
            Write(result, format, stdout);
        }
        return 0;
    }

    private static async Task<int> RunOnFabricAsync(CliArguments args, string query, int partitions, string format, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(args.Value("--data")!);
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var output = Path.Combine(Path.GetTempPath(), "orleansflow-cli", Guid.NewGuid().ToString("N"));
        try
        {
            var job = await client.SubmitAsync(new OrleansFlow.Abstractions.Jobs.SqlArgs
            {
                Query = query,
                DataDirectory = data,
                OutputDirectory = output,
                Partitions = partitions,
                Shuffle = WordCountCommand.ParseShuffle(args.Value("--shuffle")),
            });
            var result = await JobProgressView.WaitAsync(job, args.Quiet || args.Value("--output") is null, cancellationToken);
            if (result.Info.Status != OrleansFlow.Abstractions.Jobs.JobStatus.Succeeded)
                throw new JobFailedException(result.Info);
            var file = Path.Combine(output, format switch { "csv" => "result.csv", "json" => "result.json", _ => "result.txt" });
            if (args.Value("--output") is { } path)
            {
                File.Copy(file, path, overwrite: true);
                if (!args.Quiet) Console.Error.WriteLine($"{job.JobId}: result written to {path}");
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await using var source = File.OpenRead(file);
                await source.CopyToAsync(stdout, cancellationToken);
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    public static Task<int> ExplainAsync(string[] argv, CancellationToken cancellationToken)
    {
        var args = CliArguments.Parse(argv, ["--data", "--file", "--partitions"], []);
        if (args.Help) { Console.WriteLine(ExplainUsage); return Task.FromResult(0); }
        var (query, catalog) = Load(args);
        var partitions = args.Int("--partitions", 2, min: 1);
        Console.Out.Write(SqlEngine.Explain(query, catalog, new OrleansFlow.Sql.Physical.PhysicalOptions(Partitions: partitions)));
        return Task.FromResult(0);
    }

    private static void Write(QueryResult result, string format, Stream stream)
    {
        if (format == "json")
        {
            JsonFormatter.Write(result, stream);
            return;
        }
        using var writer = new StreamWriter(stream, leaveOpen: true);
        if (format == "csv") CsvFormatter.Write(result, writer);
        else writer.Write(TableFormatter.Format(result));
    }

    private static (string Query, TableCatalog Catalog) Load(CliArguments args)
    {
        string query;
        if (args.Value("--file") is { } file)
        {
            if (!File.Exists(file)) throw new InputException($"query file not found: {file}");
            query = File.ReadAllText(file);
        }
        else if (args.Positionals.Count == 1)
        {
            query = args.Positionals[0];
        }
        else
        {
            throw new UsageException("give the query as one argument (quoted) or with --file");
        }
        var data = args.Value("--data") ?? throw new UsageException("--data DIR is required (one folder per table)");
        if (!Directory.Exists(data)) throw new InputException($"data directory not found: {data}");
        return (query, TableCatalog.FromDirectory(data));
    }
}
