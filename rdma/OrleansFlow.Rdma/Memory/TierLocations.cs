using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OrleansFlow.Rdma.Memory;

/// <summary>
/// How a memory-tier descriptor's Location says where its bytes are, so a peer can pick a transport. A location
/// another process on the same host can open itself (a shared region, a spill file) carries the owner's
/// <see cref="HostIdentity"/>: <c>shm:HOST:/dev/shm/...</c>, so that a process on another host, which may see a
/// file of the same name (a shared file system, another network namespace), does not take it for the owner's.
/// </summary>
internal static class TierLocations
{
    /// <summary>In the owner's shared region file (host and path follow): same-host peers map it.</summary>
    public const string SharedPrefix = "shm:";

    /// <summary>In the owner's private memory: only the owner or its TCP data plane can reach it.</summary>
    public const string Private = "dram:";

    /// <summary>Spilled to a block file (host and path follow): same-host peers open it.</summary>
    public const string SpillPrefix = "spill:";

    public static string Of(string prefix, string host, string path) => $"{prefix}{host}:{path}";

    /// <summary>The path in a location of this kind, whatever host it names.</summary>
    public static bool TryGetPath(string location, string prefix, out string path) => TryGetPath(location, prefix, out _, out path);

    public static bool TryGetPath(string location, string prefix, out string host, out string path)
    {
        host = path = "";
        if (!location.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var rest = location.AsSpan(prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0)
            return false;
        host = rest[..colon].ToString();
        path = rest[(colon + 1)..].ToString();
        return path.Length > 0;
    }

    /// <summary>The path, when the location is of this kind and on <paramref name="host"/>.</summary>
    public static bool TryGetPathOn(string location, string prefix, string host, out string path) =>
        TryGetPath(location, prefix, out var owner, out path) && owner == host;

    /// <summary>The 64-bit id hash a region slot records for a block.</summary>
    public static ulong HashId(string blockId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(blockId.AsSpan()));
}
