using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;

namespace GovCloud.Domain.Tests;

// SPEC preamble: every SLA is a clock that warns before it runs out and is marked met or overdue.
public class ClockRulesTests
{
    private static readonly WorkCalendar Calendar = BuiltInCalendar.Create();
    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Fact]
    public void Warnings_go_out_one_working_day_before_and_on_the_last_day()
    {
        // Last day 2026-10-08 (Thu, first day after 国庆): one working day before is 2026-09-30.
        var dates = ClockRules.WarningDates(Calendar, D("2026-10-08"), [1, 0]);
        Assert.Equal([(1, D("2026-09-30")), (0, D("2026-10-08"))], dates);
    }

    [Theory]
    [InlineData("2026-11-26", "2026-11-27", 1)]   // Thursday: Friday is left
    [InlineData("2026-11-27", "2026-11-27", 0)]   // the last day itself
    [InlineData("2026-11-28", "2026-11-30", 1)]   // Saturday: Monday is left
    [InlineData("2026-09-30", "2026-10-08", 1)]   // across 国庆: only 10-08
    [InlineData("2026-03-02", "2026-03-11", 7)]   // a 7-working-day clock started today shows 7
    [InlineData("2026-12-01", "2026-11-27", -2)]  // overdue since Monday 11-30 and Tuesday 12-01
    public void Working_days_left_count_from_tomorrow(string today, string lastDay, int left) =>
        Assert.Equal(left, ClockRules.WorkingDaysLeft(Calendar, D(today), D(lastDay)));

    [Theory]
    [InlineData("2026-11-20", "2026-11-27", Urgency.Green)]
    [InlineData("2026-11-26", "2026-11-27", Urgency.Yellow)]
    [InlineData("2026-11-27", "2026-11-27", Urgency.Red)]
    [InlineData("2026-11-30", "2026-11-27", Urgency.Red)]
    public void Urgency_is_red_yellow_or_green(string today, string lastDay, Urgency expected) =>
        Assert.Equal(expected, ClockRules.UrgencyOf(Calendar, D(today), D(lastDay), warnWorkingDaysBefore: 1));

    [Fact]
    public void Done_on_the_last_day_is_met_and_a_day_later_is_overdue()
    {
        Assert.Equal(ClockState.Met, ClockRules.Completed(D("2026-11-27"), D("2026-11-27")));
        Assert.Equal(ClockState.Overdue, ClockRules.Completed(D("2026-11-28"), D("2026-11-27")));
    }

    [Fact]
    public void Every_state_has_a_chinese_name() =>
        Assert.All(Enum.GetValues<ClockState>(), s => Assert.DoesNotContain(s.ToString(), s.DisplayName()));
}
