using System.Globalization;
using OrleansFlow.Abstractions.Jobs;
using OrleansFlow.Sql.Physical;

namespace OrleansFlow.Grains.Sql;

/// <summary>What every task of a SQL job carries: the query text, the data folder and the partition count — enough
/// for a worker to re-plan the query deterministically — and how many producer tasks feed each exchange.</summary>
internal static class SqlTaskParameters
{
    public const string Query = "query";
    public const string Data = "data";
    public const string Partitions = "partitions";
    public const string Stage = "stage";
    /// <summary>Tables estimated below this many rows are broadcast instead of repartitioned (optional).</summary>
    public const string BroadcastRows = "broadcast-rows";

    public static string ProducersKey(int exchangeId) => $"producers.x{exchangeId}";

    public static string ShuffleName(int exchangeId) => $"x{exchangeId}";

    public static (string Query, string Data, PhysicalOptions Options, int StageId) Read(TaskSpec task) => (
        task.Parameters[Query],
        task.Parameters[Data],
        Options(task.Parameters),
        int.Parse(task.Parameters[Stage], CultureInfo.InvariantCulture));

    /// <summary>The physical options every task must plan with, so that all of them see the same stages.</summary>
    public static PhysicalOptions Options(IReadOnlyDictionary<string, string> parameters)
    {
        var options = new PhysicalOptions(Partitions: int.Parse(parameters[Partitions], CultureInfo.InvariantCulture));
        return parameters.TryGetValue(BroadcastRows, out var rows)
            ? options with { BroadcastRowLimit = double.Parse(rows, CultureInfo.InvariantCulture) }
            : options;
    }
}
