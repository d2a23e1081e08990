using OrleansFlow.Engine.Input;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Output;

namespace OrleansFlow.Cli.Commands;

/// <summary>
/// <c>orleansflow sql</c> and <c>orleansflow explain</c>. The query runs in this process on the engine's staged
/// executor (the same stages the fabric will run as tasks); running the stages as fabric tasks is the next step.
/// </summary>
internal static class SqlCommands
{
    public const string SqlUsage = """
        usage: orleansflow sql "<query>" --data DIR [--format table|csv|json] [--output FILE]
               orleansflow sql --file q.sql --data DIR [...]
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
        var args = CliArguments.Parse(argv, ["--data", "--format", "--output", "--file", "--partitions"], []);
        if (args.Help) { Console.WriteLine(SqlUsage); return 0; }
        var (query, catalog) = Load(args);
        var format = args.Value("--format") ?? "table";
        if (format is not ("table" or "csv" or "json"))
            throw new UsageException($"--format must be table, csv or json (was '{format}')");
        var partitions = args.Int("--partitions", Environment.ProcessorCount, min: 1);
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
