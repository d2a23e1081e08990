using System.Runtime.ExceptionServices;

namespace OrleansFlow.Sql.Tests.Limits;

/// <summary>
/// Runs a call on a thread with the stack .NET gives the threads it starts on Linux (thread-pool threads included,
/// where silos plan and run queries): 1.5 MiB. The test runner's own thread may have 8 MiB, which would hide an overflow.
/// </summary>
internal static class SmallStack
{
    public const int ThreadPoolStackBytes = 1536 * 1024;

    public static T Run<T>(Func<T> call, int stackBytes = ThreadPoolStackBytes)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = call();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }, stackBytes);
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    public static TException Throws<TException>(Func<object?> call) where TException : Exception =>
        Assert.Throws<TException>(() => Run(call));
}
