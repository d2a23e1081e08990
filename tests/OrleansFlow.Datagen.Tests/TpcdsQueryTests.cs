namespace OrleansFlow.Datagen.Tests;

/// <summary>TPC-DS query 77 returns all three channels on the generated SF 0.1 data.</summary>
public sealed class TpcdsQueryTests(TpcdsFixture data) : IClassFixture<TpcdsFixture>
{
    [Fact]
    public void Q77_returns_rows_for_every_channel_and_the_rollup()
    {
        var rows = data.Db.Rows(Queries.Read("tpcds-q77-duckdb"));
        // Rollup of (channel, id): 12 stores, 6 call centres and the NULL call centre (the catalog side does not join
        // a dimension, so its NULL keys form a group), 60 web pages, a subtotal per channel and a grand total.
        Assert.Equal(12 + 1 + 7 + 1 + 60 + 1 + 1, rows.Count);
        Assert.Equal(2, rows.Count(r => (string?)r[0] == "catalog channel" && r[1] is null));
        var channels = rows.Select(r => r[0] as string).Distinct().ToList();
        Assert.Equal(["catalog channel", "store channel", "web channel", null], channels);
        Assert.Equal(12, rows.Count(r => (string?)r[0] == "store channel" && r[1] is not null));
        Assert.Equal(6, rows.Count(r => (string?)r[0] == "catalog channel" && r[1] is not null));
        Assert.Equal(60, rows.Count(r => (string?)r[0] == "web channel" && r[1] is not null));
        Assert.All(rows, r => Assert.True(Num.Dec(r[2]) > 0, "every group has sales"));
        Assert.Contains(rows, r => (string?)r[0] == "store channel" && Num.Dec(r[3]) > 0);
        Assert.Contains(rows, r => (string?)r[0] == "web channel" && r[1] is not null && Num.Dec(r[3]) > 0);
    }

    /// <summary>
    /// tpcds-q77.sql keeps the specification's text; DuckDB needs two spellings changed. Both files must otherwise
    /// be the same query.
    /// </summary>
    [Fact]
    public void Q77_duckdb_text_differs_only_in_spelling()
    {
        static string Body(string text) => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        var spec = Body(Queries.Read("tpcds-q77"));
        var duck = Body(Queries.Read("tpcds-q77-duckdb"));
        Assert.Equal(6, spec.Split("+ 30 days)").Length - 1);
        Assert.Equal(
            spec.Replace("+ 30 days)", "+ INTERVAL 30 DAY)").Replace("coalesce(returns, 0) returns", "coalesce(returns, 0) as returns"),
            duck);
    }
}
