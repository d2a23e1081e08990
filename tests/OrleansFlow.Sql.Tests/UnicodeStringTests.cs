namespace OrleansFlow.Sql.Tests;

/// <summary>
/// String functions on ASCII, accented (precomposed and combining), CJK, emoji (ZWJ sequences, flags) and other
/// text, on DuckDB and on the engine over the same Parquet rows: lengths and positions count code points,
/// reverse keeps grapheme clusters, upper/lower map code points as DuckDB does, LIKE's _ is one code point,
/// and strings order by code point (UTF-8 byte order), in comparisons, sorting, min/max and row-group pruning.
/// </summary>
public sealed class UnicodeStringTests(EdgeCaseDatabase db) : IClassFixture<EdgeCaseDatabase>
{
    [Theory]
    [InlineData("select id, s, length(s) from u")]
    [InlineData("select id, char_length(s), character_length(s) from u")]
    [InlineData("select id, upper(s), lower(s) from u")]
    [InlineData("select id, reverse(s) from u")]
    [InlineData("select id, trim(s), ltrim(s), rtrim(s) from u")]
    [InlineData("select id, substring(s, 2, 3), substring(s, 1, 1), substr(s, 3), substring(s from 2 for 100) from u")]
    [InlineData("select id, substring(s, -2, 2), substring(s, -1), substring(s, 2, -1) from u where length(s) >= 3")]
    [InlineData("select id, s like '_', s like '__', s like 'a_b', s like '%_', s like '_é%', s like '%🎉%' from u")]
    [InlineData("select id, s like '___', s not like '____%' from u")]
    [InlineData("select id, replace(s, '🎉', '!'), contains(s, '🎉'), starts_with(s, 'e'), concat(s, '|', s) from u")]
    [InlineData("select id, s || '🎉', length(s || '🎉') from u")]
    [InlineData("select id from u where s > 'ｚ'")]
    [InlineData("select id from u where s > 'Z' and s < 'a'")]
    [InlineData("select id from u where s >= '\uE000'")]
    [InlineData("select id from u where s > 'Z'")]
    [InlineData("select min(s), max(s), count(distinct s) from u")]
    [InlineData("select length(s), count(*) from u group by length(s)")]
    public void Matches_duckdb(string sql)
    {
        ResultComparer.AssertSame(db.Query(sql), SqlEngine.Execute(sql, db.Catalog).Rows(), false, sql);
    }

    [Theory]
    [InlineData("select s from u order by s")]
    [InlineData("select s from u order by s desc")]
    [InlineData("select id, s from u order by reverse(s), id")]
    public void Orders_as_duckdb(string sql)
    {
        ResultComparer.AssertSame(db.Query(sql), SqlEngine.Execute(sql, db.Catalog).Rows(), true, sql);
    }

    [Theory]
    // Offsets and lengths that reach outside the string: a window on the code points, intersected with the string.
    [InlineData("select substring('héllo', -10, 3), substring('héllo', -10, 8), substring('héllo', 8, -5), substring('héllo', 0, 2)")]
    [InlineData("select substring('a🎉b', 2, 1), substring('a🎉b', -2, 1), substring('a🎉b', 0), substring('a🎉b', 3, -2)")]
    [InlineData("select substring('hello', -10, 3), substring('hello', 0, 1), substring('hello', 0, 0), substring('hello', 6)")]
    [InlineData("select length('héllo 🎉'), length('e\u0301'), length('👨‍👩‍👧'), length(''), upper('straße'), lower('İ'), upper('ı')")]
    [InlineData("select reverse('a🎉b'), reverse('e\u0301x'), reverse('👨‍👩‍👧x'), reverse('🇫🇷🇩🇪🇫'), reverse('x\r\ny'), reverse('e\u0301\r\n')")]
    [InlineData("select reverse('👍🏽x'), reverse('각\u1100\u1161'), reverse('\u0644\u0627'), reverse('a\u200Db')")]
    [InlineData("select '🎉' like '%__', 'a🎉' like '%__', '🎉x' like '%_x', '🎉' like '_', '🎉🎉' like '%_%_%', '🎉' like '%_%_%'")]
    public void Constants_match_duckdb(string sql)
    {
        ResultComparer.AssertSame(db.Query(sql), SqlEngine.Execute(sql, db.Catalog).Rows(), true, sql);
    }

    [Theory]
    [InlineData("select substring(s, 4294967296, 1) from u", "substring offset 4294967296 is outside the supported range (> 4294967295)")]
    [InlineData("select substring(s, -4294967297) from u", "substring offset -4294967297 is outside the supported range (< -4294967296)")]
    [InlineData("select substring(s, 1, 9223372036854775807) from u", "substring length 9223372036854775807 is outside the supported range (> 4294967295)")]
    public void Substring_bounds_fail_as_in_duckdb(string sql, string error)
    {
        Assert.Contains("Out of Range Error: Substring", Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => db.Query(sql)).Message);
        Assert.Equal(error, Assert.Throws<Execution.SqlExecutionException>(() => SqlEngine.Execute(sql, db.Catalog)).Message);
    }
}
