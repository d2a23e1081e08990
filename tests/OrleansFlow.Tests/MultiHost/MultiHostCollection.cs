namespace OrleansFlow.Tests.MultiHost;

/// <summary>The multi-host tests run one at a time: each builds its own network of namespaces and silo processes,
/// and a machine of two cores runs one such cluster well.</summary>
[CollectionDefinition(nameof(MultiHostCollection), DisableParallelization = true)]
public sealed class MultiHostCollection;
