using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OrleansFlow.Rdma.Memory;

/// <summary>How a memory-tier descriptor's Location says where its bytes are, so a peer can pick a transport.</summary>
internal static class TierLocations
{
    /// <summary>In the owner's shared region file (path follows): same-host peers map it.</summary>
    public const string SharedPrefix = "shm:";

    /// <summary>In the owner's private memory: only the owner or its TCP data plane can reach it.</summary>
    public const string Private = "dram:";

    /// <summary>Spilled to a block file (path follows): same-host peers open it.</summary>
    public const string SpillPrefix = "spill:";

    public static bool TryGetPath(string location, string prefix, out string path)
    {
        path = location.StartsWith(prefix, StringComparison.Ordinal) ? location[prefix.Length..] : "";
        return path.Length > 0;
    }

    /// <summary>The 64-bit id hash a region slot records for a block.</summary>
    public static ulong HashId(string blockId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(blockId.AsSpan()));
}
