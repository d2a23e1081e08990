using System.Diagnostics;
using System.Text.Json;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.Tests;

/// <summary>Another OS process hosting a tier (OrleansFlow.Rdma.TestHost), driven by line commands.</summary>
internal sealed class TierChildProcess : IDisposable
{
    private readonly Process _process;

    public TierChildProcess(string workDir, bool sharedMemory)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OrleansFlow.Rdma.TestHost.dll");
        _process = Process.Start(new ProcessStartInfo("dotnet", [dll, workDir, sharedMemory ? "true" : "false"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var ready = _process.StandardOutput.ReadLine();
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
            throw new InvalidOperationException($"The tier test host did not start: it said '{ready}'.");
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
        _process.StandardInput.WriteLine(command);
        var answer = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The tier test host exited.");
        return answer.StartsWith("OK ", StringComparison.Ordinal)
            ? answer[3..]
            : throw new InvalidOperationException($"The tier test host failed '{command.Split(' ')[0]}': {answer}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.WriteLine("quit");
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
