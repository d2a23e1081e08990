namespace OrleansFlow.Abstractions.Jobs;

/// <summary>One stage of tasks that do nothing: what is left of their time is the fabric's own dispatch cost.</summary>
[GenerateSerializer, Immutable]
public sealed record NoopArgs : JobArgs
{
    public override string Kind => JobKinds.Noop;

    [Id(0)] public int Tasks { get; init; } = 1;

    /// <summary>CPU each task burns (in a few pieces, between awaits): a known load for checking the bill.</summary>
    [Id(1)] public TimeSpan BurnCpu { get; init; }

    public override void Validate()
    {
        if (Tasks < 1)
            throw new ArgumentException($"parameter tasks must be a positive whole number (was '{Tasks}')");
        if (BurnCpu < TimeSpan.Zero)
            throw new ArgumentException($"BurnCpu must not be negative (was {BurnCpu})");
    }
}
