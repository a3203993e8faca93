using GovCloud.Domain.Calendar;
using GovCloud.Domain.Operations;

namespace GovCloud.Domain.Tests;

// the monthly operations bulletin is drafted on the first working day of the next month.
public class OperationsBulletinRulesTests
{
    private static readonly WorkCalendar Calendar = BuiltInCalendar.Create();

    [Fact]
    public void R_22_1_the_bulletin_of_a_month_is_due_on_the_first_working_day_of_the_next()
    {
        // National Day: 1–7 October 2026 off, the 8th the first working day.
        Assert.Null(OperationsBulletinRules.MonthDue(new DateOnly(2026, 10, 7), Calendar));
        Assert.Equal(new DateOnly(2026, 9, 1), OperationsBulletinRules.MonthDue(new DateOnly(2026, 10, 8), Calendar));
        Assert.Equal(new DateOnly(2026, 9, 1), OperationsBulletinRules.MonthDue(new DateOnly(2026, 10, 31), Calendar));
        // 1 November 2026 is a Sunday: Monday the 2nd.
        Assert.Null(OperationsBulletinRules.MonthDue(new DateOnly(2026, 11, 1), Calendar));
        Assert.Equal(new DateOnly(2026, 10, 1), OperationsBulletinRules.MonthDue(new DateOnly(2026, 11, 2), Calendar));
        // New Year 2026: 1–3 January off, Sunday the 4th a make-up working day.
        Assert.Null(OperationsBulletinRules.MonthDue(new DateOnly(2026, 1, 3), Calendar));
        Assert.Equal(new DateOnly(2025, 12, 1), OperationsBulletinRules.MonthDue(new DateOnly(2026, 1, 4), Calendar));
    }

    [Fact]
    public void R_22_1_the_title_month_and_on_time_rate_read_as_the_office_writes_them()
    {
        Assert.Equal("2026年11月政务云运行情况通报", OperationsBulletinRules.Title(new DateOnly(2026, 11, 1)));
        Assert.Equal(new DateOnly(2026, 11, 1), OperationsBulletinRules.ParseMonth("2026-11"));
        Assert.Null(OperationsBulletinRules.ParseMonth("2026-13"));
        Assert.Null(OperationsBulletinRules.ParseMonth("11/2026"));
        Assert.Equal(66.7, OperationsBulletinRules.OnTimePercent(2, 3));
        Assert.Null(OperationsBulletinRules.OnTimePercent(0, 0));
    }

    [Fact]
    public void R_22_1_the_summary_is_required_and_bounded()
    {
        Assert.Equal([("summary", "请填写总体情况")], OperationsBulletinRules.ValidateSummary(" \u200b ").Select(p => (p.Field, p.Message)));
        Assert.Equal("summary", Assert.Single(OperationsBulletinRules.ValidateSummary(new string('好', 2001))).Field);
        Assert.Empty(OperationsBulletinRules.ValidateSummary("本月政务云运行平稳。\n请各单位及时处理闲置资源。"));
    }
}
