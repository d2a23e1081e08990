namespace OrleansFlow.Datagen.Tests;

/// <summary>The TPC-H queries the SQL engine is checked with return meaningful results on the generated data.</summary>
public sealed class TpchQueryTests(TpchFixture data) : IClassFixture<TpchFixture>
{
    [Fact]
    public void Q1_returns_the_four_flag_status_groups()
    {
        var rows = data.Db.Rows(Queries.Read("tpch-q01"));
        Assert.Equal(["A F", "N F", "N O", "R F"], rows.Select(r => $"{r[0]} {r[1]}"));
        Assert.All(rows, r => Assert.True(Num.Dec(r[2]) > 0));
    }

    [Theory]
    [InlineData("tpch-q03", 10)]
    [InlineData("tpch-q10", 20)]
    public void Top_n_queries_fill_their_limit(string query, int limit)
    {
        var rows = data.Db.Rows(Queries.Read(query));
        Assert.Equal(limit, rows.Count);
        Assert.All(rows, r => Assert.True(Num.Dec(r[query == "tpch-q03" ? 1 : 2]) > 0));
    }

    [Fact]
    public void Q5_returns_asian_nations()
    {
        var rows = data.Db.Rows(Queries.Read("tpch-q05"));
        Assert.InRange(rows.Count, 3, 5);
        Assert.All(rows, r => Assert.Contains((string)r[0]!, new[] { "CHINA", "INDIA", "INDONESIA", "JAPAN", "VIETNAM" }));
    }

    [Theory]
    [InlineData("tpch-q06")]
    [InlineData("tpch-q19")]
    public void Revenue_queries_return_positive_revenue(string query)
    {
        var rows = data.Db.Rows(Queries.Read(query));
        Assert.Single(rows);
        Assert.NotNull(rows[0][0]);
        Assert.True(Num.Dec(rows[0][0]) > 0);
    }

    [Fact]
    public void Q12_counts_both_ship_modes()
    {
        var rows = data.Db.Rows(Queries.Read("tpch-q12"));
        Assert.Equal(["MAIL", "SHIP"], rows.Select(r => (string)r[0]!));
        Assert.All(rows, r => Assert.True(Num.Dec(r[1]) > 0 && Num.Dec(r[2]) > 0));
    }

    [Fact]
    public void Q14_promo_share_is_about_one_sixth()
    {
        // PROMO is one of six first syllables of p_type.
        var share = (double)Num.Dec(data.Db.Rows(Queries.Read("tpch-q14"))[0][0]);
        Assert.InRange(share, 10.0, 24.0);
    }
}
