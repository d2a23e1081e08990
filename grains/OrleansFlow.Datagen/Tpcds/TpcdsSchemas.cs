using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// The TPC-DS tables generated here, with the specification's column names and types (clause 2): surrogate keys
/// int64, integers int32, money decimal(7,2), gmt offsets and percentages decimal(5,2), dates as date, text as string.
/// </summary>
internal static class TpcdsSchemas
{
    private static ColumnSpec Key(string name) => ColumnSpec.Int64(name);
    private static ColumnSpec NKey(string name) => ColumnSpec.NullableInt64(name);
    private static ColumnSpec Int(string name) => ColumnSpec.Int32(name);
    private static ColumnSpec Money(string name) => ColumnSpec.Decimal(name, 7, 2);
    private static ColumnSpec Dec52(string name) => ColumnSpec.Decimal(name, 5, 2);
    private static ColumnSpec Str(string name) => ColumnSpec.String(name);
    private static ColumnSpec Date(string name) => ColumnSpec.Date(name);

    public static readonly TableSchema DateDim = new("date_dim",
        Key("d_date_sk"), Str("d_date_id"), Date("d_date"), Int("d_month_seq"), Int("d_week_seq"),
        Int("d_quarter_seq"), Int("d_year"), Int("d_dow"), Int("d_moy"), Int("d_dom"), Int("d_qoy"),
        Int("d_fy_year"), Int("d_fy_quarter_seq"), Int("d_fy_week_seq"), Str("d_day_name"), Str("d_quarter_name"),
        Str("d_holiday"), Str("d_weekend"), Str("d_following_holiday"), Int("d_first_dom"), Int("d_last_dom"),
        Int("d_same_day_ly"), Int("d_same_day_lq"), Str("d_current_day"), Str("d_current_week"),
        Str("d_current_month"), Str("d_current_quarter"), Str("d_current_year"));

    public static readonly TableSchema TimeDim = new("time_dim",
        Key("t_time_sk"), Str("t_time_id"), Int("t_time"), Int("t_hour"), Int("t_minute"), Int("t_second"),
        Str("t_am_pm"), Str("t_shift"), Str("t_sub_shift"), Str("t_meal_time"));

    public static readonly TableSchema Store = new("store",
        Key("s_store_sk"), Str("s_store_id"), Date("s_rec_start_date"), ColumnSpec.NullableDate("s_rec_end_date"),
        ColumnSpec.NullableInt64("s_closed_date_sk"), Str("s_store_name"), Int("s_number_employees"),
        Int("s_floor_space"), Str("s_hours"), Str("s_manager"), Int("s_market_id"), Str("s_geography_class"),
        Str("s_market_desc"), Str("s_market_manager"), Int("s_division_id"), Str("s_division_name"),
        Int("s_company_id"), Str("s_company_name"), Str("s_street_number"), Str("s_street_name"),
        Str("s_street_type"), Str("s_suite_number"), Str("s_city"), Str("s_county"), Str("s_state"), Str("s_zip"),
        Str("s_country"), Dec52("s_gmt_offset"), Dec52("s_tax_precentage"));

    public static readonly TableSchema CatalogPage = new("catalog_page",
        Key("cp_catalog_page_sk"), Str("cp_catalog_page_id"), Key("cp_start_date_sk"), Key("cp_end_date_sk"),
        Str("cp_department"), Int("cp_catalog_number"), Int("cp_catalog_page_number"), Str("cp_description"),
        Str("cp_type"));

    public static readonly TableSchema WebPage = new("web_page",
        Key("wp_web_page_sk"), Str("wp_web_page_id"), Date("wp_rec_start_date"),
        ColumnSpec.NullableDate("wp_rec_end_date"), Key("wp_creation_date_sk"), Key("wp_access_date_sk"),
        Str("wp_autogen_flag"), Key("wp_customer_sk"), Str("wp_url"), Str("wp_type"), Int("wp_char_count"),
        Int("wp_link_count"), Int("wp_image_count"), Int("wp_max_ad_count"));

    public static readonly TableSchema Warehouse = new("warehouse",
        Key("w_warehouse_sk"), Str("w_warehouse_id"), Str("w_warehouse_name"), Int("w_warehouse_sq_ft"),
        Str("w_street_number"), Str("w_street_name"), Str("w_street_type"), Str("w_suite_number"), Str("w_city"),
        Str("w_county"), Str("w_state"), Str("w_zip"), Str("w_country"), Dec52("w_gmt_offset"));

    public static readonly TableSchema Item = new("item",
        Key("i_item_sk"), Str("i_item_id"), Date("i_rec_start_date"), ColumnSpec.NullableDate("i_rec_end_date"),
        Str("i_item_desc"), Money("i_current_price"), Money("i_wholesale_cost"), Int("i_brand_id"), Str("i_brand"),
        Int("i_class_id"), Str("i_class"), Int("i_category_id"), Str("i_category"), Int("i_manufact_id"),
        Str("i_manufact"), Str("i_size"), Str("i_formulation"), Str("i_color"), Str("i_units"), Str("i_container"),
        Int("i_manager_id"), Str("i_product_name"));

