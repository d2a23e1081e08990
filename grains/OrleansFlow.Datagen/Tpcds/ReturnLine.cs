using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// The amounts of one returned line in cents: part of the sold quantity comes back at the sales price; the refund
/// (amount with tax) is split between cash, reversed charge and credit; the loss is fee, shipping and tax.
/// </summary>
internal readonly record struct ReturnLine(
    int Quantity, long Amount, long Tax, long AmountIncTax, long Fee, long ShipCost, long RefundedCash,
    long ReversedCharge, long Credit, long NetLoss)
{
    public const int MaxDaysAfterSale = 90;

    public static ReturnLine Random(PartRandom r, in SalesLine sale)
    {
        var quantity = r.Next(1, sale.Quantity);
        var amount = sale.SalesPrice * quantity;
        var tax = Money.Percent(amount, sale.TaxPercent);
        var incTax = amount + tax;
        var fee = r.Next(50L, 10_000L);
        var shipCost = Money.Percent(sale.ListPrice * quantity, r.Next(0, 50));
        var cash = Money.Percent(incTax, r.Next(0, 100));
        var reversed = Money.Percent(incTax - cash, r.Next(0, 100));
        return new ReturnLine(
            quantity, amount, tax, incTax, fee, shipCost, cash, reversed, incTax - cash - reversed, fee + shipCost + tax);
    }
}
