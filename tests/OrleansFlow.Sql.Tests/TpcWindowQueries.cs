namespace OrleansFlow.Sql.Tests;

/// <summary>
/// Window queries in the shapes of TPC-DS q51 (cumulative sums, a full outer join, running max), q47 (average
/// over a partition of grouped sales, lag and lead), q98 (a share of the partition's total) and q67/q70 (rank over a
/// ROLLUP), written over the columns the generated TPC-DS tables have (stores and web pages stand in for items, which
/// <see cref="TpcDatabase"/> does not generate; q51's comparison is turned round because the generated store sales outweigh the web sales, and q47's
/// self-joins for the previous and next month are lag and lead), and two everyday analytics queries over TPC-H. Each orders its
/// result fully, so rows compare in order.
/// </summary>
public static class TpcWindowQueries
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["ds-q51-shape"] = """
            with web_v1 as (
              select ws_web_page_sk item_sk, d_date,
                     sum(sum(ws_ext_sales_price)) over (partition by ws_web_page_sk order by d_date rows between unbounded preceding and current row) cume_sales
              from web_sales, date_dim
              where ws_sold_date_sk = d_date_sk and d_year = 2000 and ws_web_page_sk is not null
              group by ws_web_page_sk, d_date),
            store_v1 as (
              select ss_store_sk item_sk, d_date,
                     sum(sum(ss_ext_sales_price)) over (partition by ss_store_sk order by d_date rows between unbounded preceding and current row) cume_sales
              from store_sales, date_dim
              where ss_sold_date_sk = d_date_sk and d_year = 2000 and ss_store_sk is not null
              group by ss_store_sk, d_date)
            select * from (
              select item_sk, d_date, web_sales, store_sales,
                     max(web_sales) over (partition by item_sk order by d_date rows between unbounded preceding and current row) web_cumulative,
                     max(store_sales) over (partition by item_sk order by d_date rows between unbounded preceding and current row) store_cumulative
              from (select case when web.item_sk is not null then web.item_sk else store.item_sk end item_sk,
                           case when web.d_date is not null then web.d_date else store.d_date end d_date,
                           web.cume_sales web_sales, store.cume_sales store_sales
                    from web_v1 web full outer join store_v1 store on (web.item_sk = store.item_sk and web.d_date = store.d_date)) x) y
            where web_cumulative < store_cumulative
            order by item_sk, d_date
            limit 100
            """,
        ["ds-q47-shape"] = """
            with v1 as (
              select s_store_name, d_year, month(d_date) d_moy, sum(ss_ext_sales_price) sum_sales,
                     avg(sum(ss_ext_sales_price)) over (partition by s_store_name, d_year) avg_monthly_sales,
                     rank() over (partition by s_store_name order by d_year, month(d_date)) rn
              from store_sales, date_dim, store
              where ss_sold_date_sk = d_date_sk and ss_store_sk = s_store_sk
              group by s_store_name, d_year, month(d_date))
            select s_store_name, d_year, d_moy, sum_sales, avg_monthly_sales,
                   lag(sum_sales) over (partition by s_store_name order by rn) psum,
                   lead(sum_sales) over (partition by s_store_name order by rn) nsum
            from v1
            where avg_monthly_sales > 0
            order by sum_sales - avg_monthly_sales, s_store_name, d_year, d_moy
            limit 100
            """,
        ["ds-q98-shape"] = """
            select s_store_name, d_year, sum(ss_ext_sales_price) itemrevenue,
                   sum(ss_ext_sales_price) * 100 / sum(sum(ss_ext_sales_price)) over (partition by d_year) revenueratio
            from store_sales, store, date_dim
            where ss_store_sk = s_store_sk and ss_sold_date_sk = d_date_sk
            group by s_store_name, d_year
            order by d_year, s_store_name
            """,
        ["ds-q67-shape"] = """
            select * from (
              select d_year, s_store_name, sum(ss_net_profit) profit,
                     rank() over (partition by d_year order by sum(ss_net_profit) desc) rk
              from store_sales, store, date_dim
              where ss_store_sk = s_store_sk and ss_sold_date_sk = d_date_sk
              group by rollup(d_year, s_store_name)) t
            where rk <= 3
            order by d_year, rk, s_store_name
            """,
        ["h-top-customers-per-nation"] = """
            select * from (
              select n_name, c_name, sum(o_totalprice) total,
                     rank() over (partition by n_name order by sum(o_totalprice) desc) r
              from customer, orders, nation
              where c_custkey = o_custkey and c_nationkey = n_nationkey
              group by n_name, c_name) t
            where r <= 3
            order by n_name, r, c_name
            """,
        ["h-monthly-revenue"] = """
            select y, m, rev,
                   sum(rev) over (partition by y order by m) running,
                   rev - lag(rev) over (order by y, m) delta,
                   avg(rev) over (order by y, m rows between 2 preceding and current row) moving_avg,
                   ntile(4) over (partition by y order by rev desc, m) quartile
            from (select year(o_orderdate) y, month(o_orderdate) m, sum(o_totalprice) rev from orders group by 1, 2) t
            order by y, m
            """,
    };
}