    public static readonly TableSchema Customer = new("customer",
        Key("c_customer_sk"), Str("c_customer_id"), Key("c_current_cdemo_sk"), Key("c_current_hdemo_sk"),
        Key("c_current_addr_sk"), Key("c_first_shipto_date_sk"), Key("c_first_sales_date_sk"), Str("c_salutation"),
        Str("c_first_name"), Str("c_last_name"), Str("c_preferred_cust_flag"), Int("c_birth_day"),
        Int("c_birth_month"), Int("c_birth_year"), Str("c_birth_country"), Str("c_login"), Str("c_email_address"),
        Key("c_last_review_date_sk"));

    public static readonly TableSchema CustomerAddress = new("customer_address",
        Key("ca_address_sk"), Str("ca_address_id"), Str("ca_street_number"), Str("ca_street_name"),
        Str("ca_street_type"), Str("ca_suite_number"), Str("ca_city"), Str("ca_county"), Str("ca_state"),
        Str("ca_zip"), Str("ca_country"), Dec52("ca_gmt_offset"), Str("ca_location_type"));

    public static readonly TableSchema CustomerDemographics = new("customer_demographics",
        Key("cd_demo_sk"), Str("cd_gender"), Str("cd_marital_status"), Str("cd_education_status"),
        Int("cd_purchase_estimate"), Str("cd_credit_rating"), Int("cd_dep_count"), Int("cd_dep_employed_count"),
        Int("cd_dep_college_count"));

    public static readonly TableSchema HouseholdDemographics = new("household_demographics",
        Key("hd_demo_sk"), Key("hd_income_band_sk"), Str("hd_buy_potential"), Int("hd_dep_count"),
        Int("hd_vehicle_count"));

    public static readonly TableSchema Promotion = new("promotion",
        Key("p_promo_sk"), Str("p_promo_id"), Key("p_start_date_sk"), Key("p_end_date_sk"), Key("p_item_sk"),
        ColumnSpec.Decimal("p_cost", 15, 2), Int("p_response_target"), Str("p_promo_name"), Str("p_channel_dmail"),
        Str("p_channel_email"), Str("p_channel_catalog"), Str("p_channel_tv"), Str("p_channel_radio"),
        Str("p_channel_press"), Str("p_channel_event"), Str("p_channel_demo"), Str("p_channel_details"),
        Str("p_purpose"), Str("p_discount_active"));

    public static readonly TableSchema StoreSales = new("store_sales",
        NKey("ss_sold_date_sk"), NKey("ss_sold_time_sk"), Key("ss_item_sk"), NKey("ss_customer_sk"), NKey("ss_cdemo_sk"),
        NKey("ss_hdemo_sk"), NKey("ss_addr_sk"), NKey("ss_store_sk"), NKey("ss_promo_sk"), Key("ss_ticket_number"),
        Int("ss_quantity"), Money("ss_wholesale_cost"), Money("ss_list_price"), Money("ss_sales_price"),
        Money("ss_ext_discount_amt"), Money("ss_ext_sales_price"), Money("ss_ext_wholesale_cost"),
        Money("ss_ext_list_price"), Money("ss_ext_tax"), Money("ss_coupon_amt"), Money("ss_net_paid"),
        Money("ss_net_paid_inc_tax"), Money("ss_net_profit"));

    public static readonly TableSchema StoreReturns = new("store_returns",
        NKey("sr_returned_date_sk"), NKey("sr_return_time_sk"), Key("sr_item_sk"), NKey("sr_customer_sk"),
        NKey("sr_cdemo_sk"), NKey("sr_hdemo_sk"), NKey("sr_addr_sk"), NKey("sr_store_sk"), NKey("sr_reason_sk"),
        Key("sr_ticket_number"), Int("sr_return_quantity"), Money("sr_return_amt"), Money("sr_return_tax"),
        Money("sr_return_amt_inc_tax"), Money("sr_fee"), Money("sr_return_ship_cost"), Money("sr_refunded_cash"),
        Money("sr_reversed_charge"), Money("sr_store_credit"), Money("sr_net_loss"));

