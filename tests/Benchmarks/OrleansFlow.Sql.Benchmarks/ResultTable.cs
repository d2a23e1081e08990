using System.Globalization;
using System.Text;

namespace OrleansFlow.Sql.Benchmarks;

/// <summary>Per-query medians of every runner, ratios to the first runner, and the conditions of the run.</summary>
internal sealed class ResultTable(BenchmarkOptions options)
{
    private readonly List<(BenchmarkQuery Query, List<string> Runners, List<Measurement> Times)> _rows = [];

    public bool RowCountsAgree => _rows.All(r => r.Times.All(t => t.Rows == r.Times[0].Rows));

    public void Add(BenchmarkQuery query, List<string> runners, List<Measurement> times) => _rows.Add((query, runners, times));

    public string ToMarkdown(string arguments)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"`dotnet run -c Release --project tests/Benchmarks/OrleansFlow.Sql.Benchmarks -- {arguments}`");
        text.AppendLine();
        text.AppendLine(inv, $"SF {options.ScaleFactor.ToString(inv)} (real generators), median of {options.Repetitions} runs after a warm-up, " +
            $"{Environment.ProcessorCount} cores, load average at the end: {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        if (_rows.Count == 0) return text.ToString();
        var runners = _rows[0].Runners;
        text.Append("| query | rows |");
        foreach (var r in runners) text.Append(inv, $" {r} ms |");
        foreach (var r in runners.Skip(1)) text.Append(inv, $" {r} / {runners[0]} |");
        text.AppendLine();
        text.Append("|---|---:|").Append(string.Concat(Enumerable.Repeat("---:|", runners.Count * 2 - 1))).AppendLine();
        foreach (var (query, _, times) in _rows)
        {
            string rows = times.All(t => t.Rows == times[0].Rows)
                ? times[0].Rows.ToString(inv)
                : "MISMATCH " + string.Join("/", times.Select(t => t.Rows));
            text.Append(inv, $"| {query.Title} | {rows} |");
            foreach (var t in times) text.Append(inv, $" {t.MedianMs:F0} |");
            foreach (var t in times.Skip(1)) text.Append(inv, $" {t.MedianMs / times[0].MedianMs:F2}× |");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
