namespace OrleansFlow.Datagen.Tests;

/// <summary>Row counts read back by DuckDB against the specification's sizes (SF 1 sizes × 0.1 where they scale).</summary>
public sealed class TpcdsRowCountTests(TpcdsFixture data) : IClassFixture<TpcdsFixture>
{
    [Theory]
    [InlineData("date_dim", 73_049)]
    [InlineData("time_dim", 86_400)]
    [InlineData("customer_demographics", 1_920_800)]
    [InlineData("household_demographics", 7_200)]
    [InlineData("store", 12)]
    [InlineData("warehouse", 5)]
    [InlineData("web_page", 60)]
    [InlineData("catalog_page", 11_718)]
    [InlineData("promotion", 300)]
    [InlineData("item", 1_800)]
    [InlineData("customer", 10_000)]
    [InlineData("customer_address", 5_000)]
    public void Dimensions_have_their_size(string table, long expected)
    {
        Assert.Equal(expected, data.Db.Scalar<long>($"SELECT count(*) FROM {table}"));
        Assert.Equal(expected, data.Result.RowCounts[table]);
    }

    [Theory]
    [InlineData("store_sales", 2_880_404)]
    [InlineData("catalog_sales", 1_441_548)]
    [InlineData("web_sales", 719_384)]
    [InlineData("store_returns", 287_514)]
    [InlineData("catalog_returns", 144_067)]
    [InlineData("web_returns", 71_763)]
    public void Facts_are_within_three_percent_of_the_spec_count_scaled(string table, long atScaleOne)
    {
        var rows = data.Db.Scalar<long>($"SELECT count(*) FROM {table}");
        Assert.InRange(rows, atScaleOne * TpcdsFixture.ScaleFactor * 0.97, atScaleOne * TpcdsFixture.ScaleFactor * 1.03);
        Assert.Equal(rows, data.Result.RowCounts[table]);
    }
}
