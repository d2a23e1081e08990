using System.Text.Json;
using OrleansFlow.Engine.Sort;
using OrleansFlow.Tests.Infrastructure;

namespace OrleansFlow.Tests.Cli;

/// <summary>
/// <c>--json</c> on every command that prints a result: stdout is one JSON document and nothing else, names are
/// camelCase, and durations are whole milliseconds in fields whose names end in <c>Ms</c>.
/// </summary>
[Collection(CliClusterCollection.Name)]
public sealed class CliJsonTests(CliCluster cluster) : IDisposable
{
    private readonly TempFolder _folder = new("cli-json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Wordcount_top_words_and_written_counts()
    {
        var input = _folder.File("in/a.txt", "b b b a a c\nA B d\n");
        var top = await JsonAsync(["wordcount", input, "--top", "2", .. cluster.Args]);
        Assert.StartsWith("wordcount-", top.GetProperty("jobId").GetString());
        Assert.True(top.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal(18, top.GetProperty("inputBytes").GetInt64());
        Assert.Equal([("b", 4L), ("a", 3L)], top.GetProperty("top").EnumerateArray().Select(w => (w.GetProperty("text").GetString(), w.GetProperty("count").GetInt64())));

        var output = Path.Combine(_folder.Path, "counts.tsv");
        var written = await JsonAsync(["wordcount", input, "--output", output, .. cluster.Args]);
        Assert.Equal(4, written.GetProperty("distinctWords").GetInt64());
        Assert.Equal(output, written.GetProperty("outputFile").GetString());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("top").ValueKind);

        // The job it ran, as 'job ID --json' and 'jobs --json' show it.
        var jobId = written.GetProperty("jobId").GetString()!;
        var job = await JsonAsync(["job", jobId, .. cluster.Args]);
        Assert.Equal(("succeeded", "wordcount"), (job.GetProperty("status").GetString(), job.GetProperty("name").GetString()));
        Assert.All(job.GetProperty("stages").EnumerateArray(), s => Assert.True(s.GetProperty("durationMs").GetInt64() >= 0));
        Assert.All(job.GetProperty("tasks").EnumerateArray(), t => Assert.True(t.GetProperty("cpuTimeMs").GetInt64() >= 0));
        Assert.True(job.GetProperty("bill").GetProperty("taskMs").GetInt64() >= 0);
        var jobs = await JsonAsync(["jobs", .. cluster.Args]);
        var listed = Assert.Single(jobs.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("jobId").GetString() == jobId);
        Assert.True(listed.GetProperty("durationMs").GetInt64() >= 0);

        var cancel = await JsonAsync(["cancel", jobId, .. cluster.Args]);
        Assert.Equal((jobId, "succeeded"), (cancel.GetProperty("jobId").GetString(), cancel.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Sql_rows_and_explain_stages()
    {
        var data = Path.Combine(_folder.Path, "data");
        _folder.File("data/facts/part-0.csv", "grp,val\na,1\nb,2\na,3\n");
        var sql = await JsonAsync(["sql", "select grp, sum(val) as total from facts group by grp order by grp", "--data", data, "--partitions", "2", .. cluster.Args]);
        Assert.Equal(2, sql.GetProperty("rowCount").GetInt64());
        Assert.Equal([("a", 4L), ("b", 2L)], sql.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("grp").GetString(), r.GetProperty("total").GetInt64())));
        Assert.StartsWith("sql-", sql.GetProperty("jobId").GetString());

        var local = await JsonAsync(["sql", "select count(*) as n from facts", "--data", data, "--local"]);
        Assert.Equal(3, local.GetProperty("rows")[0].GetProperty("n").GetInt64());
        Assert.Equal(JsonValueKind.Null, local.GetProperty("jobId").ValueKind);

        var explain = await JsonAsync(["explain", "select grp, sum(val) from facts group by grp", "--data", data]);
        Assert.NotEmpty(explain.GetProperty("logicalPlan").GetString()!);
        Assert.NotEmpty(explain.GetProperty("physicalPlan").GetString()!);
        Assert.All(explain.GetProperty("stages").EnumerateArray(), s => Assert.NotEmpty(s.GetProperty("plan").GetString()!));
    }

    [Fact]
    public async Task Gensort_sort_and_valsort()
    {
        var input = Path.Combine(_folder.Path, "records");
        var gensort = await JsonAsync(["gensort", "--records", "5000", "--output", input, "--partitions", "2"]);
        Assert.Equal((5000L, 2), (gensort.GetProperty("records").GetInt64(), gensort.GetProperty("files").GetInt32()));

        var output = Path.Combine(_folder.Path, "sorted");
        var sort = await JsonAsync(["sort", "--input", input, "--output", output, .. cluster.Args]);
        Assert.Equal(5000L * SortRecord.Size, sort.GetProperty("inputBytes").GetInt64());
        Assert.NotEmpty(sort.GetProperty("outputFiles").EnumerateArray());
        Assert.All(sort.GetProperty("stages").EnumerateArray(), s => Assert.True(s.GetProperty("durationMs").GetInt64() >= 0));

        var valsort = await JsonAsync(["valsort", output]);
        Assert.True(valsort.GetProperty("sorted").GetBoolean());
        Assert.Equal(gensort.GetProperty("checksum").GetString(), valsort.GetProperty("checksum").GetString());
    }

    [Fact]
    public async Task Ml_metrics_with_epoch_durations_in_milliseconds()
    {
        var ml = await JsonAsync(["ml", "linreg", "--generate", "2000", "--features", "3", "--epochs", "2", "--workers", "1", .. cluster.Args]);
        Assert.Equal("linreg", ml.GetProperty("model").GetString());
        Assert.Equal(3, ml.GetProperty("coefficients").GetArrayLength());
        Assert.Equal(2, ml.GetProperty("epochDurationsMs").GetArrayLength());
        Assert.True(ml.GetProperty("durationMs").GetInt64() > 0);
    }

    [Fact]
    public async Task Cluster_and_datagen()
    {
        var silos = await JsonAsync(["cluster", .. cluster.Args]);
        var silo = Assert.Single(silos.GetProperty("silos").EnumerateArray());
        Assert.Equal(2, silo.GetProperty("taskSlots").GetInt32());

        var datagen = await JsonAsync(["datagen", "tpch", "--sf", "0.001", "--output", Path.Combine(_folder.Path, "tpch")]);
        var tables = datagen.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rows").GetInt64());
        Assert.Equal(1500, tables["orders"]);
        Assert.True(datagen.GetProperty("durationMs").GetInt64() > 0);
    }

    /// <summary>Runs the command with <c>--json</c>, checks stdout is exactly one document and its durations are
    /// milliseconds, and returns its root.</summary>
    private static async Task<JsonElement> JsonAsync(string[] args)
    {
        var run = await CliProcess.RunAsync([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.Output);
        using var document = JsonDocument.Parse(run.Stdout); // throws on anything after the document
        CheckNames(document.RootElement, run.Output);
        return document.RootElement.Clone();
    }

    /// <summary>camelCase names everywhere except inside SQL rows (the query names those columns); every
    /// <c>...Ms</c> a whole number (or a list of them); no TimeSpan text such as "00:00:02.15".</summary>
    private static void CheckNames(JsonElement element, string output, bool rows = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!rows) Assert.True(char.IsLower(property.Name[0]), $"{property.Name} is not camelCase:\n{output}");
                    if (property.Name.EndsWith("Ms", StringComparison.Ordinal))
                    {
                        var values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
                        Assert.All(values, v => Assert.True(v.ValueKind == JsonValueKind.Null || v.TryGetInt64(out _), $"{property.Name} is not whole milliseconds:\n{output}"));
                    }
                    CheckNames(property.Value, output, rows || property.Name == "rows");
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CheckNames(item, output, rows);
                break;
            case JsonValueKind.String:
                Assert.DoesNotMatch(@"^-?(\d+\.)?\d\d:\d\d:\d\d", element.GetString()!);
                break;
        }
    }
}
