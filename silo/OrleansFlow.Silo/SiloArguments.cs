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

    public const string Usage = """
        usage: OrleansFlow.Silo [options]
          --cluster redis://HOST:PORT   join the cluster whose membership is in Redis (job state is kept there too);
                                        absent: a development cluster on localhost, job state in memory
          --cluster-id ID               cluster id (default orleansflow)
          --silo-port N                 silo-to-silo port (default 11111)
          --gateway-port N              client gateway port (default 30000)
          --data-port N                 memory tier data-plane port (default: any free port)
          --primary HOST:PORT           localhost clustering only: the first silo's silo port, for a second silo
          --slots N                     tasks run at once on this silo (default: processor count)
          --memory SIZE                 memory tier DRAM budget, e.g. 512m, 2g (default 1g)
          --work-dir DIR                folder for job output and scratch files
          --replicas K                  copies of each memory tier block, on K silos (default 1)
          --pretouch                    make the memory tier and the sort buffers resident at start (start-up
                                        costs ≈ 1.8 s of CPU per GB; the first jobs then do not)
        """;

    public static SiloArguments Parse(string[] args)
    {
        var result = new SiloArguments();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {args[i]} needs a value");
            int Port() { var name = args[i]; var v = Value(); return int.TryParse(v, out var p) && p is >= 0 and <= 65535 ? p : throw new ArgumentException($"option {name}: '{v}' is not a port number"); }
            result = args[i] switch
            {
                "--cluster" => result with { Cluster = ClusterAddress.Parse(Value()) },
                "--cluster-id" => result with { ClusterId = Value() },
                "--silo-port" => result with { SiloPort = Port() },
                "--gateway-port" => result with { GatewayPort = Port() },
                "--data-port" => result with { DataPort = Port() },
                "--primary" => result with { Primary = Value() },
                "--slots" => result with { Slots = int.TryParse(Value(), out var s) && s > 0 ? s : throw new ArgumentException("option --slots needs a positive number") },
                "--memory" => result with { MemoryBytes = ByteSize.Parse(Value(), "--memory") },
                "--work-dir" => result with { WorkDirectory = Value() },
                "--pretouch" => result with { PreTouch = true },
                "--replicas" => result with { Replicas = int.TryParse(Value(), out var k) && k > 0 ? k : throw new ArgumentException("option --replicas needs a positive number") },
                "-h" or "--help" => throw new HelpRequestedException(),
                var other => throw new ArgumentException($"unknown option '{other}'"),
            };
        }
        if (result.Cluster.Kind == ClusterAddressKind.Gateways)
            throw new ArgumentException("a silo joins a cluster through redis://HOST:PORT, not through gateways");
        return result;
    }
}

internal sealed class HelpRequestedException : Exception;