    public static readonly TableSchema CatalogSales = new("catalog_sales",
        NKey("cs_sold_date_sk"), NKey("cs_sold_time_sk"), NKey("cs_ship_date_sk"), NKey("cs_bill_customer_sk"),
        NKey("cs_bill_cdemo_sk"), NKey("cs_bill_hdemo_sk"), NKey("cs_bill_addr_sk"), NKey("cs_ship_customer_sk"),
        NKey("cs_ship_cdemo_sk"), NKey("cs_ship_hdemo_sk"), NKey("cs_ship_addr_sk"), NKey("cs_call_center_sk"),
        NKey("cs_catalog_page_sk"), NKey("cs_ship_mode_sk"), NKey("cs_warehouse_sk"), Key("cs_item_sk"),
        NKey("cs_promo_sk"), Key("cs_order_number"), Int("cs_quantity"), Money("cs_wholesale_cost"),
        Money("cs_list_price"), Money("cs_sales_price"), Money("cs_ext_discount_amt"), Money("cs_ext_sales_price"),
        Money("cs_ext_wholesale_cost"), Money("cs_ext_list_price"), Money("cs_ext_tax"), Money("cs_coupon_amt"),
        Money("cs_ext_ship_cost"), Money("cs_net_paid"), Money("cs_net_paid_inc_tax"), Money("cs_net_paid_inc_ship"),
        Money("cs_net_paid_inc_ship_tax"), Money("cs_net_profit"));

    public static readonly TableSchema CatalogReturns = new("catalog_returns",
        NKey("cr_returned_date_sk"), NKey("cr_returned_time_sk"), Key("cr_item_sk"), NKey("cr_refunded_customer_sk"),
        NKey("cr_refunded_cdemo_sk"), NKey("cr_refunded_hdemo_sk"), NKey("cr_refunded_addr_sk"),
        NKey("cr_returning_customer_sk"), NKey("cr_returning_cdemo_sk"), NKey("cr_returning_hdemo_sk"),
        NKey("cr_returning_addr_sk"), NKey("cr_call_center_sk"), NKey("cr_catalog_page_sk"), NKey("cr_ship_mode_sk"),
        NKey("cr_warehouse_sk"), NKey("cr_reason_sk"), Key("cr_order_number"), Int("cr_return_quantity"),
        Money("cr_return_amount"), Money("cr_return_tax"), Money("cr_return_amt_inc_tax"), Money("cr_fee"),
        Money("cr_return_ship_cost"), Money("cr_refunded_cash"), Money("cr_reversed_charge"),
        Money("cr_store_credit"), Money("cr_net_loss"));

    public static readonly TableSchema WebSales = new("web_sales",
        NKey("ws_sold_date_sk"), NKey("ws_sold_time_sk"), NKey("ws_ship_date_sk"), Key("ws_item_sk"),
        NKey("ws_bill_customer_sk"), NKey("ws_bill_cdemo_sk"), NKey("ws_bill_hdemo_sk"), NKey("ws_bill_addr_sk"),
        NKey("ws_ship_customer_sk"), NKey("ws_ship_cdemo_sk"), NKey("ws_ship_hdemo_sk"), NKey("ws_ship_addr_sk"),
        NKey("ws_web_page_sk"), NKey("ws_web_site_sk"), NKey("ws_ship_mode_sk"), NKey("ws_warehouse_sk"),
        NKey("ws_promo_sk"), Key("ws_order_number"), Int("ws_quantity"), Money("ws_wholesale_cost"),
        Money("ws_list_price"), Money("ws_sales_price"), Money("ws_ext_discount_amt"), Money("ws_ext_sales_price"),
        Money("ws_ext_wholesale_cost"), Money("ws_ext_list_price"), Money("ws_ext_tax"), Money("ws_coupon_amt"),
        Money("ws_ext_ship_cost"), Money("ws_net_paid"), Money("ws_net_paid_inc_tax"), Money("ws_net_paid_inc_ship"),
        Money("ws_net_paid_inc_ship_tax"), Money("ws_net_profit"));

    public static readonly TableSchema WebReturns = new("web_returns",
        NKey("wr_returned_date_sk"), NKey("wr_returned_time_sk"), Key("wr_item_sk"), NKey("wr_refunded_customer_sk"),
        NKey("wr_refunded_cdemo_sk"), NKey("wr_refunded_hdemo_sk"), NKey("wr_refunded_addr_sk"),
        NKey("wr_returning_customer_sk"), NKey("wr_returning_cdemo_sk"), NKey("wr_returning_hdemo_sk"),
        NKey("wr_returning_addr_sk"), NKey("wr_web_page_sk"), NKey("wr_reason_sk"), Key("wr_order_number"),
        Int("wr_return_quantity"), Money("wr_return_amt"), Money("wr_return_tax"), Money("wr_return_amt_inc_tax"),
        Money("wr_fee"), Money("wr_return_ship_cost"), Money("wr_refunded_cash"), Money("wr_reversed_charge"),
        Money("wr_account_credit"), Money("wr_net_loss"));

    public static readonly TableSchema[] All =
    [
        DateDim, TimeDim, Store, CatalogPage, WebPage, Warehouse, Item, Customer, CustomerAddress,
        CustomerDemographics, HouseholdDemographics, Promotion, StoreSales, StoreReturns, CatalogSales,
        CatalogReturns, WebSales, WebReturns,
    ];
}
