using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// The pricing of one sales line in cents, after the specification's pricing rules (clause 3.6): list price is a
/// markup of wholesale cost, sales price a discount of list price, extended amounts are price × quantity, and net
/// amounts follow from coupon, tax and shipping.
/// </summary>
internal readonly record struct SalesLine(
    int Quantity, long WholesaleCost, long ListPrice, long SalesPrice, long ExtDiscount, long ExtSales,
    long ExtWholesale, long ExtList, int TaxPercent, long ExtTax, long Coupon, long NetPaid, long NetPaidIncTax,
    long ExtShipCost, long NetPaidIncShip, long NetPaidIncShipTax, long NetProfit)
{
    public static SalesLine Random(PartRandom r)
    {
        var quantity = r.Next(1, 100);
        var wholesale = r.Next(100L, 10_000L);
        var list = wholesale + Money.Percent(wholesale, r.Next(0, 200));
        var sales = list - Money.Percent(list, r.Next(0, 100));
        var extSales = sales * quantity;
        var extWholesale = wholesale * quantity;
        var extList = list * quantity;
        var taxPercent = r.Next(0, 9);
        var extTax = Money.Percent(extSales, taxPercent);
        // One line in five carries a coupon.
        var coupon = r.Next(1, 5) == 1 ? Money.Percent(extSales, r.Next(0, 100)) : 0;
        var netPaid = extSales - coupon;
        var shipCost = Money.Percent(extList, r.Next(0, 50));
        return new SalesLine(
            quantity, wholesale, list, sales, (list - sales) * quantity, extSales, extWholesale, extList, taxPercent,
            extTax, coupon, netPaid, netPaid + extTax, shipCost, netPaid + shipCost, netPaid + shipCost + extTax,
            netPaid - extWholesale);
    }
}
