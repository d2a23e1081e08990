namespace OrleansFlow.Rdma.Tests;

internal static class TestBytes
{
    /// <summary>Deterministic pseudo-random bytes, different per seed, so a mixed-up block cannot pass.</summary>
    public static byte[] Make(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
