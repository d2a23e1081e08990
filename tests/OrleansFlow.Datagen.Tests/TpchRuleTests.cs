namespace OrleansFlow.Datagen.Tests;

/// <summary>
/// Key relationships and value rules of the specification (clause 4.2.3), each an SQL count of violating rows that
/// must be 0, evaluated by DuckDB over the files.
/// </summary>
public sealed class TpchRuleTests(TpchFixture data) : IClassFixture<TpchFixture>
{
    public static TheoryData<string, string> Violations => new()
    {
        // Primary keys are unique.
        { "unique o_orderkey", "SELECT count(*) - count(DISTINCT o_orderkey) FROM orders" },
        { "unique (l_orderkey, l_linenumber)", "SELECT count(*) - count(DISTINCT (l_orderkey, l_linenumber)) FROM lineitem" },
        { "unique (ps_partkey, ps_suppkey)", "SELECT count(*) - count(DISTINCT (ps_partkey, ps_suppkey)) FROM partsupp" },
        { "keys 1..N", "SELECT (SELECT max(p_partkey) - count(*) FROM part) + (SELECT max(s_suppkey) - count(*) FROM supplier) " +
            "+ (SELECT max(c_custkey) - count(*) FROM customer)" },
        // Foreign keys reference existing rows.
        { "lineitem -> orders", "SELECT count(*) FROM lineitem ANTI JOIN orders ON l_orderkey = o_orderkey" },
        { "lineitem -> partsupp", "SELECT count(*) FROM lineitem ANTI JOIN partsupp ON l_partkey = ps_partkey AND l_suppkey = ps_suppkey" },
        { "orders -> customer", "SELECT count(*) FROM orders ANTI JOIN customer ON o_custkey = c_custkey" },
        { "partsupp -> part", "SELECT count(*) FROM partsupp ANTI JOIN part ON ps_partkey = p_partkey" },
        { "partsupp -> supplier", "SELECT count(*) FROM partsupp ANTI JOIN supplier ON ps_suppkey = s_suppkey" },
        { "supplier -> nation", "SELECT count(*) FROM supplier ANTI JOIN nation ON s_nationkey = n_nationkey" },
        { "customer -> nation", "SELECT count(*) FROM customer ANTI JOIN nation ON c_nationkey = n_nationkey" },
        { "nation -> region", "SELECT count(*) FROM nation ANTI JOIN region ON n_regionkey = r_regionkey" },
        { "4 suppliers per part", "SELECT count(*) FROM (SELECT ps_partkey FROM partsupp GROUP BY ps_partkey HAVING count(*) <> 4)" },
        // Value domains.
        { "sparse order keys", "SELECT count(*) FROM orders WHERE (o_orderkey - 1) % 32 >= 8" },
        { "o_custkey not a multiple of 3", "SELECT count(*) FROM orders WHERE o_custkey % 3 = 0" },
        { "o_orderdate range", "SELECT count(*) FROM orders WHERE o_orderdate NOT BETWEEN DATE '1992-01-01' AND DATE '1998-08-02'" },
        { "l_shipdate = o_orderdate + 1..121", "SELECT count(*) FROM lineitem JOIN orders ON l_orderkey = o_orderkey " +
            "WHERE l_shipdate - o_orderdate NOT BETWEEN 1 AND 121" },
        { "l_commitdate = o_orderdate + 30..90", "SELECT count(*) FROM lineitem JOIN orders ON l_orderkey = o_orderkey " +
            "WHERE l_commitdate - o_orderdate NOT BETWEEN 30 AND 90" },
        { "l_receiptdate = l_shipdate + 1..30", "SELECT count(*) FROM lineitem WHERE l_receiptdate - l_shipdate NOT BETWEEN 1 AND 30" },
        { "l_returnflag rule", "SELECT count(*) FROM lineitem WHERE CASE WHEN l_receiptdate <= DATE '1995-06-17' " +
            "THEN l_returnflag NOT IN ('R', 'A') ELSE l_returnflag <> 'N' END" },
        { "l_linestatus rule", "SELECT count(*) FROM lineitem WHERE l_linestatus <> CASE WHEN l_shipdate > DATE '1995-06-17' THEN 'O' ELSE 'F' END" },
        { "l_quantity 1..50", "SELECT count(*) FROM lineitem WHERE l_quantity NOT BETWEEN 1 AND 50 OR l_quantity <> round(l_quantity)" },
        { "l_discount 0..0.10", "SELECT count(*) FROM lineitem WHERE l_discount NOT BETWEEN 0 AND 0.10" },
        { "l_tax 0..0.08", "SELECT count(*) FROM lineitem WHERE l_tax NOT BETWEEN 0 AND 0.08" },
        { "l_extendedprice = l_quantity * p_retailprice", "SELECT count(*) FROM lineitem JOIN part ON l_partkey = p_partkey " +
            "WHERE l_extendedprice <> l_quantity * p_retailprice" },
        { "p_retailprice formula", "SELECT count(*) FROM part WHERE p_retailprice * 100 <> " +
            "90000 + (p_partkey // 10) % 20001 + 100 * (p_partkey % 1000)" },
        { "o_totalprice = sum of charged lines", "SELECT count(*) FROM orders JOIN (SELECT l_orderkey, " +
            "sum(round(l_extendedprice * (1 - l_discount) * (1 + l_tax), 2)) AS total FROM lineitem GROUP BY l_orderkey) " +
            "ON o_orderkey = l_orderkey WHERE o_totalprice <> total" },
        { "o_orderstatus from line statuses", "SELECT count(*) FROM orders JOIN (SELECT l_orderkey, " +
            "CASE WHEN bool_and(l_linestatus = 'F') THEN 'F' WHEN bool_and(l_linestatus = 'O') THEN 'O' ELSE 'P' END AS status " +
            "FROM lineitem GROUP BY l_orderkey) ON o_orderkey = l_orderkey WHERE o_orderstatus <> status" },
        { "p_size 1..50", "SELECT count(*) FROM part WHERE p_size NOT BETWEEN 1 AND 50" },
        { "p_name five distinct colours", "SELECT count(*) FROM part WHERE len(list_distinct(string_split(p_name, ' '))) <> 5" },
        { "p_brand matches p_mfgr", "SELECT count(*) FROM part WHERE substr(p_brand, 7, 1) <> substr(p_mfgr, 14, 1) " +
            "OR p_brand NOT SIMILAR TO 'Brand#[1-5][1-5]'" },
        { "ps_availqty 1..9999", "SELECT count(*) FROM partsupp WHERE ps_availqty NOT BETWEEN 1 AND 9999" },
        { "ps_supplycost 1..1000", "SELECT count(*) FROM partsupp WHERE ps_supplycost NOT BETWEEN 1 AND 1000" },
        { "acctbal range", "SELECT (SELECT count(*) FROM customer WHERE c_acctbal NOT BETWEEN -999.99 AND 9999.99) + " +
            "(SELECT count(*) FROM supplier WHERE s_acctbal NOT BETWEEN -999.99 AND 9999.99)" },
        { "phone country code = nation + 10", "SELECT count(*) FROM customer WHERE c_phone NOT SIMILAR TO '[0-9]{2}-[0-9]{3}-[0-9]{3}-[0-9]{4}' " +
            "OR CAST(substr(c_phone, 1, 2) AS INT) <> c_nationkey + 10" },
        { "names", "SELECT (SELECT count(*) FROM customer WHERE c_name <> 'Customer#' || lpad(CAST(c_custkey AS VARCHAR), 9, '0')) + " +
            "(SELECT count(*) FROM supplier WHERE s_name <> 'Supplier#' || lpad(CAST(s_suppkey AS VARCHAR), 9, '0'))" },
        { "comment lengths", "SELECT count(*) FROM lineitem WHERE length(l_comment) NOT BETWEEN 10 AND 43" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Rule_holds(string rule, string violationsSql)
    {
        Assert.True(data.Db.Scalar<long>(violationsSql) == 0, $"rule '{rule}' is violated");
    }

    [Theory]
    [InlineData("SELECT DISTINCT c_mktsegment FROM customer", "AUTOMOBILE,BUILDING,FURNITURE,HOUSEHOLD,MACHINERY")]
    [InlineData("SELECT DISTINCT o_orderpriority FROM orders", "1-URGENT,2-HIGH,3-MEDIUM,4-NOT SPECIFIED,5-LOW")]
    [InlineData("SELECT DISTINCT l_shipmode FROM lineitem", "AIR,FOB,MAIL,RAIL,REG AIR,SHIP,TRUCK")]
    [InlineData("SELECT DISTINCT l_shipinstruct FROM lineitem", "COLLECT COD,DELIVER IN PERSON,NONE,TAKE BACK RETURN")]
    [InlineData("SELECT DISTINCT l_returnflag FROM lineitem", "A,N,R")]
    [InlineData("SELECT DISTINCT o_orderstatus FROM orders", "F,O,P")]
    [InlineData("SELECT DISTINCT split_part(p_type, ' ', 3) FROM part", "BRASS,COPPER,NICKEL,STEEL,TIN")]
    [InlineData("SELECT DISTINCT split_part(p_container, ' ', 1) FROM part", "JUMBO,LG,MED,SM,WRAP")]
    [InlineData("SELECT DISTINCT r_name FROM region", "AFRICA,AMERICA,ASIA,EUROPE,MIDDLE EAST")]
    [InlineData("SELECT DISTINCT n_name FROM nation JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA'",
        "CHINA,INDIA,INDONESIA,JAPAN,VIETNAM")]
    [InlineData("SELECT DISTINCT n_name FROM nation JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'EUROPE'",
        "FRANCE,GERMANY,ROMANIA,RUSSIA,UNITED KINGDOM")]
    public void Word_lists_are_the_specifications(string sql, string expected)
    {
        var values = data.Db.Rows(sql).Select(r => (string)r[0]!).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(",", values));
    }

    [Fact]
    public void All_150_part_types_and_40_containers_occur()
    {
        Assert.Equal(150L, data.Db.Scalar<long>("SELECT count(DISTINCT p_type) FROM part"));
        Assert.Equal(40L, data.Db.Scalar<long>("SELECT count(DISTINCT p_container) FROM part"));
        Assert.Equal(25L, data.Db.Scalar<long>("SELECT count(DISTINCT p_brand) FROM part"));
    }
}
