using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Text.Json;
using OrleansFlow.Cli.Json;
using OrleansFlow.Abstractions.Memory;
using OrleansFlow.Client;
using OrleansFlow.Engine.Input;
using OrleansFlow.Sql;
using OrleansFlow.Sql.Catalog;
using OrleansFlow.Sql.Logical;
using OrleansFlow.Sql.Physical;
using OrleansFlow.Sql.Output;

namespace OrleansFlow.Cli.Commands;

/// <summary>
/// <c>orleansflow sql</c> and <c>orleansflow explain</c>. A query runs as a job on the fabric: each of its stages is a
/// stage of tasks, exchanges go through the block store. <c>--local</c> runs the same stages in this process instead.
/// </summary>
internal static class SqlCommands
{
    /// <summary>The query and its tables: what <c>sql</c> and <c>explain</c> both take.</summary>
    internal record QuerySettings : CommonSettings
    {
        public QuerySettings(CommonSettings common) : base(common) { }

        /// <summary>The query given as the positional argument, or null when it is in <see cref="File"/>.</summary>
        public string? Query { get; init; }
        /// <summary>A file holding the query; it wins over <see cref="Query"/>.</summary>
        public string? File { get; init; }
        public required string Data { get; init; }
        public required int Partitions { get; init; }
    }

    /// <summary>What <c>sql</c> was asked to do.</summary>
    internal sealed record SqlSettings : QuerySettings
    {
        [SetsRequiredMembers]
        public SqlSettings(QuerySettings query) : base(query) { }

        public string Format { get; init; } = "table";
        public string? Output { get; init; }
        public ShuffleStoreKind Shuffle { get; init; }
        public bool Local { get; init; }
    }

    public static IEnumerable<Command> Create(SharedOptions shared)
    {
        // sql and explain take the query and its tables alike.
        var queryText = new Argument<List<string>>("query") { Arity = ArgumentArity.ZeroOrMore, Description = "the SQL query (quoted: one argument)" };
        var file = OptionKinds.Text("--file", "FILE", "read the query from FILE instead (e.g. q.sql)");
        var data = OptionKinds.Text("--data", "DIR",
            "the tables: DIR/<table>/*.parquet (or *.arrow, *.csv). CSV: a header line, then rows; dates ISO, decimals " +
            "with their scale, NULL as empty. DIR must be visible to every silo");
        var partitions = OptionKinds.OptionalWholeNumber("--partitions", 1, "partitions of each stage (default: sql, the processor count; explain, 2)");
        Action<CommandResult> needsQueryAndData = r =>
        {
            if (!r.IsGiven(file) && r.GetValue(queryText) is not { Count: 1 })
                r.AddError("give the query as one argument (quoted) or with --file");
            else if (!r.IsGiven(data))
                r.AddError("--data DIR is required (one folder per table)");
        };
        QuerySettings ReadQuery(ParseResult r, int defaultPartitions) => new(shared.ReadCommon(r))
        {
            Query = r.GetValue(queryText) is [var text] ? text : null,
            File = r.GetValue(file),
            Data = r.GetValue(data)!,
            Partitions = r.GetValue(partitions) ?? defaultPartitions,
        };

        var format = OptionKinds.Choice("--format",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["table"] = "table", ["csv"] = "csv", ["json"] = "json" },
            "table", "table, csv or json", "how the result is printed");
        var output = OptionKinds.Text("--output", "FILE", "write the result to FILE instead of stdout");
        var sql = new Command("sql",
            "Run SQL over Parquet/Arrow/CSV tables: the query's stages run as tasks on the cluster (absent --cluster: an " +
            "embedded silo); --local runs them in this process.")
        {
            queryText, file, data, format, output, partitions, shared.Shuffle, shared.Local,
        };
        shared.AddCommonTo(sql);
        shared.AddDetachTo(sql, shared.Local);
        sql.AddCheck(needsQueryAndData);
        sql.AddCheck(r =>
        {
            if (r.IsGiven(shared.Detach) && r.IsGiven(output))
                r.AddError("sql --detach cannot write --output FILE: it does not wait for the result (it stays in the job's output folder)");
        });
        sql.SetAction((r, cancellationToken) => SqlAsync(new SqlSettings(ReadQuery(r, Environment.ProcessorCount))
        {
            Format = r.GetValue(format)!,
            Output = r.GetValue(output),
            Shuffle = r.GetValue(shared.Shuffle),
            Local = r.GetValue(shared.Local),
        }, cancellationToken));

        var explain = new Command("explain", "Logical plan (after the optimizer), physical plan with its exchanges, and the stages of a query.")
        {
            queryText, file, data, partitions,
        };
        shared.AddCommonTo(explain);
        explain.AddCheck(needsQueryAndData);
        explain.SetAction((r, _) => ExplainAsync(ReadQuery(r, 2)));

