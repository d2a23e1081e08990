using System.Runtime.InteropServices;

namespace OrleansFlow.Testing;

/// <summary>Signal numbers as Linux has them (.NET can handle signals but not send them).</summary>
public enum PosixSignalNumber
{
    Interrupt = 2,
    Kill = 9,
    Terminate = 15,
    Continue = 18,
    Stop = 19,
}

internal static partial class PosixSignals
{
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int signal);
}
