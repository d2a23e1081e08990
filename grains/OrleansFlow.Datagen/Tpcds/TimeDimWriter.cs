namespace OrleansFlow.Datagen.Tpcds;

/// <summary>time_dim: one row per second of the day (86 400 rows), t_time_sk the second. No randomness.</summary>
internal static class TimeDimWriter
{
    public static async Task<long> WriteAsync(TpcdsContext ctx, CancellationToken ct)
    {
        await using var w = await ctx.OpenAsync(TpcdsSchemas.TimeDim, 0, ct);
        var b = w.Batch;
        var sk = b.Int64("t_time_sk");
        var id = b.String("t_time_id");
        var time = b.Int32("t_time");
        var hour = b.Int32("t_hour");
        var minute = b.Int32("t_minute");
        var second = b.Int32("t_second");
        var amPm = b.String("t_am_pm");
        var shift = b.String("t_shift");
        var subShift = b.String("t_sub_shift");
        var mealTime = b.String("t_meal_time");

        for (var t = 0; t < TpcdsScale.TimeDimRows; t++)
        {
            var row = b.Add();
            var h = t / 3600;
            sk[row] = t;
            id[row] = TpcdsValues.BusinessKey(t);
            time[row] = t;
            hour[row] = h;
            minute[row] = t / 60 % 60;
            second[row] = t % 60;
            amPm[row] = h < 12 ? "AM" : "PM";
            shift[row] = h < 8 ? "third" : h < 16 ? "first" : "second";
            subShift[row] = h < 6 ? "night" : h < 12 ? "morning" : h < 18 ? "afternoon" : h < 22 ? "evening" : "night";
            // NULL outside meal times, as in the specification.
            mealTime[row] = h is >= 6 and < 9 ? "breakfast" : h is >= 11 and < 14 ? "lunch" : h is >= 17 and < 20 ? "dinner" : null!;
            await w.FlushIfFullAsync();
        }

        return TpcdsScale.TimeDimRows;
    }
}
