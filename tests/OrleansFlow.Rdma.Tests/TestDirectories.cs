namespace OrleansFlow.Rdma.Tests;

/// <summary>A <see cref="TempFolder"/> per test fixture, and block-store options whose directories all live in it.</summary>
internal sealed class TestDirectories : IDisposable
{
    private readonly TempFolder _folder = new();

    public string Root => _folder.Path;

    /// <summary>Options whose directories all live under <see cref="Root"/>, with a private port.</summary>
    public BlockStoreOptions Options(string name, long memoryCapacity = 256L << 20, bool sharedMemory = true) => new()
    {
        MemoryCapacityBytes = memoryCapacity,
        SpillDirectory = Path.Combine(Root, name, "spill"),
        DiskDirectory = Path.Combine(Root, "disk"),
        EnableSharedMemory = sharedMemory,
    };

    public void Dispose() => _folder.Dispose();
}
