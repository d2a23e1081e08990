using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// The amount columns every returns table has, filled from a <see cref="ReturnLine"/>. The specification spells
/// two of them differently per channel (cr_return_amount, wr_account_credit), hence the explicit names.
/// </summary>
internal sealed class ReturnColumns(TableBatch b, string prefix, string amountColumn, string creditColumn)
{
    private readonly int[] _quantity = b.Int32(prefix + "return_quantity");
    private readonly decimal[] _amount = b.Decimal(amountColumn);
    private readonly decimal[] _tax = b.Decimal(prefix + "return_tax");
    private readonly decimal[] _incTax = b.Decimal(prefix + "return_amt_inc_tax");
    private readonly decimal[] _fee = b.Decimal(prefix + "fee");
    private readonly decimal[] _shipCost = b.Decimal(prefix + "return_ship_cost");
    private readonly decimal[] _cash = b.Decimal(prefix + "refunded_cash");
    private readonly decimal[] _reversed = b.Decimal(prefix + "reversed_charge");
    private readonly decimal[] _credit = b.Decimal(creditColumn);
    private readonly decimal[] _netLoss = b.Decimal(prefix + "net_loss");

    public void Set(int row, in ReturnLine x)
    {
        _quantity[row] = x.Quantity;
        _amount[row] = Money.FromCents(x.Amount);
        _tax[row] = Money.FromCents(x.Tax);
        _incTax[row] = Money.FromCents(x.AmountIncTax);
        _fee[row] = Money.FromCents(x.Fee);
        _shipCost[row] = Money.FromCents(x.ShipCost);
        _cash[row] = Money.FromCents(x.RefundedCash);
        _reversed[row] = Money.FromCents(x.ReversedCharge);
        _credit[row] = Money.FromCents(x.Credit);
        _netLoss[row] = Money.FromCents(x.NetLoss);
    }
}
