namespace OrleansFlow.Datagen.Tpcds;

/// <summary>
/// date_dim: one row per day from 1900-01-02 to 2100-01-01 (73 049 rows), d_date_sk the Julian day number.
/// Deterministic calendar arithmetic, no randomness.
/// </summary>
internal static class DateDimWriter
{
    private static readonly DateOnly WeekOne = new(1900, 1, 1); // a Monday: weeks run Monday to Sunday.

    public static async Task<long> WriteAsync(TpcdsContext ctx, CancellationToken ct)
    {
        await using var w = await ctx.OpenAsync(TpcdsSchemas.DateDim, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("d_date_sk");
        var id = b.String("d_date_id");
        var date = b.Date("d_date");
        var monthSeq = b.Int32("d_month_seq");
        var weekSeq = b.Int32("d_week_seq");
        var quarterSeq = b.Int32("d_quarter_seq");
        var year = b.Int32("d_year");
        var dow = b.Int32("d_dow");
        var moy = b.Int32("d_moy");
        var dom = b.Int32("d_dom");
        var qoy = b.Int32("d_qoy");
        var fyYear = b.Int32("d_fy_year");
        var fyQuarterSeq = b.Int32("d_fy_quarter_seq");
        var fyWeekSeq = b.Int32("d_fy_week_seq");
        var dayName = b.String("d_day_name");
        var quarterName = b.String("d_quarter_name");
        var holiday = b.String("d_holiday");
        var weekend = b.String("d_weekend");
        var followingHoliday = b.String("d_following_holiday");
        var firstDom = b.Int32("d_first_dom");
        var lastDom = b.Int32("d_last_dom");
        var sameDayLy = b.Int32("d_same_day_ly");
        var sameDayLq = b.Int32("d_same_day_lq");
        var currentDay = b.String("d_current_day");
        var currentWeek = b.String("d_current_week");
        var currentMonth = b.String("d_current_month");
        var currentQuarter = b.String("d_current_quarter");
        var currentYear = b.String("d_current_year");

        for (long i = 0; i < TpcdsScale.DateDimRows; i++)
        {
            var row = b.Add();
            var d = TpcdsScale.FirstDate.AddDays((int)i);
            var quarter = (d.Month - 1) / 3 + 1;
            sk[row] = TpcdsScale.FirstDateSk + i;
            id[row] = TpcdsValues.BusinessKey(sk[row]);
            date[row] = d;
            monthSeq[row] = (d.Year - 1900) * 12 + d.Month - 1;
            weekSeq[row] = (d.DayNumber - WeekOne.DayNumber) / 7 + 1;
            quarterSeq[row] = (d.Year - 1900) * 4 + quarter;
            year[row] = d.Year;
            dow[row] = (int)d.DayOfWeek;
            moy[row] = d.Month;
            dom[row] = d.Day;
            qoy[row] = quarter;
            fyYear[row] = d.Year;
            fyQuarterSeq[row] = quarterSeq[row];
            fyWeekSeq[row] = weekSeq[row];
            dayName[row] = TpcdsWords.DayNames[(int)d.DayOfWeek];
            quarterName[row] = $"{d.Year}Q{quarter}";
            holiday[row] = IsHoliday(d) ? "Y" : "N";
            weekend[row] = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "Y" : "N";
            followingHoliday[row] = IsHoliday(d.AddDays(-1)) ? "Y" : "N";
            firstDom[row] = (int)TpcdsScale.DateSk(new DateOnly(d.Year, d.Month, 1));
            lastDom[row] = (int)TpcdsScale.DateSk(new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)));
            sameDayLy[row] = (int)TpcdsScale.DateSk(d.AddYears(-1));
            sameDayLq[row] = (int)TpcdsScale.DateSk(d.AddMonths(-3));
            currentDay[row] = "N";
            currentWeek[row] = "N";
            currentMonth[row] = "N";
            currentQuarter[row] = "N";
            currentYear[row] = "N";
            await w.FlushIfFullAsync();
        }

        return TpcdsScale.DateDimRows;
    }

    private static bool IsHoliday(DateOnly d) =>
        (d.Month, d.Day) is (1, 1) or (7, 4) or (12, 25) or (11, 11) ||
        (d.Month == 11 && d.DayOfWeek == DayOfWeek.Thursday && d.Day is >= 22 and <= 28);
}
