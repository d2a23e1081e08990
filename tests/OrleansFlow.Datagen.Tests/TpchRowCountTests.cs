namespace OrleansFlow.Datagen.Tests;

/// <summary>Row counts read back by DuckDB against the specification's formulas (clause 4.2.5).</summary>
public sealed class TpchRowCountTests(TpchFixture data) : IClassFixture<TpchFixture>
{
    [Theory]
    [InlineData("region", 5)]
    [InlineData("nation", 25)]
    [InlineData("supplier", 10_000 * TpchFixture.ScaleFactor)]
    [InlineData("part", 200_000 * TpchFixture.ScaleFactor)]
    [InlineData("partsupp", 800_000 * TpchFixture.ScaleFactor)]
    [InlineData("customer", 150_000 * TpchFixture.ScaleFactor)]
    [InlineData("orders", 1_500_000 * TpchFixture.ScaleFactor)]
    public void Fixed_size_tables_have_the_spec_row_count(string table, double expected)
    {
        Assert.Equal((long)expected, data.Db.Scalar<long>($"SELECT count(*) FROM {table}"));
        Assert.Equal((long)expected, data.Result.RowCounts[table]);
    }

    [Fact]
    public void Lineitem_has_one_to_seven_lines_per_order_about_four_on_average()
    {
        var perOrder = data.Db.Rows(
            "SELECT min(n), max(n), avg(n), sum(n) FROM (SELECT count(*) AS n FROM lineitem GROUP BY l_orderkey)")[0];
        Assert.Equal(1L, Num.Long(perOrder[0]));
        Assert.Equal(7L, Num.Long(perOrder[1]));
        Assert.InRange((double)Num.Dec(perOrder[2]), 3.9, 4.1);
        Assert.Equal(Num.Long(perOrder[3]), data.Result.RowCounts["lineitem"]);
        Assert.Equal(0L, data.Db.Scalar<long>(
            "SELECT count(*) FROM orders WHERE o_orderkey NOT IN (SELECT l_orderkey FROM lineitem)"));
    }

    [Fact]
    public void Line_numbers_run_from_one_without_gaps()
    {
        Assert.Equal(0L, data.Db.Scalar<long>(
            "SELECT count(*) FROM (SELECT l_orderkey, max(l_linenumber) AS m, count(*) AS n, count(DISTINCT l_linenumber) AS d " +
            "FROM lineitem GROUP BY l_orderkey) WHERE m <> n OR d <> n"));
    }
}
