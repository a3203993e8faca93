namespace GovCloud.Domain.Calendar;

/// <summary>The last day of a period and the rule that produced it, in words a user can check.</summary>
public sealed record DeadlineResult(DateOnly Start, Period Period, DateOnly LastDay, bool Paused)
{
    public string Rule => DeadlineRules.RuleText(Period, Paused);
}

/// <summary>
/// How a period runs from an event (docs/期限计算规则.md):
/// - N working days from an event on day D: counting starts with the first working day after D;
///   the deadline is the end (24:00) of the N-th working day after D.
/// - N calendar days from D: the last day is D+N. N months / years from D: the same date N months /
///   years later, or that month's last day when there is no such date.
/// - For calendar-day, month and year periods, a last day that is not a working day moves to the
///   next working day (民法典 第二百零三条).
/// - A pause: only whole days on which the clock ran count, so the day a clock pauses, the days it
///   stands still and the day it resumes are not counted; counting goes on after the resume day.
/// </summary>
public static class DeadlineRules
{
    public static DeadlineResult Compute(WorkCalendar calendar, DateOnly start, Period period, IReadOnlyList<Pause>? pauses = null)
    {
        if (period.Length < 1) throw new ArgumentOutOfRangeException(nameof(period), "期限须为正数");
        pauses ??= Array.Empty<Pause>();
        foreach (var pause in pauses)
            if (pause.Until is null) throw new InvalidOperationException("计时暂停中，恢复后才有截止日期");

        var lastDay = period.Unit switch
        {
            PeriodUnit.WorkingDays => WorkingDays(calendar, start, period.Length, pauses),
            PeriodUnit.CalendarDays => calendar.OnOrNextWorkingDay(CalendarDays(start, period.Length, pauses)),
            PeriodUnit.Months => calendar.OnOrNextWorkingDay(CalendarDays(start, DaysTo(start, start.AddMonths(period.Length)), pauses)),
            PeriodUnit.Years => calendar.OnOrNextWorkingDay(CalendarDays(start, DaysTo(start, start.AddYears(period.Length)), pauses)),
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };
        return new DeadlineResult(start, period, lastDay, pauses.Count > 0);
    }

    public static string RuleText(Period period, bool paused)
    {
        var rule = period.Unit switch
        {
            PeriodUnit.WorkingDays => $"自事件发生次日起算的第{period.Length}个工作日24时止（法定节假日不计，调休上班日计入）",
            PeriodUnit.CalendarDays => $"事件发生日加{period.Length}日；该日不是工作日的，顺延至下一个工作日",
            PeriodUnit.Months => $"{period.Length}个月后的对应日（无对应日的为当月最后一日）；该日不是工作日的，顺延至下一个工作日",
            PeriodUnit.Years => $"{period.Length}年后的对应日（无对应日的为当月最后一日）；该日不是工作日的，顺延至下一个工作日",
            _ => "",
        };
        return paused ? rule + "；暂停期间（含暂停日和恢复日）不计" : rule;
    }

    private static int DaysTo(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    /// <summary>Counts whole running working days segment by segment: (start, pause₁), (resume₁, pause₂), … (resumeₖ, ∞).</summary>
    private static DateOnly WorkingDays(WorkCalendar calendar, DateOnly start, int n, IReadOnlyList<Pause> pauses)
    {
        var used = 0;
        var segmentStart = start;
        foreach (var pause in InOrder(pauses))
        {
            var counted = calendar.WorkingDaysStrictlyBetween(segmentStart, pause.From);
            if (used + counted >= n) return calendar.AddWorkingDays(segmentStart, n - used);
            used += counted;
            segmentStart = Max(segmentStart, pause.Until!.Value);
        }
        return calendar.AddWorkingDays(segmentStart, n - used);
    }

    private static DateOnly CalendarDays(DateOnly start, int n, IReadOnlyList<Pause> pauses)
    {
        var used = 0;
        var segmentStart = start;
        foreach (var pause in InOrder(pauses))
        {
            var counted = Math.Max(0, pause.From.DayNumber - segmentStart.DayNumber - 1);
            if (used + counted >= n) return segmentStart.AddDays(n - used);
            used += counted;
            segmentStart = Max(segmentStart, pause.Until!.Value);
        }
        return segmentStart.AddDays(n - used);
    }

    private static IEnumerable<Pause> InOrder(IReadOnlyList<Pause> pauses) => pauses.Count <= 1 ? pauses : pauses.OrderBy(p => p.From);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
