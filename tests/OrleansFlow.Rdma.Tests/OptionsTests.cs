namespace OrleansFlow.Rdma.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData(nameof(BlockStoreOptions.DataPort), "DataPort must be 0..65535")]
    [InlineData(nameof(BlockStoreOptions.MemoryCapacityBytes), "MemoryCapacityBytes must be positive")]
    [InlineData(nameof(BlockStoreOptions.ReplicationFactor), "ReplicationFactor must be at least 1")]
    [InlineData(nameof(BlockStoreOptions.DiskDirectory), "DiskDirectory must be a directory path")]
    [InlineData(nameof(BlockStoreOptions.RedisConfiguration), "RedisConfiguration must be null or")]
    public void Each_bad_setting_is_named(string setting, string expected)
    {
        var options = new BlockStoreOptions();
        switch (setting)
        {
            case nameof(BlockStoreOptions.DataPort): options.DataPort = 70_000; break;
            case nameof(BlockStoreOptions.MemoryCapacityBytes): options.MemoryCapacityBytes = 0; break;
            case nameof(BlockStoreOptions.ReplicationFactor): options.ReplicationFactor = 0; break;
            case nameof(BlockStoreOptions.DiskDirectory): options.DiskDirectory = " "; break;
            case nameof(BlockStoreOptions.RedisConfiguration): options.RedisConfiguration = ""; break;
        }

        var error = Assert.Throws<ArgumentException>(() => BlockStoreOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task A_job_id_that_could_leave_its_directory_is_refused(string jobId)
    {
        using var dirs = new TestDirectories();
        using var node = new TierNode(dirs.Options("n"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => node.Disk.AllocateAsync(jobId, 1, 10).AsTask());
        Assert.Contains(jobId, error.Message);
    }
}
