using OrleansFlow.Sql.Output;

namespace OrleansFlow.Sql.Tests;

public sealed class OutputTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public void Csv_has_header_iso_dates_decimal_scale_and_empty_nulls()
    {
        var result = SqlEngine.Execute(
            "select id, d, dt, x, g, f, b from t1 where id in (1, 11, 13) order by id", db.Catalog);
        var expected = string.Concat(db.Query(
            "select id, d::varchar, strftime(dt, '%Y-%m-%d'), x, g, f, b from t1 where id in (1, 11, 13) order by id")
            .Select(r => string.Join(",", r.Select(v => v switch { null => "", double f => ValueTextOf(f), bool b => b ? "true" : "false", _ => v.ToString() })) + "\n"));
        Assert.Equal("id,d,dt,x,g,f,b\n" + expected, CsvFormatter.Format(result));
    }

    private static string ValueTextOf(double f) => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Csv_quotes_separators_and_keeps_empty_strings_apart_from_null()
    {
        var result = SqlEngine.Execute("select 'a,b' as x, '' as y, null as z, 'say \"hi\"' as w", db.Catalog);
        Assert.Equal("x,y,z,w\n\"a,b\",\"\",,\"say \"\"hi\"\"\"\n", CsvFormatter.Format(result));
    }

    [Fact]
    public void Table_shows_null_and_row_count()
    {
        var text = TableFormatter.Format(SqlEngine.Execute("select k, label from t3 order by k nulls first", db.Catalog));
        Assert.Contains("| NULL | null-key |", text);
        Assert.Contains("| int  | varchar  |", text);
        Assert.EndsWith("5 rows\n", text);
    }

    [Fact]
    public void Json_writes_decimals_with_scale()
    {
        var json = JsonFormatter.Format(SqlEngine.Execute("select cast(1.5 as decimal(5,2)) as m, date '2001-02-03' as d, null as n", db.Catalog));
        Assert.Equal("[{\"m\":1.50,\"d\":\"2001-02-03\",\"n\":null}]", json);
    }
}
