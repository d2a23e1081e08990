namespace OrleansFlow.Rdma.Redis;

/// <summary>
/// Lua run inside Redis so that the key check and the transfer are one atomic round trip per chunk.
/// A block is a hash KEYS[1] {k = access key, len = length, job = job id} and chunk strings KEYS[2..].
/// Errors come back as "NOTFOUND", "DENIED" or "RANGE &lt;length&gt;".
/// </summary>
internal static class RedisScripts
{
    private const string Check = """
        local key = redis.call('HGET', KEYS[1], 'k')
        if not key then return redis.error_reply('NOTFOUND') end
        if key ~= ARGV[1] then return redis.error_reply('DENIED') end
        local len = tonumber(redis.call('HGET', KEYS[1], 'len'))
        if tonumber(ARGV[2]) + tonumber(ARGV[3]) > len then return redis.error_reply('RANGE ' .. len) end
        """;

    /// <summary>ARGV: key, block offset, count, offset in chunk. Returns the chunk's bytes (may be short: unwritten bytes are zero).</summary>
    public const string Read = Check + "\n" + """
        return redis.call('GETRANGE', KEYS[2], ARGV[4], tonumber(ARGV[4]) + tonumber(ARGV[3]) - 1)
        """;

    /// <summary>ARGV: key, block offset, count, offset in chunk, bytes.</summary>
    public const string Write = Check + "\n" + """
        redis.call('SETRANGE', KEYS[2], ARGV[4], ARGV[5])
        return 1
        """;

    /// <summary>KEYS[1] block hash, KEYS[2] job set, KEYS[3..] chunks; ARGV: key, block id. Unknown blocks are ignored.</summary>
    public const string Free = """
        local key = redis.call('HGET', KEYS[1], 'k')
        if not key then return 0 end
        if key ~= ARGV[1] then return redis.error_reply('DENIED') end
        redis.call('DEL', unpack(KEYS, 3))
        redis.call('DEL', KEYS[1])
        redis.call('SREM', KEYS[2], ARGV[2])
        return 1
        """;
}
