using OrleansFlow.Cli;
using OrleansFlow.Cli.Commands;
using OrleansFlow.Client;
using OrleansFlow.Engine.Input;

const string usage = """
    orleansflow — serverless data processing on Orleans

    usage: orleansflow <command> [options]        (every command takes --cluster ADDR; absent: embedded silo)

    commands:
      wordcount <file or dir>... [--top N] [--output FILE]   count words with a MapReduce job
      jobs [--json]                                          jobs the cluster has run
      job <id> [--json]                                      one job: status, stages, tasks per silo
      cancel <id>                                            cancel a running job
      cluster [--json]                                       live silos: slots, tasks run, memory tier use
      datagen tpch|tpcds --sf F --output DIR [--seed N]      generate TPC-H / TPC-DS tables as Parquet
      sql "<query>" --data DIR [--format table|csv|json]     run SQL over Parquet/Arrow/CSV tables
      explain "<query>" --data DIR                           logical plan, physical plan and stages
      ml linreg|logreg|mlp --generate N|--data FILE|--sql "<query>" --data DIR|--dataset NAME [--epochs E] [--workers W]   train a model
      gensort --records N --output DIR [--partitions P] [--ascii] [--seed S]   Sort Benchmark input records
      valsort DIR                                            check order, count and checksum of record files
      sort --input DIR --output DIR [--shuffle S] [--reducers R]   TeraSort with a job on the fabric

    ADDR: redis://HOST:PORT (Redis membership) or HOST:PORT[,HOST:PORT] (gateways); env ORLEANSFLOW_CLUSTER.
    Run 'orleansflow <command> --help' for a command's options.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}

using var stop = new CancellationTokenSource();
var rest = args[1..];
try
{
    return args[0] switch
    {
        "wordcount" => await WordCountCommand.RunAsync(rest, stop.Token),
        "jobs" => await JobsCommands.ListAsync(rest, stop.Token),
        "job" => await JobsCommands.ShowAsync(rest, stop.Token),
        "cancel" => await JobsCommands.CancelAsync(rest, stop.Token),
        "cluster" => await JobsCommands.ClusterAsync(rest, stop.Token),
        "sql" => await SqlCommands.SqlAsync(rest, stop.Token),
        "explain" => await SqlCommands.ExplainAsync(rest, stop.Token),
        "ml" => await MlCommand.RunAsync(rest, stop.Token),
        "gensort" => await GensortCommand.RunAsync(rest, stop.Token),
        "valsort" => await ValsortCommand.RunAsync(rest, stop.Token),
        "sort" => await SortCommand.RunAsync(rest, stop.Token),
        "datagen" => await OrleansFlow.Datagen.DatagenCommand.RunAsync(rest, Console.Out, Console.Error, stop.Token),
        var other => throw new UsageException($"unknown command '{other}' (run 'orleansflow --help')"),
    };
}
catch (UsageException e)
{
    ConsoleOutput.Error(e.Message);
    return 2;
}
catch (Exception e) when (e is OrleansFlow.Sql.Parsing.SqlParseException or OrleansFlow.Sql.Binding.SqlBindException or OrleansFlow.Sql.Execution.SqlExecutionException or InvalidDataException)
{
    // SQL errors carry their line:column; data errors name the file.
    ConsoleOutput.Error(e.Message);
    return 1;
}
catch (Exception e) when (e is InputException or FlowConnectionException or JobFailedException or JobNotFoundException or FormatException or ArgumentException or IOException or UnauthorizedAccessException)
{
    // The user's problem, said in one line: no stack trace.
    ConsoleOutput.Error(e.Message);
    return 1;
}
catch (Exception e)
{
    ConsoleOutput.Error($"{e.GetType().Name}: {e.Message}");
    if (Environment.GetEnvironmentVariable("ORLEANSFLOW_DEBUG") == "1")
        Console.Error.WriteLine(e);
    return 1;
}
