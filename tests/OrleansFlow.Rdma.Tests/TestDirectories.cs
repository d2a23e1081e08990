namespace OrleansFlow.Rdma.Tests;

/// <summary>A fresh directory tree per test fixture, deleted afterwards.</summary>
internal sealed class TestDirectories : IDisposable
{
    public TestDirectories()
    {
        Root = Path.Combine(Path.GetTempPath(), "orleansflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Options whose directories all live under <see cref="Root"/>, with a private port.</summary>
    public BlockStoreOptions Options(string name, long memoryCapacity = 256L << 20, bool sharedMemory = true) => new()
    {
        MemoryCapacityBytes = memoryCapacity,
        SpillDirectory = Path.Combine(Root, name, "spill"),
        DiskDirectory = Path.Combine(Root, "disk"),
        EnableSharedMemory = sharedMemory,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
