using System.Diagnostics;
using System.Globalization;

namespace OrleansFlow.Rdma.Tests;

/// <summary>Pages tmpfs has given a file, as <c>du</c> counts them: an independent measure of the DRAM a region holds.</summary>
internal static class TmpfsUsage
{
    public static long AllocatedBytes(string path)
    {
        using var du = Process.Start(new ProcessStartInfo("du", ["--block-size=1", path]) { RedirectStandardOutput = true })!;
        var output = du.StandardOutput.ReadToEnd();
        du.WaitForExit();
        return long.Parse(output.Split('\t')[0], CultureInfo.InvariantCulture);
    }
}
