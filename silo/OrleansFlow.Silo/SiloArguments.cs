using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using OrleansFlow.Abstractions.Cluster;

namespace OrleansFlow.Silo;

/// <summary>The silo's command line.</summary>
internal sealed record SiloArguments
{
    public ClusterAddress Cluster { get; init; } = ClusterAddress.Embedded;
    public string ClusterId { get; init; } = "orleansflow";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public int DataPort { get; init; }
    public string? Primary { get; init; }
    public int? Slots { get; init; }
    public long? MemoryBytes { get; init; }
    public string? WorkDirectory { get; init; }
    public int Replicas { get; init; } = 1;
    public bool PreTouch { get; init; }

    /// <summary>
    /// Parses the command line. False when the process is to exit at once with <paramref name="exitCode"/>: after
    /// <c>--help</c> or <c>--version</c> (0), or a usage error, written in one line to <paramref name="error"/> (2).
    /// </summary>
    public static bool TryParse(string[] args, TextWriter output, TextWriter error, [NotNullWhen(true)] out SiloArguments? arguments, out int exitCode)
    {
        var command = new SiloCommand();
        var result = command.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false });
        arguments = null;
        if (result.Action is ParseErrorAction)
        {
            error.WriteLine($"error: {Problem(result)}");
            exitCode = 2;
            return false;
        }
        if (result.Action is not null) // --help or --version
        {
            exitCode = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return false;
        }
        arguments = command.Read(result);
        exitCode = 0;
        return true;
    }

    /// <summary>A usage error in one line, as the silo always said it.</summary>
    private static string Problem(ParseResult result)
    {
        if (result.UnmatchedTokens.FirstOrDefault() is { } token)
            return $"unknown option '{token}'";
        var error = result.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { Implicit: false, Tokens.Count: 0 } o => $"option '{o.IdentifierToken?.Value ?? o.Option.Name}' needs a value",
            OptionResult { Tokens.Count: > 1 } o => $"option '{o.IdentifierToken?.Value ?? o.Option.Name}' is given more than once",
            _ => error.Message,
        };
    }

    private sealed class SiloCommand : RootCommand
    {
        private readonly Option<ClusterAddress> _cluster = new("--cluster")
        {
            HelpName = "redis://HOST:PORT",
            Description = "join the cluster whose membership is in Redis (job state is kept there too); absent: a " +
                "development cluster on localhost, job state in memory",
            DefaultValueFactory = _ => ClusterAddress.Embedded,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return ClusterAddress.Embedded;
                try
                {
                    var cluster = ClusterAddress.Parse(r.Tokens[0].Value);
                    if (cluster.Kind != ClusterAddressKind.Gateways) return cluster;
                    r.AddError("a silo joins a cluster through redis://HOST:PORT, not through gateways");
                }
                catch (FormatException e)
                {
                    r.AddError(e.Message);
                }
                return ClusterAddress.Embedded;
            },
        };
        private readonly Option<string> _clusterId = new("--cluster-id") { HelpName = "ID", Description = "cluster id", DefaultValueFactory = _ => "orleansflow" };
        private readonly Option<int> _siloPort = Port("--silo-port", 11111, "silo-to-silo port");
        private readonly Option<int> _gatewayPort = Port("--gateway-port", 30000, "client gateway port");
        private readonly Option<int?> _dataPort = new("--data-port")
        {
            HelpName = "N", Description = "memory tier data-plane port (default: any free port)", CustomParser = r => ParsePort(r, "--data-port"),
        };
        private readonly Option<string?> _primary = new("--primary")
        {
            HelpName = "HOST:PORT", Description = "localhost clustering only: the first silo's silo port, for a second silo",
        };
        private readonly Option<int?> _slots = Positive("--slots", "tasks run at once on this silo (default: processor count)");
        private readonly Option<long?> _memory = new("--memory")
        {
            HelpName = "SIZE",
            Description = "memory tier DRAM budget, e.g. 512m, 2g (default 1g)",
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return null;
                try
                {
                    return ByteSize.Parse(r.Tokens[0].Value, "--memory");
                }
                catch (Exception e) when (e is ArgumentException or OverflowException)
                {
                    r.AddError(e is ArgumentException ? e.Message : $"--memory: '{r.Tokens[0].Value}' is too large");
                    return null;
                }
            },
        };
        private readonly Option<string?> _workDirectory = new("--work-dir") { HelpName = "DIR", Description = "folder for job output and scratch files" };
        private readonly Option<int?> _replicas = Positive("--replicas", "copies of each memory tier block, on K silos (default 1)", "K");
        private readonly Option<bool> _preTouch = new("--pretouch")
        {
            Arity = ArgumentArity.Zero,
            Description = "make the memory tier and the sort buffers resident at start (start-up costs ≈ 1.8 s of CPU per GB; " +
                "the first jobs then do not)",
        };

        public SiloCommand() : base("The OrleansFlow silo: runs the fabric's grains and its memory tier. " +
            "Options take their value as '--opt value' or '--opt=value'.")
        {
            // -h and --help only, as before.
            for (var i = 0; i < Options.Count; i++)
                if (Options[i] is HelpOption)
                    Options[i] = new HelpOption("--help", "-h");
            foreach (var option in new Option[] { _cluster, _clusterId, _siloPort, _gatewayPort, _dataPort, _primary, _slots, _memory, _workDirectory, _replicas, _preTouch })
                Add(option);
        }

        public SiloArguments Read(ParseResult r) => new()
        {
            Cluster = r.GetValue(_cluster)!,
            ClusterId = r.GetValue(_clusterId)!,
            SiloPort = r.GetValue(_siloPort),
            GatewayPort = r.GetValue(_gatewayPort),
            DataPort = r.GetValue(_dataPort) ?? 0,
            Primary = r.GetValue(_primary),
            Slots = r.GetValue(_slots),
            MemoryBytes = r.GetValue(_memory),
            WorkDirectory = r.GetValue(_workDirectory),
            Replicas = r.GetValue(_replicas) ?? 1,
            PreTouch = r.GetValue(_preTouch),
        };

        private static Option<int> Port(string name, int fallback, string description) => new(name)
        {
            HelpName = "N", Description = description, DefaultValueFactory = _ => fallback, CustomParser = r => ParsePort(r, name) ?? fallback,
        };

        private static int? ParsePort(ArgumentResult r, string name)
        {
            if (r.Tokens.Count == 0) return null;
            var text = r.Tokens[0].Value;
            if (int.TryParse(text, out var port) && port is >= 0 and <= 65535) return port;
            r.AddError($"option {name}: '{text}' is not a port number");
            return null;
        }

        private static Option<int?> Positive(string name, string description, string helpName = "N") => new(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return null;
                if (int.TryParse(r.Tokens[0].Value, out var n) && n > 0) return n;
                r.AddError($"option {name} needs a positive number");
                return null;
            },
        };
    }
}
