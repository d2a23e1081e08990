using OrleansFlow.Datagen.Core;
using static OrleansFlow.Datagen.Core.ColumnSpec;

namespace OrleansFlow.Datagen.Tpch;

/// <summary>
/// The eight TPC-H tables (clause 1.4): identifiers int64, integers int32, money and quantities decimal(15,2),
/// dates as date, text as string.
/// </summary>
internal static class TpchSchemas
{
    public static readonly TableSchema Region = new("region",
        Int64("r_regionkey"), String("r_name"), String("r_comment"));

    public static readonly TableSchema Nation = new("nation",
        Int64("n_nationkey"), String("n_name"), Int64("n_regionkey"), String("n_comment"));

    public static readonly TableSchema Supplier = new("supplier",
        Int64("s_suppkey"), String("s_name"), String("s_address"), Int64("s_nationkey"), String("s_phone"),
        Decimal("s_acctbal", 15, 2), String("s_comment"));

    public static readonly TableSchema Customer = new("customer",
        Int64("c_custkey"), String("c_name"), String("c_address"), Int64("c_nationkey"), String("c_phone"),
        Decimal("c_acctbal", 15, 2), String("c_mktsegment"), String("c_comment"));

    public static readonly TableSchema Part = new("part",
        Int64("p_partkey"), String("p_name"), String("p_mfgr"), String("p_brand"), String("p_type"),
        Int32("p_size"), String("p_container"), Decimal("p_retailprice", 15, 2), String("p_comment"));

    public static readonly TableSchema PartSupp = new("partsupp",
        Int64("ps_partkey"), Int64("ps_suppkey"), Int32("ps_availqty"), Decimal("ps_supplycost", 15, 2),
        String("ps_comment"));

    public static readonly TableSchema Orders = new("orders",
        Int64("o_orderkey"), Int64("o_custkey"), String("o_orderstatus"), Decimal("o_totalprice", 15, 2),
        Date("o_orderdate"), String("o_orderpriority"), String("o_clerk"), Int32("o_shippriority"),
        String("o_comment"));

    public static readonly TableSchema LineItem = new("lineitem",
        Int64("l_orderkey"), Int64("l_partkey"), Int64("l_suppkey"), Int32("l_linenumber"),
        Decimal("l_quantity", 15, 2), Decimal("l_extendedprice", 15, 2), Decimal("l_discount", 15, 2),
        Decimal("l_tax", 15, 2), String("l_returnflag"), String("l_linestatus"), Date("l_shipdate"),
        Date("l_commitdate"), Date("l_receiptdate"), String("l_shipinstruct"), String("l_shipmode"),
        String("l_comment"));

    public static readonly TableSchema[] All = [Region, Nation, Supplier, Customer, Part, PartSupp, Orders, LineItem];
}
