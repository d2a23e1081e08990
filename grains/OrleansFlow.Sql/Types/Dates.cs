using System.Globalization;

namespace OrleansFlow.Sql.Types;

/// <summary>Dates are days since 1970-01-01, as in Arrow date32.</summary>
public static class Dates
{
    public static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static long ToDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static DateOnly FromDays(long days) => DateOnly.FromDayNumber((int)(EpochDayNumber + days));

    public static string Format(long days) => FromDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out long days)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            days = ToDays(d);
            return true;
        }
        days = 0;
        return false;
    }

    public static long AddMonths(long days, long months) => ToDays(FromDays(days).AddMonths((int)months));
}
