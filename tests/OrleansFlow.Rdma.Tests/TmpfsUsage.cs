using System.Globalization;

namespace OrleansFlow.Rdma.Tests;

/// <summary>Pages tmpfs has given a file, as <c>du</c> counts them: an independent measure of the DRAM a region holds.</summary>
internal static class TmpfsUsage
{
    public static long AllocatedBytes(string path)
    {
        var du = ChildProcess.Run("du", ["--block-size=1", path]);
        return long.Parse(du.Stdout.Split('\t')[0], CultureInfo.InvariantCulture);
    }
}
