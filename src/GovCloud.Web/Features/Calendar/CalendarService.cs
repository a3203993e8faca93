using GovCloud.Domain.Calendar;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Calendar;

public sealed record CalendarDayDto(DateOnly Date, bool IsWorkingDay, string? Holiday, DayKind Kind, string KindName, bool Provisional);

public sealed record DeadlineDto(DateOnly Start, string Period, DateOnly Deadline, DateTimeOffset DueAt, string Rule, bool Provisional);

public sealed record CalendarYearDto(int Year, string Source, DateTimeOffset LoadedAt, int Holidays, int MakeUpWorkdays);

public sealed record CalendarOverview(IReadOnlyList<CalendarYearDto> Years, string? Reminder);

public sealed record CalendarImportResult(IReadOnlyList<int> Years, int Days);

public sealed record CalendarDayInput(bool? IsWorkingDay, string? Holiday);

/// <summary>The working-day calendar: read by everyone, changed by the system administrator, every change audited.</summary>
public sealed class CalendarService(GovCloudDbContext db, CalendarCache cache, AuditLog audit, TimeProvider clock,
    Deadlines.DeadlineClockService clocks, Microsoft.Extensions.Options.IOptions<GovCloudOptions> options)
{
    /// <summary>At most this many days in one listing (two years).</summary>
    public const int MaxDays = 732;

    public Task<WorkCalendar> CalendarAsync(CancellationToken ct) => cache.GetAsync(db, ct);

    public async Task<IReadOnlyList<CalendarDayDto>> DaysAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var v = new Validation();
        v.Check(from <= to, "to", "结束日期不能早于开始日期");
        v.Check(to.DayNumber - from.DayNumber < MaxDays, "to", $"一次最多查询 {MaxDays} 天");
        v.Check(from >= WorkCalendar.First && to <= WorkCalendar.Last, "from", $"日期须在 {WorkCalendar.First.Year}—{WorkCalendar.Last.Year} 年之间");
        v.ThrowIfInvalid();
        var calendar = await CalendarAsync(ct);
        var days = new List<CalendarDayDto>(to.DayNumber - from.DayNumber + 1);
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var day = calendar.Day(d);
            days.Add(new CalendarDayDto(d, day.IsWorkingDay, day.Holiday, day.Kind, day.KindName, day.Provisional));
        }
        return days;
    }

    public async Task<DeadlineDto> DeadlineAsync(DateOnly start, Period period, CancellationToken ct)
    {
        if (start < WorkCalendar.First || start > WorkCalendar.Last.AddYears(-10))
            throw ProblemException.Invalid("start", $"起算日须在 {WorkCalendar.First.Year}—{WorkCalendar.Last.Year - 10} 年之间");
        var calendar = await CalendarAsync(ct);
        var result = DeadlineRules.Compute(calendar, start, period);
        var provisional = Enumerable.Range(start.Year, result.LastDay.Year - start.Year + 1).Any(calendar.IsProvisional);
        return new DeadlineDto(start, period.ToString(), result.LastDay, ChinaTime.EndOfDay(result.LastDay), result.Rule, provisional);
    }

    public async Task<CalendarOverview> OverviewAsync(CancellationToken ct)
    {
        var years = await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(ct);
        var counts = await db.HolidayAdjustments.AsNoTracking()
            .GroupBy(a => new { a.Date.Year, a.IsWorkingDay })
            .Select(g => new { g.Key.Year, g.Key.IsWorkingDay, Days = g.Count() })
            .ToListAsync(ct);
        int Count(int year, bool working) => counts.FirstOrDefault(c => c.Year == year && c.IsWorkingDay == working)?.Days ?? 0;
        var list = years.Select(y => new CalendarYearDto(y.Year, y.Source, y.LoadedAt, Count(y.Year, false), Count(y.Year, true))).ToList();
        var today = ChinaTime.Today(clock);
        // The State Council publishes next year's notice in the autumn; from October on, admins are reminded to load it.
        var reminder = today.Month >= 10 && years.All(y => y.Year != today.Year + 1)
            ? $"尚未导入 {today.Year + 1} 年节假日安排，{today.Year + 1} 年的期限暂按周末规则计算。请在国务院办公厅通知发布后导入。"
            : null;
        return new CalendarOverview(list, reminder);
    }

    /// <summary>Replaces the adjusted days of the years a notice file covers.</summary>
    public async Task<CalendarImportResult> ImportAsync(Actor actor, string fileName, byte[] content, int? year, CancellationToken ct)
    {
        RequireAdmin(actor);
        if (year is { } y && (y < WorkCalendar.First.Year || y > WorkCalendar.Last.Year))
            throw ProblemException.Invalid("year", $"年份须在 {WorkCalendar.First.Year}—{WorkCalendar.Last.Year} 之间");
        var (file, errors) = CalendarFiles.Read(fileName, content, year, options.Value.Imports.MaxRows);
        if (file is null)
            throw ProblemException.Invalid(errors.GroupBy(e => e.Line == 0 ? "file" : $"第{e.Line}行.{e.Column}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Line == 0 ? e.Message : $"第 {e.Line} 行 {e.Column} 列：{e.Message}").ToArray()));
        if (file.Years.Count == 0)
            throw ProblemException.Invalid("year", "无法从文件判断年份，请指定导入的年份");
        if (file.Adjustments.FirstOrDefault(a => a.Date < WorkCalendar.First || a.Date > WorkCalendar.Last) is { } far)
            throw ProblemException.Invalid("file", $"日期 {far.Date:yyyy-MM-dd} 不在 {WorkCalendar.First.Year}—{WorkCalendar.Last.Year} 年之间");
        var outside = file.Adjustments.Where(a => !file.Years.Contains(a.Date.Year) && !IsSpillover(a.Date, file.Years)).ToList();
        if (outside.Count > 0)
            throw ProblemException.Invalid("file", $"文件含有 {string.Join("、", file.Years)} 年以外的日期，如 {outside[0].Date:yyyy-MM-dd}");

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dates = file.Adjustments.Select(a => a.Date).ToList();
        var old = await db.HolidayAdjustments.Where(a => file.Years.Contains(a.Date.Year) || dates.Contains(a.Date)).ToListAsync(ct);
        db.HolidayAdjustments.RemoveRange(old);
        db.HolidayAdjustments.AddRange(file.Adjustments.Select(a => Row(a, CalendarSources.Imported, now)));
        foreach (var covered in file.Years)
        {
            var row = await db.CalendarYears.FindAsync([covered], ct);
            if (row is null) db.CalendarYears.Add(new CalendarYear { Year = covered, Source = CalendarSources.Imported, LoadedAt = now });
            else { row.Source = CalendarSources.Imported; row.LoadedAt = now; }
        }
        await BumpVersionAsync(db, ct);
        audit.Record(actor, AuditActions.CalendarImported, "Calendar", string.Join(",", file.Years),
            before: new { days = old.Count }, after: new { fileName, years = file.Years, days = file.Adjustments.Count });
        await db.SaveChangesAsync(ct);
        await clocks.RecomputeAsync(actor, ct); // last days that the new notice moves
        await tx.CommitAsync(ct);
        return new CalendarImportResult(file.Years, file.Adjustments.Count);
    }

    /// <summary>Marks one day as a holiday or a make-up working day, or (IsWorkingDay null) returns it to the weekend rule.</summary>
    public async Task<CalendarDayDto> SetDayAsync(Actor actor, DateOnly date, CalendarDayInput input, CancellationToken ct)
    {
        RequireAdmin(actor);
        if (date < WorkCalendar.First || date > WorkCalendar.Last)
            throw ProblemException.Invalid("date", $"日期须在 {WorkCalendar.First.Year}—{WorkCalendar.Last.Year} 年之间");
        var holiday = Texts.Line(input.Holiday);
        if (input.IsWorkingDay is not null && string.IsNullOrEmpty(holiday))
            throw ProblemException.Invalid("holiday", "请填写节日名称（如 国庆节）");
        if (holiday?.Length > 20) throw ProblemException.Invalid("holiday", "节日名称不能超过 20 个字");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.HolidayAdjustments.FindAsync([date], ct);
        var before = row is null ? null : new { row.IsWorkingDay, row.Holiday, row.Source };
        if (input.IsWorkingDay is null)
        {
            if (row is not null) db.HolidayAdjustments.Remove(row);
        }
        else
        {
            if (row is null) db.HolidayAdjustments.Add(row = new HolidayAdjustment { Date = date, Holiday = holiday!, Source = CalendarSources.Manual });
            row.IsWorkingDay = input.IsWorkingDay.Value;
            row.Holiday = holiday!;
            row.Source = CalendarSources.Manual;
            row.UpdatedAt = clock.GetUtcNow();
        }
        await BumpVersionAsync(db, ct);
        audit.Record(actor, AuditActions.CalendarDayChanged, "CalendarDay", date.ToString("yyyy-MM-dd"), before,
            input.IsWorkingDay is null ? new { reset = true } : new { input.IsWorkingDay, Holiday = holiday });
        await db.SaveChangesAsync(ct);
        await clocks.RecomputeAsync(actor, ct);
        await tx.CommitAsync(ct);
        return (await DaysAsync(date, date, ct))[0];
    }

    /// <summary>Loads the shipped notices of years the database does not have yet (first start, or a newer release).</summary>
    public static async Task EnsureBuiltInAsync(GovCloudDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var notices = BuiltInCalendar.Notices;
        var known = await db.CalendarYears.Select(y => y.Year).ToListAsync(ct);
        var missing = notices.Years.Except(known).ToList();
        if (missing.Count == 0) return;
        var now = clock.GetUtcNow();
        var existing = (await db.HolidayAdjustments.Select(a => a.Date).ToListAsync(ct)).ToHashSet();
        var days = notices.Adjustments
            .Where(a => (missing.Contains(a.Date.Year) || IsSpillover(a.Date, missing)) && !existing.Contains(a.Date)).ToList();
        db.HolidayAdjustments.AddRange(days.Select(a => Row(a, CalendarSources.BuiltIn, now)));
        db.CalendarYears.AddRange(missing.Select(y => new CalendarYear { Year = y, Source = CalendarSources.BuiltIn, LoadedAt = now }));
        await BumpVersionAsync(db, ct);
        audit.Record(Actor.System, AuditActions.CalendarImported, "Calendar", string.Join(",", missing),
            after: new { fileName = "cn-statutory-calendar.csv", years = missing, days = days.Count });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A notice for year Y may adjust the last days of December of Y−1 (元旦 make-up days).</summary>
    private static bool IsSpillover(DateOnly date, IReadOnlyCollection<int> years) => date.Month == 12 && years.Contains(date.Year + 1);

    private static HolidayAdjustment Row(CalendarAdjustment a, string source, DateTimeOffset now) =>
        new() { Date = a.Date, IsWorkingDay = a.IsWorkingDay, Holiday = a.Holiday, Source = source, UpdatedAt = now };

    /// <summary>Every change to the calendar moves the version, so each instance rebuilds its cached calendar.</summary>
    private static async Task BumpVersionAsync(GovCloudDbContext db, CancellationToken ct)
    {
        var state = await db.CalendarStates.FindAsync([1], ct);
        if (state is null) db.CalendarStates.Add(new CalendarState { Id = 1, Version = 1 });
        else state.Version++;
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Role.SystemAdmin)) throw ProblemException.Forbidden("只有系统管理员可以维护工作日历");
    }
}
