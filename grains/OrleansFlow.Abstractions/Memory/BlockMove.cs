namespace OrleansFlow.Abstractions.Memory;

/// <summary>A block copied off a silo that is leaving: readers of <see cref="FromBlockId"/> are pointed at <see cref="To"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record BlockMove([property: Id(0)] string FromBlockId, [property: Id(1)] BlockDescriptor To);
