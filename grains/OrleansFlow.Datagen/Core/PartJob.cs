namespace OrleansFlow.Datagen.Core;

/// <summary>One unit of parallel work: writes one part of one table (or of a group of tables generated together).</summary>
/// <param name="Label">Table or table group, for progress reports.</param>
/// <param name="Run">Writes the part; returns the number of rows written over all its tables.</param>
internal sealed record PartJob(string Label, Func<CancellationToken, Task<long>> Run);
