using GovCloud.Domain.Calendar;

namespace GovCloud.Domain.Tests;

// …: "within N working days" on the statutory calendar (docs/期限计算规则.md).
public class CalendarTests
{
    private static readonly WorkCalendar Calendar = BuiltInCalendar.Create();
    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    [InlineData("2026-09-20", true, DayKind.MakeUpWorkday, "国庆节")]  // Sunday, 调休上班
    [InlineData("2026-10-01", false, DayKind.Holiday, "国庆节")]
    [InlineData("2026-09-25", false, DayKind.Holiday, "中秋节")]      // Friday off
    [InlineData("2026-10-12", true, DayKind.Workday, null)]
    [InlineData("2026-10-17", false, DayKind.Weekend, null)]
    [InlineData("2024-02-18", true, DayKind.MakeUpWorkday, "春节")]
    [InlineData("2025-01-28", false, DayKind.Holiday, "春节")]
    public void Each_day_has_its_kind(string date, bool working, DayKind kind, string? holiday)
    {
        var day = Calendar.Day(D(date));
        Assert.Equal(working, day.IsWorkingDay);
        Assert.Equal(kind, day.Kind);
        Assert.Equal(holiday, day.Holiday);
        Assert.False(day.Provisional);
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void The_shipped_notices_cover_2019_to_2026()
    {
        Assert.Equal(Enumerable.Range(2019, 8), BuiltInCalendar.Notices.Years.Order());
        Assert.True(Calendar.Day(D("2027-03-01")).Provisional);
        Assert.False(Calendar.Day(D("2026-12-31")).Provisional);
    }

    [Theory]
    // evaluation within 7 working days, across 国庆 2024 (10-01…10-07 off, Saturday 10-12 worked)
    [InlineData("2024-09-30", 7, "2024-10-15")]
    // Sunday 2024-09-29 is worked: it is the first working day after Friday
    [InlineData("2024-09-27", 2, "2024-09-30")]
    // 春节 2024: 02-10…02-17 off, Sunday 02-18 worked
    [InlineData("2024-02-08", 5, "2024-02-21")]
    // 春节 2025: Sunday 01-26 worked, 01-28…02-04 off
    [InlineData("2025-01-24", 3, "2025-02-05")]
    // 国庆 2025: 10-01…10-08 off, Saturday 10-11 worked
    [InlineData("2025-09-30", 5, "2025-10-14")]
    // 15 working days across 春节 2026 (02-15…02-23 off, Saturdays 02-14 and 02-28 worked)
    [InlineData("2026-02-13", 15, "2026-03-12")]
    // Year boundary: 2026-01-01…01-03 off, Sunday 01-04 worked
    [InlineData("2025-12-30", 3, "2026-01-05")]
    // 中秋 + 国庆 2026
    [InlineData("2026-09-24", 5, "2026-10-09")]
    // An event on a holiday starts counting on the next working day
    [InlineData("2026-10-03", 1, "2026-10-08")]
    public void Working_day_periods_count_from_the_next_working_day(string start, int days, string expected) =>
        Assert.Equal(D(expected), DeadlineRules.Compute(Calendar, D(start), Period.WorkingDays(days)).LastDay);

    [Theory]
    // trial of 30 calendar days ending on a holiday moves to the next working day
    [InlineData("2024-09-01", 30, "2024-10-08")]
    [InlineData("2026-02-01", 15, "2026-02-24")]
    [InlineData("2026-03-01", 15, "2026-03-16")]
    // A last day on a worked Saturday stays
    [InlineData("2026-02-13", 15, "2026-02-28")]
    public void Calendar_day_periods_end_on_day_plus_n_moved_to_a_working_day(string start, int days, string expected) =>
        Assert.Equal(D(expected), DeadlineRules.Compute(Calendar, D(start), Period.CalendarDays(days)).LastDay);

    [Theory]
    // retention of 2 years from Feb 29: no such date → the month's last day (a worked Saturday in 2026)
    [InlineData("2024-02-29", 2, "2026-02-28")]
    [InlineData("2024-02-29", 1, "2025-02-28")]
    // Ending on 国庆 moves to the first working day after it
    [InlineData("2024-10-01", 2, "2026-10-08")]
    public void Year_periods_end_on_the_same_date_or_the_months_last_day(string start, int years, string expected) =>
        Assert.Equal(D(expected), DeadlineRules.Compute(Calendar, D(start), Period.Years(years)).LastDay);

    [Theory]
    [InlineData("2025-01-31", 1, "2025-02-28")] // no 02-31: the month's last day
    [InlineData("2026-01-31", 1, "2026-02-28")] // …which in 2026 is a worked Saturday, so it stays
    [InlineData("2026-08-31", 1, "2026-09-30")]
    [InlineData("2026-04-01", 6, "2026-10-08")]
    [InlineData("2025-08-31", 6, "2026-02-28")]
    public void Month_periods_follow_the_same_rule(string start, int months, string expected)
    {
        var result = DeadlineRules.Compute(Calendar, D(start), Period.Months(months)).LastDay;
        Assert.Equal(D(expected), result);
    }

    [Fact]
    public void A_pause_stops_counting_and_the_pause_and_resume_days_do_not_count()
    {
        var start = D("2026-03-02");
        Assert.Equal(D("2026-03-09"), DeadlineRules.Compute(Calendar, start, Period.WorkingDays(5)).LastDay);
        // Counted 03-03 before the pause on 03-04; resumed 03-10; 4 more: 03-11, 03-12, 03-13, 03-16.
        Assert.Equal(D("2026-03-16"), DeadlineRules.Compute(Calendar, start, Period.WorkingDays(5), [new Pause(D("2026-03-04"), D("2026-03-10"))]).LastDay);
    }

    [Fact]
    public void Several_pauses_add_up()
    {
        var pauses = new[] { new Pause(D("2026-03-04"), D("2026-03-05")), new Pause(D("2026-03-09"), D("2026-03-09")) };
        Assert.Equal(D("2026-03-12"), DeadlineRules.Compute(Calendar, D("2026-03-02"), Period.WorkingDays(5), pauses).LastDay);
    }

    [Fact]
    public void A_pause_after_the_last_day_changes_nothing() =>
        Assert.Equal(D("2026-03-09"), DeadlineRules.Compute(Calendar, D("2026-03-02"), Period.WorkingDays(5),
            [new Pause(D("2026-03-20"), D("2026-03-25"))]).LastDay);

    [Fact]
    public void A_calendar_day_period_is_extended_by_the_paused_days() =>
        Assert.Equal(D("2026-03-19"), DeadlineRules.Compute(Calendar, D("2026-03-01"), Period.CalendarDays(15),
            [new Pause(D("2026-03-05"), D("2026-03-07"))]).LastDay);

    [Fact]
    public void A_running_pause_has_no_deadline_yet() =>
        Assert.Throws<InvalidOperationException>(() => DeadlineRules.Compute(Calendar, D("2026-03-02"), Period.WorkingDays(5), [new Pause(D("2026-03-04"), null)]));

    [Fact]
    public void A_year_without_a_notice_follows_the_weekend_rule()
    {
        Assert.Equal(D("2027-01-01"), DeadlineRules.Compute(Calendar, D("2026-12-31"), Period.WorkingDays(1)).LastDay);
        var newYear = Calendar.Day(D("2027-01-01"));
        Assert.True(newYear.IsWorkingDay); // no notice yet: a Friday is a working day
        Assert.True(newYear.Provisional);
    }

    [Fact]
    public void Working_days_between_agree_with_counting_one_by_one()
    {
        var from = D("2023-12-01");
        for (var to = from; to <= D("2026-12-31"); to = to.AddDays(37))
        {
            var expected = 0;
            for (var d = from.AddDays(1); d < to; d = d.AddDays(1)) if (Calendar.IsWorkingDay(d)) expected++;
            Assert.Equal(expected, Calendar.WorkingDaysStrictlyBetween(from, to));
        }
    }

    [Fact]
    public void Rules_are_described_in_chinese()
    {
        var result = DeadlineRules.Compute(Calendar, D("2026-03-02"), Period.WorkingDays(7));
        Assert.Contains("第7个工作日24时止", result.Rule);
        Assert.Equal("7个工作日", result.Period.ToString());
    }
}
