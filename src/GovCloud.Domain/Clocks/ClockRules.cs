using GovCloud.Domain.Calendar;

namespace GovCloud.Domain.Clocks;

/// <summary>Where a deadline clock stands.</summary>
public enum ClockState
{
    Running,
    Paused,
    Met,
    Overdue,
    Cancelled,
}

/// <summary>红 / 黄 / 绿 as shown next to a clock.</summary>
public enum Urgency
{
    Green,
    Yellow,
    Red,
}

public static class ClockStates
{
    public static string DisplayName(this ClockState state) => state switch
    {
        ClockState.Running => "计时中",
        ClockState.Paused => "已暂停",
        ClockState.Met => "按时完成",
        ClockState.Overdue => "已超期",
        ClockState.Cancelled => "已取消",
        _ => state.ToString(),
    };

    public static bool IsOpen(this ClockState state) => state is ClockState.Running or ClockState.Paused;
}

/// <summary>
/// The rules of a deadline clock (SPEC: every "within N working days" is a clock the system starts,
/// shows, warns on before it runs out, and marks met or overdue).
/// </summary>
public static class ClockRules
{
    /// <summary>The days on which warnings go out: <paramref name="workingDaysBefore"/> working days before the last day (0 = the last day itself).</summary>
    public static IReadOnlyList<(int WorkingDaysBefore, DateOnly Date)> WarningDates(WorkCalendar calendar, DateOnly lastDay, IEnumerable<int> workingDaysBefore)
    {
        var list = new List<(int, DateOnly)>();
        foreach (var k in workingDaysBefore.Distinct().OrderByDescending(k => k))
            list.Add((k, k == 0 ? lastDay : WorkingDaysBefore(calendar, lastDay, k)));
        return list;
    }

    /// <summary>
    /// Working days after today up to the last day (a clock started today shows its whole period;
    /// 0 on the last day itself); negative, the working days since, when overdue.
    /// </summary>
    public static int WorkingDaysLeft(WorkCalendar calendar, DateOnly today, DateOnly lastDay) =>
        today <= lastDay
            ? calendar.WorkingDaysStrictlyBetween(today, lastDay.AddDays(1))
            : -calendar.WorkingDaysStrictlyBetween(lastDay, today.AddDays(1));

    /// <summary>Red when overdue or due today, yellow within the warning window, green otherwise.</summary>
    public static Urgency UrgencyOf(WorkCalendar calendar, DateOnly today, DateOnly lastDay, int warnWorkingDaysBefore)
    {
        if (today >= lastDay) return Urgency.Red;
        return WorkingDaysLeft(calendar, today, lastDay) <= warnWorkingDaysBefore ? Urgency.Yellow : Urgency.Green;
    }

    /// <summary>The state after the work is done at <paramref name="doneOn"/>: met when on or before the last day.</summary>
    public static ClockState Completed(DateOnly doneOn, DateOnly lastDay) => doneOn <= lastDay ? ClockState.Met : ClockState.Overdue;

    private static DateOnly WorkingDaysBefore(WorkCalendar calendar, DateOnly day, int k)
    {
        var d = day;
        for (var found = 0; found < k;)
        {
            d = d.AddDays(-1);
            if (calendar.IsWorkingDay(d)) found++;
        }
        return d;
    }
}
