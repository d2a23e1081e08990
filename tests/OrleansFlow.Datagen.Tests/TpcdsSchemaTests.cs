namespace OrleansFlow.Datagen.Tests;

/// <summary>Column names and types as DuckDB reads them, against the specification's table layouts.</summary>
public sealed class TpcdsSchemaTests(TpcdsFixture data) : IClassFixture<TpcdsFixture>
{
    private const string M = "DECIMAL(7,2)";

    public static TheoryData<string, string> Layouts => new()
    {
        { "store_sales", "ss_sold_date_sk BIGINT, ss_sold_time_sk BIGINT, ss_item_sk BIGINT, ss_customer_sk BIGINT, " +
            "ss_cdemo_sk BIGINT, ss_hdemo_sk BIGINT, ss_addr_sk BIGINT, ss_store_sk BIGINT, ss_promo_sk BIGINT, " +
            $"ss_ticket_number BIGINT, ss_quantity INTEGER, ss_wholesale_cost {M}, ss_list_price {M}, ss_sales_price {M}, " +
            $"ss_ext_discount_amt {M}, ss_ext_sales_price {M}, ss_ext_wholesale_cost {M}, ss_ext_list_price {M}, " +
            $"ss_ext_tax {M}, ss_coupon_amt {M}, ss_net_paid {M}, ss_net_paid_inc_tax {M}, ss_net_profit {M}" },
        { "store_returns", "sr_returned_date_sk BIGINT, sr_return_time_sk BIGINT, sr_item_sk BIGINT, sr_customer_sk BIGINT, " +
            "sr_cdemo_sk BIGINT, sr_hdemo_sk BIGINT, sr_addr_sk BIGINT, sr_store_sk BIGINT, sr_reason_sk BIGINT, " +
            $"sr_ticket_number BIGINT, sr_return_quantity INTEGER, sr_return_amt {M}, sr_return_tax {M}, " +
            $"sr_return_amt_inc_tax {M}, sr_fee {M}, sr_return_ship_cost {M}, sr_refunded_cash {M}, " +
            $"sr_reversed_charge {M}, sr_store_credit {M}, sr_net_loss {M}" },
        { "catalog_sales", "cs_sold_date_sk BIGINT, cs_sold_time_sk BIGINT, cs_ship_date_sk BIGINT, cs_bill_customer_sk BIGINT, " +
            "cs_bill_cdemo_sk BIGINT, cs_bill_hdemo_sk BIGINT, cs_bill_addr_sk BIGINT, cs_ship_customer_sk BIGINT, " +
            "cs_ship_cdemo_sk BIGINT, cs_ship_hdemo_sk BIGINT, cs_ship_addr_sk BIGINT, cs_call_center_sk BIGINT, " +
            "cs_catalog_page_sk BIGINT, cs_ship_mode_sk BIGINT, cs_warehouse_sk BIGINT, cs_item_sk BIGINT, " +
            $"cs_promo_sk BIGINT, cs_order_number BIGINT, cs_quantity INTEGER, cs_wholesale_cost {M}, cs_list_price {M}, " +
            $"cs_sales_price {M}, cs_ext_discount_amt {M}, cs_ext_sales_price {M}, cs_ext_wholesale_cost {M}, " +
            $"cs_ext_list_price {M}, cs_ext_tax {M}, cs_coupon_amt {M}, cs_ext_ship_cost {M}, cs_net_paid {M}, " +
            $"cs_net_paid_inc_tax {M}, cs_net_paid_inc_ship {M}, cs_net_paid_inc_ship_tax {M}, cs_net_profit {M}" },
        { "catalog_returns", "cr_returned_date_sk BIGINT, cr_returned_time_sk BIGINT, cr_item_sk BIGINT, " +
            "cr_refunded_customer_sk BIGINT, cr_refunded_cdemo_sk BIGINT, cr_refunded_hdemo_sk BIGINT, " +
            "cr_refunded_addr_sk BIGINT, cr_returning_customer_sk BIGINT, cr_returning_cdemo_sk BIGINT, " +
            "cr_returning_hdemo_sk BIGINT, cr_returning_addr_sk BIGINT, cr_call_center_sk BIGINT, " +
            "cr_catalog_page_sk BIGINT, cr_ship_mode_sk BIGINT, cr_warehouse_sk BIGINT, cr_reason_sk BIGINT, " +
            $"cr_order_number BIGINT, cr_return_quantity INTEGER, cr_return_amount {M}, cr_return_tax {M}, " +
            $"cr_return_amt_inc_tax {M}, cr_fee {M}, cr_return_ship_cost {M}, cr_refunded_cash {M}, " +
            $"cr_reversed_charge {M}, cr_store_credit {M}, cr_net_loss {M}" },
        { "web_sales", "ws_sold_date_sk BIGINT, ws_sold_time_sk BIGINT, ws_ship_date_sk BIGINT, ws_item_sk BIGINT, " +
            "ws_bill_customer_sk BIGINT, ws_bill_cdemo_sk BIGINT, ws_bill_hdemo_sk BIGINT, ws_bill_addr_sk BIGINT, " +
            "ws_ship_customer_sk BIGINT, ws_ship_cdemo_sk BIGINT, ws_ship_hdemo_sk BIGINT, ws_ship_addr_sk BIGINT, " +
            "ws_web_page_sk BIGINT, ws_web_site_sk BIGINT, ws_ship_mode_sk BIGINT, ws_warehouse_sk BIGINT, " +
            $"ws_promo_sk BIGINT, ws_order_number BIGINT, ws_quantity INTEGER, ws_wholesale_cost {M}, ws_list_price {M}, " +
            $"ws_sales_price {M}, ws_ext_discount_amt {M}, ws_ext_sales_price {M}, ws_ext_wholesale_cost {M}, " +
            $"ws_ext_list_price {M}, ws_ext_tax {M}, ws_coupon_amt {M}, ws_ext_ship_cost {M}, ws_net_paid {M}, " +
            $"ws_net_paid_inc_tax {M}, ws_net_paid_inc_ship {M}, ws_net_paid_inc_ship_tax {M}, ws_net_profit {M}" },
        { "web_returns", "wr_returned_date_sk BIGINT, wr_returned_time_sk BIGINT, wr_item_sk BIGINT, " +
            "wr_refunded_customer_sk BIGINT, wr_refunded_cdemo_sk BIGINT, wr_refunded_hdemo_sk BIGINT, " +
            "wr_refunded_addr_sk BIGINT, wr_returning_customer_sk BIGINT, wr_returning_cdemo_sk BIGINT, " +
            "wr_returning_hdemo_sk BIGINT, wr_returning_addr_sk BIGINT, wr_web_page_sk BIGINT, wr_reason_sk BIGINT, " +
            $"wr_order_number BIGINT, wr_return_quantity INTEGER, wr_return_amt {M}, wr_return_tax {M}, " +
            $"wr_return_amt_inc_tax {M}, wr_fee {M}, wr_return_ship_cost {M}, wr_refunded_cash {M}, " +
            $"wr_reversed_charge {M}, wr_account_credit {M}, wr_net_loss {M}" },
        { "date_dim", "d_date_sk BIGINT, d_date_id VARCHAR, d_date DATE, d_month_seq INTEGER, d_week_seq INTEGER, " +
            "d_quarter_seq INTEGER, d_year INTEGER, d_dow INTEGER, d_moy INTEGER, d_dom INTEGER, d_qoy INTEGER, " +
            "d_fy_year INTEGER, d_fy_quarter_seq INTEGER, d_fy_week_seq INTEGER, d_day_name VARCHAR, " +
            "d_quarter_name VARCHAR, d_holiday VARCHAR, d_weekend VARCHAR, d_following_holiday VARCHAR, " +
            "d_first_dom INTEGER, d_last_dom INTEGER, d_same_day_ly INTEGER, d_same_day_lq INTEGER, " +
            "d_current_day VARCHAR, d_current_week VARCHAR, d_current_month VARCHAR, d_current_quarter VARCHAR, " +
            "d_current_year VARCHAR" },
        { "store", "s_store_sk BIGINT, s_store_id VARCHAR, s_rec_start_date DATE, s_rec_end_date DATE, " +
            "s_closed_date_sk BIGINT, s_store_name VARCHAR, s_number_employees INTEGER, s_floor_space INTEGER, " +
            "s_hours VARCHAR, s_manager VARCHAR, s_market_id INTEGER, s_geography_class VARCHAR, s_market_desc VARCHAR, " +
            "s_market_manager VARCHAR, s_division_id INTEGER, s_division_name VARCHAR, s_company_id INTEGER, " +
            "s_company_name VARCHAR, s_street_number VARCHAR, s_street_name VARCHAR, s_street_type VARCHAR, " +
            "s_suite_number VARCHAR, s_city VARCHAR, s_county VARCHAR, s_state VARCHAR, s_zip VARCHAR, " +
            "s_country VARCHAR, s_gmt_offset DECIMAL(5,2), s_tax_precentage DECIMAL(5,2)" },
        { "web_page", "wp_web_page_sk BIGINT, wp_web_page_id VARCHAR, wp_rec_start_date DATE, wp_rec_end_date DATE, " +
            "wp_creation_date_sk BIGINT, wp_access_date_sk BIGINT, wp_autogen_flag VARCHAR, wp_customer_sk BIGINT, " +
            "wp_url VARCHAR, wp_type VARCHAR, wp_char_count INTEGER, wp_link_count INTEGER, wp_image_count INTEGER, " +
            "wp_max_ad_count INTEGER" },
        { "catalog_page", "cp_catalog_page_sk BIGINT, cp_catalog_page_id VARCHAR, cp_start_date_sk BIGINT, " +
            "cp_end_date_sk BIGINT, cp_department VARCHAR, cp_catalog_number INTEGER, cp_catalog_page_number INTEGER, " +
            "cp_description VARCHAR, cp_type VARCHAR" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Query_77_tables_have_spec_names_and_types(string table, string layout)
    {
        var actual = string.Join(", ", data.Db.Columns(table).Select(c => $"{c.Name} {c.Type}"));
        Assert.Equal(layout, actual);
    }

    [Theory]
    [InlineData("item", 22, "i_item_sk", "i_product_name")]
    [InlineData("customer", 18, "c_customer_sk", "c_last_review_date_sk")]
    [InlineData("customer_address", 13, "ca_address_sk", "ca_location_type")]
    [InlineData("customer_demographics", 9, "cd_demo_sk", "cd_dep_college_count")]
    [InlineData("household_demographics", 5, "hd_demo_sk", "hd_vehicle_count")]
    [InlineData("promotion", 19, "p_promo_sk", "p_discount_active")]
    [InlineData("time_dim", 10, "t_time_sk", "t_meal_time")]
    [InlineData("warehouse", 14, "w_warehouse_sk", "w_gmt_offset")]
    public void Other_dimensions_have_spec_column_count_and_key(string table, int columns, string firstColumn, string lastColumn)
    {
        var actual = data.Db.Columns(table);
        Assert.Equal(columns, actual.Count);
        Assert.Equal((firstColumn, "BIGINT"), actual[0]);
        Assert.Equal(lastColumn, actual[^1].Name);
    }
}
