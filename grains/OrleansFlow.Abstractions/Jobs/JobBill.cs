namespace OrleansFlow.Abstractions.Jobs;

/// <summary>
/// What a job used, summed over every task attempt (failed, retried and recomputed ones included): the basis of
/// per-millisecond billing. Times are whole milliseconds, as serverless platforms bill them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobBill
{
    [Id(0)] public int Attempts { get; init; }
    /// <summary>Wall time of all attempts (task-milliseconds).</summary>
    [Id(1)] public long TaskMilliseconds { get; init; }
    /// <summary>CPU time of the threads that ran the attempts.</summary>
    [Id(2)] public long CpuMilliseconds { get; init; }
    /// <summary>Time attempts waited for a slot (not billed as compute; shown so a slow job can be told from a queued one).</summary>
    [Id(3)] public long QueuedMilliseconds { get; init; }
    /// <summary>Attempts that did not produce the job's output (failed, lost, recomputed).</summary>
    [Id(4)] public int WastedAttempts { get; init; }

    public static JobBill Of(IEnumerable<TaskReport> attempts)
    {
        var list = attempts.ToList();
        return new JobBill
        {
            Attempts = list.Count,
            TaskMilliseconds = list.Sum(a => Milliseconds(a.Duration)),
            CpuMilliseconds = list.Sum(a => Milliseconds(a.CpuTime)),
            QueuedMilliseconds = list.Sum(a => Milliseconds(a.QueuedFor)),
        };
    }

    /// <summary>Rounded up, as a platform bills a started millisecond.</summary>
    private static long Milliseconds(TimeSpan t) => (long)Math.Ceiling(t.TotalMilliseconds);

    /// <summary>The bill in money at <paramref name="prices"/>.</summary>
    public decimal Cost(PriceTable prices) =>
        TaskMilliseconds / 1000m * prices.PerTaskSecond + CpuMilliseconds / 1000m * prices.PerCpuSecond;
}

/// <summary>Prices, in the operator's currency, that turn a <see cref="JobBill"/> into money (like Lambda's GB-seconds).</summary>
[GenerateSerializer, Immutable]
public sealed record PriceTable([property: Id(0)] decimal PerTaskSecond, [property: Id(1)] decimal PerCpuSecond);
