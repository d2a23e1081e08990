namespace OrleansFlow.Datagen.Core;

/// <summary>One unit of parallel work: writes one part of one table (or of a group of tables generated together).</summary>
/// <param name="Label">Table or table group, for progress reports.</param>
/// <param name="Run">Writes the part; returns the number of rows written over all its tables.</param>
internal sealed record PartJob(string Label, Func<CancellationToken, Task<long>> Run)
{
    /// <summary>Adds one job per part 0 … parts − 1 of a table (group).</summary>
    public static void AddParts(
        List<PartJob> jobs, string label, int parts, Func<int, CancellationToken, Task<long>> write)
    {
        for (var p = 0; p < parts; p++)
        {
            var part = p;
            jobs.Add(new PartJob(label, t => write(part, t)));
        }
    }
}
