namespace OrleansFlow.Datagen;

/// <summary>What a generation wrote.</summary>
/// <param name="OutputDir">Absolute path of the folder holding one sub-folder per table.</param>
/// <param name="RowCounts">Rows written per table name.</param>
public sealed record DatagenResult(string OutputDir, IReadOnlyDictionary<string, long> RowCounts);
