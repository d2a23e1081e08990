using OrleansFlow.Datagen.Core;

namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// Draws the items of one ticket or order without repeats: (item, ticket/order number) is the primary key of
/// every sales table.
/// </summary>
internal sealed class TicketItems(long itemCount, int maxLines)
{
    private readonly long[] _items = new long[maxLines];

    /// <summary>Draws up to <paramref name="lines"/> distinct items; returns how many (fewer only if there are fewer items).</summary>
    public long this[int line] => _items[line];

    public int Draw(PartRandom r, int lines)
    {
        lines = (int)Math.Min(lines, itemCount);
        for (var i = 0; i < lines; i++)
        {
            long item;
            do
            {
                item = r.Next(1L, itemCount);
            }
            while (Array.IndexOf(_items, item, 0, i) >= 0);
            _items[i] = item;
        }

        return lines;
    }
}
