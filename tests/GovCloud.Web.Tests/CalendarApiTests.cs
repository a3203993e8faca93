using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GovCloud.Domain.Calendar;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>The calendar API: days, deadlines, imports and single-day edits, on both databases.</summary>
public abstract class CalendarApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Days_show_holidays_and_make_up_working_days()
    {
        var client = await app.SignInAsync("edu");
        var days = await (await client.GetAsync("/api/v1/calendar/days?from=2026-09-19&to=2026-10-11", Ct)).ReadAsync<List<CalendarDayDto>>();
        Assert.Equal(23, days.Count);
        var sunday = days.Single(d => d.Date == new DateOnly(2026, 9, 20));
        Assert.True(sunday.IsWorkingDay);
        Assert.Equal(DayKind.MakeUpWorkday, sunday.Kind);
        Assert.Equal("国庆节", sunday.Holiday);
        Assert.Equal("调休上班日", sunday.KindName);
        Assert.All(days.Where(d => d.Date >= new DateOnly(2026, 10, 1) && d.Date <= new DateOnly(2026, 10, 7)),
            d => Assert.Equal(DayKind.Holiday, d.Kind));
        Assert.All(days, d => Assert.False(d.Provisional));
    }

    [Fact]
    public async Task Seven_working_days_from_the_eve_of_the_national_day()
    {
        // From 2026-09-30: 10-01…10-07 off; 10-08 (1), 10-09 (2), 10-10 Saturday worked (3), 10-12 (4), 10-13 (5), 10-14 (6), 10-15 (7).
        var client = await app.SignInAsync("center");
        var result = await (await client.GetAsync("/api/v1/calendar/deadline?start=2026-09-30&workingDays=7", Ct)).ReadAsync<DeadlineDto>();
        Assert.Equal(new DateOnly(2026, 10, 15), result.Deadline);
        Assert.Equal(new DateTimeOffset(2026, 10, 16, 0, 0, 0, TimeSpan.FromHours(8)), result.DueAt);
        Assert.Equal("7个工作日", result.Period);
        Assert.Contains("工作日", result.Rule);
    }

    [Theory]
    [InlineData("calendarDays=15", "2026-03-16")]
    [InlineData("months=6", "2026-09-01")]
    [InlineData("years=2", "2028-03-01")]
    public async Task Other_periods(string period, string expected)
    {
        var client = await app.SignInAsync("edu");
        var result = await (await client.GetAsync($"/api/v1/calendar/deadline?start=2026-03-01&{period}", Ct)).ReadAsync<DeadlineDto>();
        Assert.Equal(DateOnly.Parse(expected), result.Deadline);
        Assert.Equal(period.StartsWith("years"), result.Provisional); // 2028 has no notice yet
    }

    [Fact]
    public async Task An_instant_is_read_as_its_day_in_beijing()
    {
        var client = await app.SignInAsync("edu");
        // 17:30 UTC on 09-29 is 01:30 on 09-30 in Beijing.
        var result = await (await client.GetAsync("/api/v1/calendar/deadline?start=2026-09-29T17:30:00Z&workingDays=1", Ct)).ReadAsync<DeadlineDto>();
        Assert.Equal(new DateOnly(2026, 9, 30), result.Start);
        Assert.Equal(new DateOnly(2026, 10, 8), result.Deadline);
    }

    [Theory]
    [InlineData("start=2026-09-30", "period")]
    [InlineData("start=2026-09-30&workingDays=3&calendarDays=2", "period")]
    [InlineData("start=2026-09-30&workingDays=0", "workingDays")]
    [InlineData("start=2026/09/30&workingDays=3", "start")]
    [InlineData("workingDays=3", "start")]
    public async Task Wrong_deadline_questions_get_400_in_chinese(string query, string field)
    {
        var client = await app.SignInAsync("edu");
        var problem = await (await client.GetAsync($"/api/v1/calendar/deadline?{query}", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(Http.HasChinese(problem.FieldError(field)), $"no Chinese error for {field}: {problem.Detail}");
    }

    [Fact]
    public async Task A_days_range_that_is_backwards_or_too_long_is_refused()
    {
        var client = await app.SignInAsync("edu");
        Assert.Equal("结束日期不能早于开始日期", (await (await client.GetAsync("/api/v1/calendar/days?from=2026-10-10&to=2026-10-01", Ct))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("to"));
        Assert.Contains("最多", (await (await client.GetAsync("/api/v1/calendar/days?from=2020-01-01&to=2026-01-01", Ct))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("to"));
    }

    [Fact]
    public async Task Importing_a_2027_notice_changes_the_days_and_is_audited()
    {
        var admin = await app.SignInAsync("admin");
        var before = await (await admin.GetAsync("/api/v1/calendar/days?from=2027-02-06&to=2027-02-07", Ct)).ReadAsync<List<CalendarDayDto>>();
        Assert.All(before, d => Assert.True(d.Provisional));
        Assert.Equal(DayKind.Weekend, before[0].Kind);

        const string notice = "# source 2027: 国务院办公厅关于2027年部分节假日安排的通知\ndate,kind,holiday\n2027-01-01,off,元旦\n2027-02-05,off,春节\n2027-02-06,off,春节\n2027-02-07,work,春节\n2027-02-08,off,春节\n2027-02-09,off,春节\n";
        var result = await (await admin.PostAsync("/api/v1/calendar/import", Upload("2027.csv", notice), Ct)).ReadAsync<CalendarImportResult>();
        Assert.Equal([2027], result.Years);
        Assert.Equal(6, result.Days);

        var after = await (await admin.GetAsync("/api/v1/calendar/days?from=2027-02-05&to=2027-02-08", Ct)).ReadAsync<List<CalendarDayDto>>();
        Assert.All(after, d => Assert.False(d.Provisional));
        Assert.Equal([false, false, true, false], after.Select(d => d.IsWorkingDay));
        Assert.Equal(DayKind.MakeUpWorkday, after[2].Kind);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "CalendarImported" && a.ActorName == "admin", Ct)));
    }

    [Fact]
    public async Task Importing_a_corrected_notice_again_replaces_the_first_one()
    {
        var admin = await app.SignInAsync("admin");
        var first = "# source 2030: 初版\n2030-01-01,off,元旦\n2030-01-02,off,元旦\n";
        var second = "# source 2030: 更正\n2030-01-01,off,元旦\n2030-01-05,work,元旦\n";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/calendar/import", Upload("2030.csv", first), Ct)).StatusCode);
        var again = await (await admin.PostAsync("/api/v1/calendar/import", Upload("2030.csv", second), Ct)).ReadAsync<CalendarImportResult>();
        Assert.Equal(2, again.Days);
        var days = await (await admin.GetAsync("/api/v1/calendar/days?from=2030-01-01&to=2030-01-05", Ct)).ReadAsync<List<CalendarDayDto>>();
        Assert.Equal([false, true, true, true, true], days.Select(d => d.IsWorkingDay)); // 01-02 is a plain Wednesday again; Saturday 01-05 worked
    }

    [Fact]
    public async Task A_bad_notice_file_is_refused_by_line_and_changes_nothing()
    {
        var admin = await app.SignInAsync("admin");
        var problem = await (await admin.PostAsync("/api/v1/calendar/import", Upload("2028.csv", "2028-01-01,off,元旦\n2028-13-01,off,x\n"), Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("第 2 行 date 列", problem.Detail);
        Assert.False(await app.WithDbAsync(db => db.CalendarYears.AnyAsync(y => y.Year == 2028, Ct)));
    }

    [Fact]
    public async Task An_ics_notice_is_read_with_its_off_and_working_days()
    {
        var admin = await app.SignInAsync("admin");
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//GovCloud test//CN\r\n" +
                           "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20291001\r\nDTEND;VALUE=DATE:20291008\r\nSUMMARY:国庆节 休\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20290929\r\nSUMMARY:国庆节 班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var result = await (await admin.PostAsync("/api/v1/calendar/import", Upload("2029.ics", ics, year: 2029), Ct)).ReadAsync<CalendarImportResult>();
        Assert.Equal(8, result.Days);
        var days = await (await admin.GetAsync("/api/v1/calendar/days?from=2029-09-29&to=2029-10-08", Ct)).ReadAsync<List<CalendarDayDto>>();
        Assert.True(days[0].IsWorkingDay);                      // Saturday 09-29 worked
        Assert.Equal("国庆节", days[0].Holiday);
        Assert.All(days.Skip(2).Take(7), d => Assert.Equal(DayKind.Holiday, d.Kind)); // 10-01 … 10-07
        Assert.True(days[^1].IsWorkingDay);                     // DTEND is exclusive: 10-08 works
    }

    [Fact]
    public async Task The_admin_edits_one_day_and_can_reset_it()
    {
        var admin = await app.SignInAsync("admin");
        var set = await (await admin.PutJsonAsync("/api/v1/calendar/days/2026-11-30", new { isWorkingDay = false, holiday = "抗灾停工" })).ReadAsync<CalendarDayDto>();
        Assert.Equal(DayKind.Holiday, set.Kind);
        var deadline = await (await admin.GetAsync("/api/v1/calendar/deadline?start=2026-11-27&workingDays=1", Ct)).ReadAsync<DeadlineDto>();
        Assert.Equal(new DateOnly(2026, 12, 1), deadline.Deadline);

        var reset = await (await admin.PutJsonAsync("/api/v1/calendar/days/2026-11-30", new { isWorkingDay = (bool?)null })).ReadAsync<CalendarDayDto>();
        Assert.Equal(DayKind.Workday, reset.Kind);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "CalendarDayChanged", Ct)));

        var missingName = await (await admin.PutJsonAsync("/api/v1/calendar/days/2026-11-30", new { isWorkingDay = false })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写节日名称（如 国庆节）", missingName.FieldError("holiday"));
    }

    [Fact]
    public async Task Only_the_system_administrator_changes_the_calendar()
    {
        var bureau = await app.SignInAsync("bureau");
        Assert.Equal(HttpStatusCode.Forbidden, (await bureau.PutJsonAsync("/api/v1/calendar/days/2026-11-30", new { isWorkingDay = false, holiday = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bureau.PostAsync("/api/v1/calendar/import", Upload("x.csv", "2030-01-01,off,元旦\n"), Ct)).StatusCode);
    }

    [Theory]
    [InlineData("DTSTART;VALUE=DATE:99991231", "不在 2000—2099 年之间")]
    [InlineData("DTSTART;VALUE=DATE:00010102\r\nDTEND;VALUE=DATE:99991231", "不在 2000—2099 年之间")]
    [InlineData("DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20991231", "最多 31 天")]
    public async Task A_notice_of_impossible_dates_or_a_holiday_of_decades_is_refused_before_any_day_is_made(string dates, string expected)
    {
        var admin = await app.SignInAsync("admin");
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:x@test\r\n{dates}\r\nSUMMARY:春节休\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var problem = await (await admin.PostAsync("/api/v1/calendar/import", Upload("holiday.ics", ics, 2027), TestContext.Current.CancellationToken))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.Detail);
    }

    private static MultipartFormDataContent Upload(string name, string text, int? year = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".ics") ? "text/calendar" : "text/csv");
        content.Add(file, "file", name);
        if (year is not null) content.Add(new StringContent(year.ToString()!), "year");
        return content;
    }
}

public sealed class CalendarApiOnSqlite(SqliteApp app) : CalendarApiTests(app), IClassFixture<SqliteApp>;
public sealed class CalendarApiOnPostgres(PostgresApp app) : CalendarApiTests(app), IClassFixture<PostgresApp>;