        return [sql, explain];
    }

    public static async Task<int> SqlAsync(SqlSettings args, CancellationToken cancellationToken)
    {
        var (query, catalog) = Load(args);
        if (!args.Local)
            return await RunOnFabricAsync(args, query, cancellationToken);
        CheckLocalPartitions(args.Partitions);
        var clock = Stopwatch.StartNew();
        var result = await Task.Run(() => SqlEngine.ExecuteStaged(query, catalog, new PhysicalOptions(Partitions: args.Partitions)), cancellationToken);
        clock.Stop();

        if (args.Output is { } path)
        {
            await using (var file = File.Create(path))
                Write(result, args.Format, file);
            if (args.Json)
                ConsoleOutput.WriteJson(new SqlJson(null, clock.Elapsed, result.RowCount, path, null));
            else if (!args.Quiet)
                Console.Error.WriteLine($"{result.RowCount} rows written to {path}");
        }
        else if (args.Json)
        {
            using var rows = new MemoryStream();
            JsonFormatter.Write(result, rows);
            ConsoleOutput.WriteJson(new SqlJson(null, clock.Elapsed, result.RowCount, null, ParseRows(rows.ToArray())));
        }
        else
        {
            await using var stdout = Console.OpenStandardOutput();
            Write(result, args.Format, stdout);
        }
        return 0;
    }

    private static async Task<int> RunOnFabricAsync(SqlSettings args, string query, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(args.Data);
        await using var client = await ClientFactory.ConnectAsync(args, cancellationToken);
        var output = Path.Combine(Path.GetTempPath(), "orleansflow-cli", Guid.NewGuid().ToString("N"));
        var keepOutput = false;
        try
        {
            // Progress goes to stderr, so it shows also while the rows go to stdout.
            var (job, waited) = await JobWait.RunAsync(args, () => client.SubmitAsync(new OrleansFlow.Abstractions.Jobs.SqlArgs
            {
                Query = query,
                DataDirectory = data,
                OutputDirectory = output,
                Partitions = args.Partitions,
                Shuffle = args.Shuffle,
            }), (submitted, token) => JobProgressView.WaitAsync(submitted, args.Quiet, token), cancellationToken);
            if (waited is not { } result)
            {
                keepOutput = true; // the job writes its result there after this process has gone
                return JobWait.PrintDetached(job, args, output);
            }
            var info = result.Info;
            var took = (info.FinishedAt - info.SubmittedAt) ?? TimeSpan.Zero;
            var file = Path.Combine(output, ResultFile(args.Format));
            if (args.Output is { } path)
            {
                File.Copy(file, path, overwrite: true);
                if (args.Json)
                    ConsoleOutput.WriteJson(new SqlJson(job.JobId, took, RowCount(result), path, null));
                else if (!args.Quiet)
                    Console.Error.WriteLine($"{job.JobId}: result written to {path}");
            }
            else if (args.Json)
            {
                var rows = ParseRows(await File.ReadAllBytesAsync(Path.Combine(output, ResultFile("json")), cancellationToken));
                ConsoleOutput.WriteJson(new SqlJson(job.JobId, took, rows.GetArrayLength(), null, rows));
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
            if (!keepOutput && Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    private static string ResultFile(string format) => format switch { "csv" => "result.csv", "json" => "result.json", _ => "result.txt" };

    /// <summary>The records the result stage's task wrote are the query's rows.</summary>
    private static long RowCount(OrleansFlow.Abstractions.Jobs.JobResult result)
    {
        var stage = result.Info.Stages.LastOrDefault(s => s.Role == OrleansFlow.Abstractions.Jobs.StageRole.Result)?.Name;
        return result.Tasks.Where(t => t.Stage == stage).Sum(t => t.RecordsOut);
    }

    private static JsonElement ParseRows(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static Task<int> ExplainAsync(QuerySettings args)
    {
        var (query, catalog) = Load(args);
        CheckLocalPartitions(args.Partitions);
        var options = new PhysicalOptions(Partitions: args.Partitions);
        if (args.Json)
        {
            var staged = SqlEngine.PlanStages(query, catalog, options);
            ConsoleOutput.WriteJson(new ExplainJson(
                PlanPrinter.Print(staged.Logical), staged.Physical.Explain(),
                [.. staged.Stages.Select(s => new ExplainJson.Stage(s.Describe(), PlanPrinter.Print(s.Fragment)))]));
        }
        else
        {
            Console.Out.Write(SqlEngine.Explain(query, catalog, options));
        }
        return Task.FromResult(0);
    }

    /// <summary>
    /// In this process no silo checks the plan, so the command holds it to the silo's default limit itself: every
    /// stage's partitions run as tasks here, and each exchange holds partitions × partitions batches.
    /// </summary>
    private static void CheckLocalPartitions(int partitions)
    {
        var max = OrleansFlow.Fabric.Scheduling.PlanLimits.Default.MaxPartitions;
        if (partitions > max)
            throw new ArgumentException($"--partitions {partitions} is more than the limit of {max} partitions for a query run in this process");
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

    private static (string Query, TableCatalog Catalog) Load(QuerySettings args)
    {
        string query;
        if (args.File is { } file)
        {
            if (!File.Exists(file)) throw new InputException($"query file not found: {file}");
            query = File.ReadAllText(file);
        }
        else
        {
            query = args.Query!;
        }
        var data = args.Data;
        if (!Directory.Exists(data)) throw new InputException($"data directory not found: {data}");
        return (query, TableCatalog.FromDirectory(data));
    }
}
