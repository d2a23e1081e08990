namespace OrleansFlow.Abstractions.Cluster;

/// <summary>What <c>orleansflow bench tier</c> asks a silo to measure.</summary>
[GenerateSerializer, Immutable]
public sealed record TierBenchmarkRequest(
    [property: Id(0)] IReadOnlyList<int> BlockSizes,
    [property: Id(1)] long TotalBytes,
    [property: Id(2)] IReadOnlyList<string> Targets);

/// <summary>Throughput of one transport or store at one block size, measured on a silo; <see cref="BlocksPerBatch"/>
/// blocks per call (1: one block per call), at the silo machine's 1-minute load average.</summary>
[GenerateSerializer, Immutable]
public sealed record TierBenchmarkRow(
    [property: Id(0)] string Target,
    [property: Id(1)] int BlockSize,
    [property: Id(2)] long Bytes,
    [property: Id(3)] double WriteGBps,
    [property: Id(4)] double ReadGBps,
    [property: Id(5)] int BlocksPerBatch,
    [property: Id(6)] double LoadAverage);
