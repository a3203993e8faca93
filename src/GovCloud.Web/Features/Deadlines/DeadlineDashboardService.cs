using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Deadlines;

public sealed record DashboardRow(Guid OrganisationId, string OrganisationName, string Step, string StepName, int Overdue, int DueSoon);

public sealed record OnTimeRate(string Step, string StepName, int Year, int Month, int Met, int Total)
{
    public double Rate => Total == 0 ? 1 : (double)Met / Total;
}

public sealed record DeadlineDashboard(int Overdue, int DueSoon, int Running, IReadOnlyList<DashboardRow> ByOrganisationAndStep, IReadOnlyList<OnTimeRate> OnTime);

/// <summary>The Bureau's and the Center's view of all clocks: what is overdue, what is about to be, and how steps keep time.</summary>
public sealed class DeadlineDashboardService(GovCloudDbContext db, CalendarCache calendars, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public static readonly Role[] Viewers = [Role.BureauApprover, Role.CenterEvaluator, Role.CenterOperator];

    public async Task<DeadlineDashboard> DashboardAsync(Actor actor, int months, CancellationToken ct)
    {
        if (!actor.IsInAny(Viewers)) throw ProblemException.Forbidden("只有市大数据发展局和市信息化建设管理中心可以查看时限看板");
        var calendar = await calendars.GetAsync(db, ct);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var horizon = ChinaTime.EndOfDay(calendar.AddWorkingDays(today, Math.Max(1, options.Value.Deadlines.WarnWorkingDaysBefore.DefaultIfEmpty(1).Max())));
        var clocks = db.DeadlineClocks.AsNoTracking();

        // Open work only: overdue and not yet done, or running and due within the warning window.
        var groups = await clocks
            .Where(c => (c.State == ClockState.Overdue && c.CompletedAt == null) || (c.State == ClockState.Running && c.DueAt <= horizon))
            .GroupBy(c => new { c.OrganisationId, c.Step, c.StepName })
            .Select(g => new
            {
                g.Key.OrganisationId, g.Key.Step, g.Key.StepName,
                Overdue = g.Count(c => c.State == ClockState.Overdue || c.DueAt < now),
                DueSoon = g.Count(c => c.State == ClockState.Running && c.DueAt >= now),
            })
            .ToListAsync(ct);
        var orgIds = groups.Select(g => g.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var rows = groups.Select(g => new DashboardRow(g.OrganisationId, names.GetValueOrDefault(g.OrganisationId, ""), g.Step, g.StepName, g.Overdue, g.DueSoon))
            .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.DueSoon).ThenBy(r => r.OrganisationName).ToList();

        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Math.Clamp(months, 1, 36) - 1));
        var onTime = await clocks
            .Where(c => c.DueOn >= from && c.DueOn <= today && (c.State == ClockState.Met || c.State == ClockState.Overdue))
            .GroupBy(c => new { c.Step, c.StepName, c.DueOn!.Value.Year, c.DueOn.Value.Month })
            .Select(g => new OnTimeRate(g.Key.Step, g.Key.StepName, g.Key.Year, g.Key.Month, g.Count(c => c.State == ClockState.Met), g.Count()))
            .ToListAsync(ct);

        var running = await clocks.CountAsync(c => c.State == ClockState.Running, ct);
        return new DeadlineDashboard(rows.Sum(r => r.Overdue), rows.Sum(r => r.DueSoon), running, rows,
            onTime.OrderBy(r => r.Step).ThenBy(r => r.Year).ThenBy(r => r.Month).ToList());
    }

    public async Task<byte[]> ExportAsync(Actor actor, int months, CancellationToken ct)
    {
        var d = await DashboardAsync(actor, months, ct);
        return await ExcelExport.ToXlsxAsync(new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["超期与即将到期"] = ExcelExport.Sheet(d.ByOrganisationAndStep, OpenColumns), ["按时率"] = ExcelExport.Sheet(d.OnTime, RateColumns),
        }, ct);
    }

    private static readonly ExcelColumn<DashboardRow>[] OpenColumns =
        [new("承办单位", r => r.OrganisationName), new("环节", r => r.StepName), new("已超期", r => r.Overdue), new("即将到期", r => r.DueSoon)];

    private static readonly ExcelColumn<OnTimeRate>[] RateColumns =
    [
        new("环节", r => r.StepName), new("月份", r => $"{r.Year}-{r.Month:D2}"), new("按时办结", r => r.Met), new("到期总数", r => r.Total),
        new("按时率", r => Math.Round(r.Rate * 100, 1) + "%"),
    ];
}
