using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using OrleansFlow.Cli.Commands;
using OrleansFlow.Client;
using OrleansFlow.Engine.Input;

namespace OrleansFlow.Cli;

/// <summary>
/// The <c>orleansflow</c> command line: the command tree (System.CommandLine), its parse errors as one line with exit
/// code 2, and the commands' failures as one line with exit code 1.
/// </summary>
internal static class CliApp
{
    private const string Description = """
        orleansflow — serverless data processing on Orleans.
        Every command takes --cluster ADDR: redis://HOST:PORT (Redis membership) or HOST:PORT[,HOST:PORT] (gateways);
        default $ORLEANSFLOW_CLUSTER; absent: an embedded silo in this process.
        Options take their value as '--opt value' or '--opt=value'. Run 'orleansflow <command> --help' for a command's options.
        """;

    /// <summary>No response files (<c>@file</c> is a path, as it always was), no bundling of short options.</summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    public static RootCommand CreateRootCommand()
    {
        var shared = new SharedOptions();
        var root = new RootCommand(Description) { HelpName = "orleansflow" };
        // -h and --help only: "/h" and "-?" are not help here.
        var help = new HelpOption("--help", "-h");
        for (var i = 0; i < root.Options.Count; i++)
            if (root.Options[i] is HelpOption)
                root.Options[i] = help;
        root.Add(new WordCountCommand(shared));
        foreach (var command in JobsCommands.Create(shared))
            root.Add(command);
        root.Add(new DatagenCommand(shared));
        foreach (var command in SqlCommands.Create(shared))
            root.Add(command);
        foreach (var command in ElasticCommands.Create(shared))
            root.Add(command);
        root.Add(new MlCommand(shared));
        root.Add(new GensortCommand(shared));
        root.Add(new ValsortCommand(shared));
        root.Add(new SortCommand(shared));
        return root;
    }

    public static ParseResult Parse(IReadOnlyList<string> args) => CreateRootCommand().Parse(args, Parsing);

    /// <summary>Runs a command line: 0 success, 1 the command failed, 2 the command line is wrong.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false, // failures are reported below, in one line
            ProcessTerminationTimeout = null, // Ctrl+C is the commands' own: those that run a job cancel it first (CancelJobOnInterrupt)
        };
        if (args.Count == 0)
        {
            await Parse(["--help"]).InvokeAsync(invocation, cancellationToken);
            return 2;
        }
        if (args[0] == "help") // 'orleansflow help [command]'
            args = [.. args.Skip(1), "--help"];

        var result = Parse(args);
        if (result.Action is ParseErrorAction)
        {
            ConsoleOutput.Error(Problem(result), error);
            return 2;
        }
        try
        {
            return await result.InvokeAsync(invocation, cancellationToken);
        }
        catch (JobInterruptedException e)
        {
            ConsoleOutput.Error(e.Message, error);
            return JobInterruptedException.ExitCode;
        }
        catch (Exception e) when (e is OrleansFlow.Sql.Parsing.SqlParseException or OrleansFlow.Sql.Parsing.SqlNestingException or OrleansFlow.Sql.Binding.SqlBindException or OrleansFlow.Sql.Execution.SqlExecutionException or InvalidDataException)
        {
            // SQL errors carry their line:column; data errors name the file.
            ConsoleOutput.Error(e.Message, error);
            return 1;
        }
        catch (Exception e) when (e is InputException or FlowConnectionException or JobFailedException or JobNotFoundException or FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // The user's problem, said in one line: no stack trace.
            ConsoleOutput.Error(e.Message, error);
            return 1;
        }
        catch (Exception e)
        {
            ConsoleOutput.Error($"{e.GetType().Name}: {e.Message}", error);
            if (Environment.GetEnvironmentVariable("ORLEANSFLOW_DEBUG") == "1")
                error.WriteLine(e);
            return 1;
        }
    }

    /// <summary>
    /// What is wrong with a command line, in one line, in the words the commands always used: unknown options and
    /// commands first, then bad or missing values, then the command's own checks.
    /// </summary>
    internal static string Problem(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var problem = result.UnmatchedTokens.FirstOrDefault() is { } token ? Unmatched(command, token) : Describe(FirstError(result));
        // datagen has always shown its usage line with a usage error.
        return command is DatagenCommand ? $"{problem} ({DatagenCommand.Usage})" : problem;
    }

    private static string Unmatched(Command command, string token)
    {
        if (OptionKinds.LooksLikeOption(token)) return $"unknown option '{token}'";
        if (command is RootCommand) return $"unknown command '{token}' (run 'orleansflow --help')";
        if (command.Subcommands.Count > 0) return NeedsSubcommand(command);
        return command.Arguments.Count == 0
            ? $"{command.Name} takes no positional arguments (got '{token}')"
            : $"{command.Name}: unexpected argument '{token}'";
    }

    /// <summary>Errors in a value come before a command's own checks, which may only see that the value is missing.</summary>
    private static ParseError FirstError(ParseResult result) =>
        result.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult) ?? result.Errors[0];

    private static string Describe(ParseError error) => error.SymbolResult switch
    {
        OptionResult { Implicit: false, Tokens.Count: 0 } o when o.Option.Arity.MinimumNumberOfValues > 0 => $"option '{Name(o)}' needs a value",
        OptionResult { Tokens.Count: > 1 } o when o.Option.Arity.MaximumNumberOfValues == 1 => $"option '{Name(o)}' is given more than once",
        CommandResult { Command: { Subcommands.Count: > 0, Action: null } c } => NeedsSubcommand(c),
        _ => error.Message,
    };

    private static string Name(OptionResult option) => option.IdentifierToken?.Value ?? option.Option.Name;

    private static string NeedsSubcommand(Command command) =>
        $"{command.Name} needs a subject: {string.Join(" or ", command.Subcommands.Select(s => $"'orleansflow {command.Name} {s.Name}'"))}";
}
