using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Tests.Support;

namespace GovCloud.Web.Tests;

/// <summary>From October on, administrators are reminded to load next year's holiday notice.</summary>
public sealed class CalendarReminderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-09-30T10:00:00+08:00", false)]
    [InlineData("2026-10-01T10:00:00+08:00", true)]
    [InlineData("2026-12-31T10:00:00+08:00", true)]
    public async Task The_reminder_appears_from_october_while_next_year_is_missing(string now, bool reminded)
    {
        await using var app = new GovCloudApp(Provider.Sqlite, clock: new MovableClock(DateTimeOffset.Parse(now)));
        var admin = await app.SignInAsync("admin");
        var overview = await (await admin.GetAsync("/api/v1/calendar/years", Ct)).ReadAsync<CalendarOverview>();
        Assert.Equal(reminded, overview.Reminder is not null);
        if (reminded) Assert.Contains("2027 年节假日安排", overview.Reminder);
        Assert.Contains(overview.Years, y => y.Year == 2026 && y.Source == "内置");
    }
}
