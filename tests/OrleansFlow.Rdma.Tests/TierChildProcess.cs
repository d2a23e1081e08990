using System.Text.Json;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Tests;

/// <summary>Another OS process hosting a tier (OrleansFlow.Rdma.TestHost), driven by line commands.</summary>
internal sealed class TierChildProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly ChildProcess _process;

    public TierChildProcess(string workDir, bool sharedMemory)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Rdma.TestHost.dll");
        _process = ChildProcess.Start("tier test host", "dotnet", [dll, workDir, sharedMemory ? "true" : "false"], new ChildProcessOptions { Interactive = true });
        var ready = _process.ReadLineAsync(Timeout).GetAwaiter().GetResult();
        if (!ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            _process.Dispose();
            throw new InvalidOperationException($"The tier test host did not start: it said '{ready}'.");
        }
        Endpoint = ready["READY ".Length..];
    }

    public string Endpoint { get; }

    /// <summary>The child allocates a block in its tier and writes seeded bytes; returns their hash and the descriptor.</summary>
    public (ulong Hash, BlockDescriptor Block) Write(ShuffleStoreKind store, string jobId, ulong key, int length, int seed)
    {
        var answer = Ask($"write {store} {jobId} {key} {length} {seed}").Split(' ', 2);
        return (ulong.Parse(answer[0]), JsonSerializer.Deserialize<BlockDescriptor>(answer[1])!);
    }

    /// <summary>The child reads the block through the transport it picks; returns the hash of what it read.</summary>
    public ulong Read(BlockDescriptor block) => ulong.Parse(Ask("read " + JsonSerializer.Serialize(block)));

    /// <summary>The child reads all the blocks in one batch; returns the hash of each, in order.</summary>
    public ulong[] ReadMany(IReadOnlyList<BlockDescriptor> blocks) =>
        Ask("readmany " + JsonSerializer.Serialize(blocks)).Split(',').Select(ulong.Parse).ToArray();

    private string Ask(string command)
    {
        _process.SendLine(command);
        var answer = _process.ReadLineAsync(Timeout).GetAwaiter().GetResult();
        return answer.StartsWith("OK ", StringComparison.Ordinal)
            ? answer[3..]
            : throw new InvalidOperationException($"The tier test host failed '{command.Split(' ')[0]}': {answer}");
    }

    public void Dispose()
    {
        // Asked to quit, the host stops its tier (removing its shared region); killed only if it does not.
        if (!_process.HasExited)
        {
            _process.SendLine("quit");
            _process.WaitForExit(Timeout);
        }
        _process.Dispose();
    }
}
