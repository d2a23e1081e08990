namespace OrleansFlow.Datagen.Tests;

/// <summary>
/// Key relationships and value rules of the generated TPC-DS data, each an SQL count of violating rows that must
/// be 0, evaluated by DuckDB over the files.
/// </summary>
public sealed class TpcdsRuleTests(TpcdsFixture data) : IClassFixture<TpcdsFixture>
{
    public static TheoryData<string, string> Violations => new()
    {
        // Primary keys.
        { "store_sales key", "SELECT count(*) - count(DISTINCT (ss_item_sk, ss_ticket_number)) FROM store_sales" },
        { "catalog_sales key", "SELECT count(*) - count(DISTINCT (cs_item_sk, cs_order_number)) FROM catalog_sales" },
        { "web_sales key", "SELECT count(*) - count(DISTINCT (ws_item_sk, ws_order_number)) FROM web_sales" },
        { "store_returns key", "SELECT count(*) - count(DISTINCT (sr_item_sk, sr_ticket_number)) FROM store_returns" },
        { "dimension keys 1..N", "SELECT (SELECT max(i_item_sk) - count(DISTINCT i_item_sk) FROM item) + " +
            "(SELECT max(c_customer_sk) - count(DISTINCT c_customer_sk) FROM customer) + " +
            "(SELECT max(ca_address_sk) - count(DISTINCT ca_address_sk) FROM customer_address) + " +
            "(SELECT max(cd_demo_sk) - count(DISTINCT cd_demo_sk) FROM customer_demographics)" },
        { "business keys unique", "SELECT (SELECT count(*) - count(DISTINCT i_item_id) FROM item) + " +
            "(SELECT count(*) - count(DISTINCT d_date_id) FROM date_dim) + (SELECT count(*) - count(DISTINCT c_customer_id) FROM customer)" },
        // Returns reference their sale.
        { "store_returns -> store_sales", "SELECT count(*) FROM store_returns ANTI JOIN store_sales " +
            "ON sr_item_sk = ss_item_sk AND sr_ticket_number = ss_ticket_number AND sr_customer_sk IS NOT DISTINCT FROM ss_customer_sk AND sr_store_sk IS NOT DISTINCT FROM ss_store_sk" },
        { "catalog_returns -> catalog_sales", "SELECT count(*) FROM catalog_returns ANTI JOIN catalog_sales " +
            "ON cr_item_sk = cs_item_sk AND cr_order_number = cs_order_number AND cr_call_center_sk IS NOT DISTINCT FROM cs_call_center_sk " +
            "AND cr_refunded_customer_sk IS NOT DISTINCT FROM cs_bill_customer_sk AND cr_returning_customer_sk IS NOT DISTINCT FROM cs_ship_customer_sk" },
        { "web_returns -> web_sales", "SELECT count(*) FROM web_returns ANTI JOIN web_sales " +
            "ON wr_item_sk = ws_item_sk AND wr_order_number = ws_order_number AND wr_web_page_sk IS NOT DISTINCT FROM ws_web_page_sk" },
        { "returned after sold, not more than sold", "SELECT count(*) FROM store_returns JOIN store_sales " +
            "ON sr_item_sk = ss_item_sk AND sr_ticket_number = ss_ticket_number " +
            "WHERE sr_returned_date_sk <= ss_sold_date_sk OR sr_return_quantity > ss_quantity OR sr_return_quantity < 1" },
        { "catalog returned after shipped", "SELECT count(*) FROM catalog_returns JOIN catalog_sales " +
            "ON cr_item_sk = cs_item_sk AND cr_order_number = cs_order_number " +
            "WHERE cr_returned_date_sk <= cs_ship_date_sk OR cs_ship_date_sk <= cs_sold_date_sk OR cr_return_quantity > cs_quantity" },
        // Fact foreign keys reference existing dimension rows.
        { "store_sales dimensions", "SELECT count(*) FROM store_sales WHERE ss_sold_date_sk NOT IN (SELECT d_date_sk FROM date_dim) " +
            "OR ss_sold_time_sk NOT IN (SELECT t_time_sk FROM time_dim) OR ss_item_sk NOT IN (SELECT i_item_sk FROM item) " +
            "OR ss_customer_sk NOT IN (SELECT c_customer_sk FROM customer) OR ss_cdemo_sk NOT IN (SELECT cd_demo_sk FROM customer_demographics) " +
            "OR ss_hdemo_sk NOT IN (SELECT hd_demo_sk FROM household_demographics) OR ss_addr_sk NOT IN (SELECT ca_address_sk FROM customer_address) " +
            "OR ss_store_sk NOT IN (SELECT s_store_sk FROM store) OR ss_promo_sk NOT IN (SELECT p_promo_sk FROM promotion)" },
        { "store_returns dimensions", "SELECT count(*) FROM store_returns WHERE sr_returned_date_sk NOT IN (SELECT d_date_sk FROM date_dim) " +
            "OR sr_return_time_sk NOT IN (SELECT t_time_sk FROM time_dim) OR sr_store_sk NOT IN (SELECT s_store_sk FROM store)" },
        { "catalog_sales dimensions", "SELECT count(*) FROM catalog_sales WHERE cs_sold_date_sk NOT IN (SELECT d_date_sk FROM date_dim) " +
            "OR cs_ship_date_sk NOT IN (SELECT d_date_sk FROM date_dim) OR cs_sold_time_sk NOT IN (SELECT t_time_sk FROM time_dim) " +
            "OR cs_item_sk NOT IN (SELECT i_item_sk FROM item) OR cs_bill_customer_sk NOT IN (SELECT c_customer_sk FROM customer) " +
            "OR cs_ship_customer_sk NOT IN (SELECT c_customer_sk FROM customer) OR cs_bill_addr_sk NOT IN (SELECT ca_address_sk FROM customer_address) " +
            "OR cs_catalog_page_sk NOT IN (SELECT cp_catalog_page_sk FROM catalog_page) OR cs_warehouse_sk NOT IN (SELECT w_warehouse_sk FROM warehouse) " +
            "OR cs_promo_sk NOT IN (SELECT p_promo_sk FROM promotion) OR cs_call_center_sk NOT BETWEEN 1 AND 6 OR cs_ship_mode_sk NOT BETWEEN 1 AND 20" },
        { "catalog_returns dimensions", "SELECT count(*) FROM catalog_returns WHERE cr_returned_date_sk NOT IN (SELECT d_date_sk FROM date_dim) " +
            "OR cr_catalog_page_sk NOT IN (SELECT cp_catalog_page_sk FROM catalog_page) OR cr_returning_addr_sk NOT IN (SELECT ca_address_sk FROM customer_address)" },
        { "web_sales dimensions", "SELECT count(*) FROM web_sales WHERE ws_sold_date_sk NOT IN (SELECT d_date_sk FROM date_dim) " +
            "OR ws_ship_date_sk NOT IN (SELECT d_date_sk FROM date_dim) OR ws_item_sk NOT IN (SELECT i_item_sk FROM item) " +
            "OR ws_bill_customer_sk NOT IN (SELECT c_customer_sk FROM customer) OR ws_web_page_sk NOT IN (SELECT wp_web_page_sk FROM web_page) " +
            "OR ws_warehouse_sk NOT IN (SELECT w_warehouse_sk FROM warehouse) OR ws_promo_sk NOT IN (SELECT p_promo_sk FROM promotion) " +
            "OR ws_ship_hdemo_sk NOT IN (SELECT hd_demo_sk FROM household_demographics)" },
        { "web_returns dimensions", "SELECT count(*) FROM web_returns WHERE wr_returned_date_sk NOT IN (SELECT d_date_sk FROM date_dim) " +
            "OR wr_web_page_sk NOT IN (SELECT wp_web_page_sk FROM web_page) OR wr_refunded_cdemo_sk NOT IN (SELECT cd_demo_sk FROM customer_demographics)" },
        { "customer dimensions", "SELECT count(*) FROM customer WHERE c_current_addr_sk NOT IN (SELECT ca_address_sk FROM customer_address) " +
            "OR c_current_cdemo_sk NOT IN (SELECT cd_demo_sk FROM customer_demographics) " +
            "OR c_current_hdemo_sk NOT IN (SELECT hd_demo_sk FROM household_demographics) " +
            "OR c_first_sales_date_sk NOT IN (SELECT d_date_sk FROM date_dim)" },
        { "promotion item", "SELECT count(*) FROM promotion WHERE p_item_sk NOT IN (SELECT i_item_sk FROM item) OR p_end_date_sk < p_start_date_sk" },
        // Sales dates.
        { "sold between 1998-01-02 and 2003-01-02", "SELECT count(*) FROM store_sales JOIN date_dim ON ss_sold_date_sk = d_date_sk " +
            "WHERE d_date NOT BETWEEN DATE '1998-01-02' AND DATE '2003-01-02'" },
        // Pricing rules.
        { "store pricing", "SELECT count(*) FROM store_sales WHERE ss_ext_sales_price <> ss_sales_price * ss_quantity " +
            "OR ss_ext_list_price <> ss_list_price * ss_quantity OR ss_ext_wholesale_cost <> ss_wholesale_cost * ss_quantity " +
            "OR ss_ext_discount_amt <> (ss_list_price - ss_sales_price) * ss_quantity OR ss_sales_price > ss_list_price " +
            "OR ss_list_price < ss_wholesale_cost OR ss_net_paid <> ss_ext_sales_price - ss_coupon_amt " +
            "OR ss_net_paid_inc_tax <> ss_net_paid + ss_ext_tax OR ss_net_profit <> ss_net_paid - ss_ext_wholesale_cost " +
            "OR ss_quantity NOT BETWEEN 1 AND 100" },
        { "catalog pricing", "SELECT count(*) FROM catalog_sales WHERE cs_ext_sales_price <> cs_sales_price * cs_quantity " +
            "OR cs_net_paid_inc_ship <> cs_net_paid + cs_ext_ship_cost OR cs_net_paid_inc_ship_tax <> cs_net_paid_inc_ship + cs_ext_tax" },
        { "return amounts", "SELECT count(*) FROM store_returns JOIN store_sales ON sr_item_sk = ss_item_sk AND sr_ticket_number = ss_ticket_number " +
            "WHERE sr_return_amt <> ss_sales_price * sr_return_quantity OR sr_return_amt_inc_tax <> sr_return_amt + sr_return_tax " +
            "OR sr_refunded_cash + sr_reversed_charge + sr_store_credit <> sr_return_amt_inc_tax" },
        // Calendar.
        { "date_dim calendar", "SELECT count(*) FROM date_dim WHERE d_date_sk - 2415022 <> d_date - DATE '1900-01-02' " +
            "OR d_year <> year(d_date) OR d_moy <> month(d_date) OR d_dom <> day(d_date) OR d_qoy <> quarter(d_date) " +
            "OR d_dow <> dayofweek(d_date) OR d_day_name <> dayname(d_date) " +
            "OR d_weekend <> CASE WHEN dayofweek(d_date) IN (0, 6) THEN 'Y' ELSE 'N' END " +
            "OR d_first_dom <> d_date_sk - d_dom + 1 OR d_month_seq <> (d_year - 1900) * 12 + d_moy - 1" },
        { "time_dim clock", "SELECT count(*) FROM time_dim WHERE t_time <> t_hour * 3600 + t_minute * 60 + t_second OR t_time_sk <> t_time" },
        { "customer_demographics is a cross product", "SELECT 1920800 - count(DISTINCT (cd_gender, cd_marital_status, cd_education_status, " +
            "cd_purchase_estimate, cd_credit_rating, cd_dep_count, cd_dep_employed_count, cd_dep_college_count)) FROM customer_demographics" },
        { "household_demographics is a cross product", "SELECT 7200 - count(DISTINCT (hd_income_band_sk, hd_buy_potential, hd_dep_count, hd_vehicle_count)) " +
            "FROM household_demographics" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Rule_holds(string rule, string violationsSql)
    {
        Assert.True(data.Db.Scalar<long>(violationsSql) == 0, $"rule '{rule}' is violated");
    }

    [Fact]
    public void Date_dim_spans_1900_01_02_to_2100_01_01()
    {
        var row = data.Db.Rows("SELECT min(d_date), max(d_date), min(d_date_sk) FROM date_dim")[0];
        Assert.Equal(new DateOnly(1900, 1, 2), AsDate(row[0]));
        Assert.Equal(new DateOnly(2100, 1, 1), AsDate(row[1]));
        Assert.Equal(2_415_022L, Num.Long(row[2]));
    }

    [Theory]
    [InlineData("store_sales", "ss_customer_sk")]
    [InlineData("store_sales", "ss_sold_date_sk")]
    [InlineData("catalog_sales", "cs_call_center_sk")]
    [InlineData("web_sales", "ws_web_page_sk")]
    [InlineData("store_returns", "sr_returned_date_sk")]
    public void Fact_foreign_keys_are_null_about_four_percent_of_the_time(string table, string column)
    {
        var share = data.Db.Scalar<double>($"SELECT avg(CASE WHEN {column} IS NULL THEN 1.0 ELSE 0.0 END) FROM {table}");
        Assert.InRange(share, 0.03, 0.05);
    }

    [Fact]
    public void Sales_line_keys_are_never_null()
    {
        Assert.Equal(0L, data.Db.Scalar<long>(
            "SELECT (SELECT count(*) FROM store_sales WHERE ss_item_sk IS NULL OR ss_ticket_number IS NULL) + " +
            "(SELECT count(*) FROM catalog_returns WHERE cr_item_sk IS NULL OR cr_order_number IS NULL) + " +
            "(SELECT count(*) FROM web_sales WHERE ws_item_sk IS NULL OR ws_order_number IS NULL)"));
    }

    [Fact]
    public void About_one_sale_line_in_ten_is_returned()
    {
        var ratio = data.Db.Scalar<double>(
            "SELECT (SELECT count(*) FROM store_returns) / (SELECT count(*) FROM store_sales)");
        Assert.InRange(ratio, 0.09, 0.11);
    }

    private static DateOnly AsDate(object? value) =>
        value is DateOnly d ? d : DateOnly.FromDateTime(Convert.ToDateTime(value, System.Globalization.CultureInfo.InvariantCulture));
}
