namespace OrleansFlow.Fabric.Execution;

/// <summary>
/// Runs one task attempt's work on the thread pool and adds up the CPU time of the threads while they run it: the
/// task's bill. The kernel starts on this scheduler, and its awaits, <c>Parallel.For</c> and
/// <c>Task.Factory.StartNew</c> continue on it (they take <see cref="TaskScheduler.Current"/>), so the work it spreads
/// over threads is counted too; <c>LongRunning</c> work gets a thread of its own, counted the same way. Work a kernel
/// sends to <see cref="TaskScheduler.Default"/> (<c>Task.Run</c>) is not counted.
/// </summary>
public sealed class CpuMeteredScheduler : TaskScheduler
{
    [ThreadStatic] private static CpuMeteredScheduler? _running;
    private long _nanoseconds;
    private int _executing;

    /// <summary>CPU the attempt's work has used so far.</summary>
    public TimeSpan CpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds) / 100);

    /// <summary>
    /// CPU of the attempt once the work that completed it has been counted. The kernel's last piece completes the
    /// attempt from inside <see cref="Execute"/>, so whoever awaits the attempt can wake on another thread before that
    /// piece's CPU is added; this waits (spinning, for microseconds) until no piece is still running. Work the kernel
    /// left running after it returned is not waited for beyond <paramref name="patience"/>.
    /// </summary>
    public TimeSpan SettledCpuTime(TimeSpan patience)
    {
        var deadline = Environment.TickCount64 + (long)patience.TotalMilliseconds;
        var spin = new SpinWait();
        while (Volatile.Read(ref _executing) > 0 && Environment.TickCount64 < deadline)
            spin.SpinOnce();
        return CpuTime;
    }

    protected override void QueueTask(Task task)
    {
        if ((task.CreationOptions & TaskCreationOptions.LongRunning) != 0)
            new Thread(() => Execute(task)) { IsBackground = true, Name = "OrleansFlow task" }.Start();
        else
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Self.Execute(state.Task), (Self: this, Task: task), preferLocal: true);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && Execute(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    private bool Execute(Task task)
    {
        // Work of this attempt run inline inside its own metered work is already being counted by the outer run.
        if (_running == this)
            return TryExecuteTask(task);
        var outer = _running;
        _running = this;
        Interlocked.Increment(ref _executing);
        var start = ThreadCpuClock.Nanoseconds();
        try
        {
            return TryExecuteTask(task);
        }
        finally
        {
            Interlocked.Add(ref _nanoseconds, ThreadCpuClock.Nanoseconds() - start);
            Interlocked.Decrement(ref _executing);
            _running = outer;
        }
    }
}
