namespace OrleansFlow.Rdma.Tests;

public sealed class ShutdownTests : IDisposable
{
    private readonly TestDirectories _dirs = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stopped_tier_refuses_calls_instead_of_touching_unmapped_memory(bool sharedMemory)
    {
        var node = new TierNode(_dirs.Options("stopping", sharedMemory: sharedMemory));
        var block = await node.Store.AllocateAsync("job", 1, 4096);
        node.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => node.Store.ReadAsync(block, 0, new byte[10]).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => node.Store.WriteAsync(block, 0, new byte[10]).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => node.Store.AllocateAsync("job", 1, 10).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => node.Store.FreeAsync(block).AsTask());
    }

    public void Dispose() => _dirs.Dispose();
}
