using System.Runtime.ExceptionServices;

namespace OrleansFlow.Sql;

/// <summary>
/// Runs the planning passes on a thread of their own with a stack sized for the nesting limit. Thread-pool threads,
/// where silos plan, get 1.5 MiB on Linux; unoptimised (tier-0) code spends ≈ 2.5 KiB of it per level in the parser
/// alone, so a query within <see cref="SqlLimits.DefaultMaxNestingDepth"/> could exhaust it. 64 MiB is reserved,
/// not committed: only the pages a deep query touches cost memory. A thread costs ≈ 0.1 ms, far less than planning.
/// </summary>
internal static class DeepStack
{
    public const int StackBytes = 64 << 20;

    public static T Run<T>(Func<T> call)
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
        }, StackBytes)
        {
            IsBackground = true, // never holds a process open
            Name = "OrleansFlow SQL planner",
        };
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }
}
