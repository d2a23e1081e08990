namespace OrleansFlow.Abstractions.Jobs;

/// <summary>A silo that left gracefully while a job ran: how many of the job's blocks it copied to the silos that stay
/// (readers were pointed at the copies, so nothing ran again) and how long its drain had taken when they were moved.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloDrainRecord(
    [property: Id(0)] string Silo,
    [property: Id(1)] int BlocksMoved,
    [property: Id(2)] long BytesMoved,
    [property: Id(3)] TimeSpan DrainTime);
