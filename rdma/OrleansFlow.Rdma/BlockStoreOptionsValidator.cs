using Microsoft.Extensions.Options;

namespace OrleansFlow.Rdma;

/// <summary>Checks <see cref="BlockStoreOptions"/> at start-up so a bad setting fails with its name, not later.</summary>
public sealed class BlockStoreOptionsValidator : IValidateOptions<BlockStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, BlockStoreOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem, for code that builds stores by hand.</summary>
    public static void ThrowIfInvalid(BlockStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Problems(options).ToList();
        if (failures.Count > 0)
            throw new ArgumentException("Invalid BlockStoreOptions: " + string.Join("; ", failures), nameof(options));
    }

    private static IEnumerable<string> Problems(BlockStoreOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.DataHost))
            yield return "BlockStoreOptions.DataHost must name the address peers use to reach this process.";
        if (o.DataListen is not null && !System.Net.IPAddress.TryParse(o.DataListen, out _))
            yield return $"BlockStoreOptions.DataListen must be an IP address (0.0.0.0 for every interface), got '{o.DataListen}'.";
        if (string.IsNullOrWhiteSpace(o.HostIdentity) || o.HostIdentity.Contains(':', StringComparison.Ordinal))
            yield return $"BlockStoreOptions.HostIdentity must be a non-empty name without ':', got '{o.HostIdentity}'.";
        if (o.DataPort is < 0 or > 65535)
            yield return $"BlockStoreOptions.DataPort must be 0..65535 (0 = any free port), got {o.DataPort}.";
        if (o.BlockAlignment < 64 || o.BlockAlignment > (1 << 21) || (o.BlockAlignment & (o.BlockAlignment - 1)) != 0)
            yield return $"BlockStoreOptions.BlockAlignment must be a power of two from 64 to 2 MiB, got {o.BlockAlignment}.";
        if (o.MemoryCapacityBytes <= 0)
            yield return $"BlockStoreOptions.MemoryCapacityBytes must be positive, got {o.MemoryCapacityBytes}.";
        else if (o.BlockAlignment > 0 && o.MemoryCapacityBytes < o.BlockAlignment)
            yield return $"BlockStoreOptions.MemoryCapacityBytes ({o.MemoryCapacityBytes}) is smaller than one block ({o.BlockAlignment}).";
        if (string.IsNullOrWhiteSpace(o.SpillDirectory))
            yield return "BlockStoreOptions.SpillDirectory must be a directory path.";
        if (string.IsNullOrWhiteSpace(o.DiskDirectory))
            yield return "BlockStoreOptions.DiskDirectory must be a directory path.";
        if (o.EnableSharedMemory && string.IsNullOrWhiteSpace(o.SharedMemoryDirectory))
            yield return "BlockStoreOptions.SharedMemoryDirectory must be a directory path when EnableSharedMemory is set.";
        if (o.RedisConfiguration is not null && string.IsNullOrWhiteSpace(o.RedisConfiguration))
            yield return "BlockStoreOptions.RedisConfiguration must be null or a Redis configuration string such as \"127.0.0.1:6379\".";
        if (o.RedisChunkBytes < 4096)
            yield return $"BlockStoreOptions.RedisChunkBytes must be at least 4096, got {o.RedisChunkBytes}.";
        if (o.ReplicationFactor < 1)
            yield return $"BlockStoreOptions.ReplicationFactor must be at least 1, got {o.ReplicationFactor}.";
    }
}
