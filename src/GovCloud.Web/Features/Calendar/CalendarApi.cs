using GovCloud.Domain.Security;
using System.Globalization;
using GovCloud.Domain.Calendar;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Calendar;

public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar").WithTags("工作日历");
        group.MapGet("/days", Days).WithName("ListCalendarDays").Allow(Access.Calendar)
            .WithSummary("某一时段每天是否工作日（kind：Workday 工作日、Weekend 周末、Holiday 法定节假日、MakeUpWorkday 调休上班日；provisional：该年尚未导入通知）")
            .ProducesValidationProblem();
        group.MapGet("/deadline", Deadline).WithName("ComputeDeadline").Allow(Access.Calendar)
            .WithSummary("计算期限：start 起算日（日期或带时区的时刻，按北京时间取日期）加且仅加一个 workingDays / calendarDays / months / years")
            .ProducesValidationProblem();
        group.MapGet("/years", Years).WithName("ListCalendarYears").Allow(Access.Calendar).WithSummary("已导入节假日安排的年份；从10月起若未导入下一年，给出提醒");
        group.MapPost("/import", Import).WithName("ImportCalendar").Allow(Role.SystemAdmin)
            .WithSummary("导入国务院节假日安排（CSV：date,kind,holiday；或 iCalendar .ics，事件标“休”或“班”），替换所涉年份（系统管理员）")
            // A bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie.
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/days/{date}", SetDay).WithName("SetCalendarDay").Allow(Role.SystemAdmin)
            .WithSummary("把某一天设为放假（isWorkingDay=false）或调休上班（true），或 null 恢复为周末规则（系统管理员）")
            .ProducesValidationProblem().ProducesProblem(403);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CalendarDayDto>>> Days(string? from, string? to, CalendarService calendar, CancellationToken ct)
    {
        var v = new Validation();
        var f = ParseDate(from, "from", "开始日期", v);
        var t = ParseDate(to, "to", "结束日期", v);
        v.ThrowIfInvalid();
        return TypedResults.Ok(await calendar.DaysAsync(f, t, ct));
    }

    private static async Task<Ok<DeadlineDto>> Deadline(string? start, int? workingDays, int? calendarDays, int? months, int? years,
        CalendarService calendar, CancellationToken ct)
    {
        var v = new Validation();
        var day = ParseStart(start, v);
        var given = new (int? Value, PeriodUnit Unit, string Name)[]
        {
            (workingDays, PeriodUnit.WorkingDays, "workingDays"), (calendarDays, PeriodUnit.CalendarDays, "calendarDays"),
            (months, PeriodUnit.Months, "months"), (years, PeriodUnit.Years, "years"),
        }.Where(p => p.Value is not null).ToList();
        if (given.Count != 1) v.Add("period", "须且只须给出 workingDays、calendarDays、months、years 中的一个");
        else if (given[0].Value is < 1 or > 3650) v.Add(given[0].Name, "期限须为 1 至 3650 之间的整数");
        v.ThrowIfInvalid();
        return TypedResults.Ok(await calendar.DeadlineAsync(day, new Period(given[0].Value!.Value, given[0].Unit), ct));
    }

    private static async Task<Ok<CalendarOverview>> Years(CalendarService calendar, CancellationToken ct) =>
        TypedResults.Ok(await calendar.OverviewAsync(ct));

    private static async Task<Ok<CalendarImportResult>> Import(IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] int? year, HttpContext http,
        CalendarService calendar, FileStore files, CancellationToken ct)
    {
        var content = await files.ReadAllAsync(file, "请选择要导入的文件（.csv 或 .ics）", ct);
        return TypedResults.Ok(await calendar.ImportAsync(Actor.From(http), file!.FileName, content, year, ct));
    }

    private static async Task<Ok<CalendarDayDto>> SetDay(string date, CalendarDayInput input, HttpContext http, CalendarService calendar, CancellationToken ct)
    {
        var v = new Validation();
        var day = ParseDate(date, "date", "日期", v);
        v.ThrowIfInvalid();
        return TypedResults.Ok(await calendar.SetDayAsync(Actor.From(http), day, input, ct));
    }

    private static DateOnly ParseDate(string? text, string field, string label, Validation v)
    {
        if (string.IsNullOrWhiteSpace(text)) { v.Add(field, $"请给出{label}（yyyy-MM-dd）"); return default; }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        v.Add(field, $"{label}“{text}”格式不正确，应为 yyyy-MM-dd");
        return default;
    }

    /// <summary>A date, or an instant with its offset (the day it falls on in Beijing).</summary>
    private static DateOnly ParseStart(string? text, Validation v)
    {
        if (!string.IsNullOrWhiteSpace(text) && text.Contains('T')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return ChinaTime.DateOf(instant);
        return ParseDate(text, "start", "起算日", v);
    }
}
