using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>The pricing columns every sales table has (prefix ss_, cs_, ws_), filled from a <see cref="SalesLine"/>.</summary>
internal sealed class PricingColumns(TableBatch b, string prefix, bool withShipping)
{
    private readonly int[] _quantity = b.Int32(prefix + "quantity");
    private readonly decimal[] _wholesale = b.Decimal(prefix + "wholesale_cost");
    private readonly decimal[] _list = b.Decimal(prefix + "list_price");
    private readonly decimal[] _sales = b.Decimal(prefix + "sales_price");
    private readonly decimal[] _extDiscount = b.Decimal(prefix + "ext_discount_amt");
    private readonly decimal[] _extSales = b.Decimal(prefix + "ext_sales_price");
    private readonly decimal[] _extWholesale = b.Decimal(prefix + "ext_wholesale_cost");
    private readonly decimal[] _extList = b.Decimal(prefix + "ext_list_price");
    private readonly decimal[] _extTax = b.Decimal(prefix + "ext_tax");
    private readonly decimal[] _coupon = b.Decimal(prefix + "coupon_amt");
    private readonly decimal[] _netPaid = b.Decimal(prefix + "net_paid");
    private readonly decimal[] _netPaidIncTax = b.Decimal(prefix + "net_paid_inc_tax");
    private readonly decimal[]? _extShip = withShipping ? b.Decimal(prefix + "ext_ship_cost") : null;
    private readonly decimal[]? _netPaidIncShip = withShipping ? b.Decimal(prefix + "net_paid_inc_ship") : null;
    private readonly decimal[]? _netPaidIncShipTax = withShipping ? b.Decimal(prefix + "net_paid_inc_ship_tax") : null;
    private readonly decimal[] _netProfit = b.Decimal(prefix + "net_profit");

    public void Set(int row, in SalesLine s)
    {
        _quantity[row] = s.Quantity;
        _wholesale[row] = Money.FromCents(s.WholesaleCost);
        _list[row] = Money.FromCents(s.ListPrice);
        _sales[row] = Money.FromCents(s.SalesPrice);
        _extDiscount[row] = Money.FromCents(s.ExtDiscount);
        _extSales[row] = Money.FromCents(s.ExtSales);
        _extWholesale[row] = Money.FromCents(s.ExtWholesale);
        _extList[row] = Money.FromCents(s.ExtList);
        _extTax[row] = Money.FromCents(s.ExtTax);
        _coupon[row] = Money.FromCents(s.Coupon);
        _netPaid[row] = Money.FromCents(s.NetPaid);
        _netPaidIncTax[row] = Money.FromCents(s.NetPaidIncTax);
        if (_extShip is not null)
        {
            _extShip[row] = Money.FromCents(s.ExtShipCost);
            _netPaidIncShip![row] = Money.FromCents(s.NetPaidIncShip);
            _netPaidIncShipTax![row] = Money.FromCents(s.NetPaidIncShipTax);
        }

        _netProfit[row] = Money.FromCents(s.NetProfit);
    }
}
