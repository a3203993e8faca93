using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Deadlines;

public sealed record SweepResult(bool Ran, int MarkedOverdue, int Notified, int Emailed);

/// <summary>
/// One pass over the clocks: warns the responsible users before the last day and on it, marks clocks
/// overdue after it and escalates them to the Bureau. Only the instance holding the lease sweeps.
/// </summary>
public sealed class DeadlineSweep(
    GovCloudDbContext db, CalendarCache calendars, InboxService notifications, AuditLog audit,
    TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public const string LeaseName = "deadline-sweep";

    public async Task<SweepResult> RunAsync(string holder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lease = TimeSpan.FromSeconds(Math.Max(30, options.Value.Deadlines.SweepIntervalSeconds * 2));
        if (!await JobLeases.TryAcquireAsync(db, LeaseName, holder, lease, now, ct)) return new SweepResult(false, 0, 0, 0);

        var calendar = await calendars.GetAsync(db, ct);
        var today = ChinaTime.Today(clock);
        var offsets = options.Value.Deadlines.WarnWorkingDaysBefore;
        var notified = 0;

        var overdue = await db.DeadlineClocks.Include(c => c.Organisation)
            .Where(c => c.State == ClockState.Running && c.DueAt < now).ToListAsync(ct);
        var bureau = overdue.Count == 0 ? [] : await UsersWithRoleAsync(null, Role.BureauApprover, ct);
        foreach (var c in overdue)
        {
            c.State = ClockState.Overdue;
            c.OverdueAt = now;
            c.Version++;
            audit.Record(Actor.System, AuditActions.ClockOverdue, "DeadlineClock", c.Id, after: new { c.DueOn });
            var title = $"{c.CaseTitle}：{c.StepName}已超期";
            var body = $"【{c.CaseTitle}】{c.StepName}（时限 {c.Period}）应于 {c.DueOn:yyyy-MM-dd} 24 时前办结，现已超期。承办：{c.Organisation!.Name}。";
            notified += await notifications.NotifyAsync(await UsersWithRoleAsync(c.OrganisationId, c.ResponsibleRole, ct),
                NotificationKinds.Overdue, title, body, Link(c), $"{c.Id}:overdue", ct);
            notified += await notifications.NotifyAsync(bureau, NotificationKinds.Escalated, title, body + "请督办。", Link(c), $"{c.Id}:escalated", ct);
        }

        if (offsets.Length > 0)
        {
            var horizon = ChinaTime.EndOfDay(calendar.AddWorkingDays(today, Math.Max(1, offsets.Max())));
            var soon = await db.DeadlineClocks.Where(c => c.State == ClockState.Running && c.DueAt <= horizon && c.DueAt >= now).ToListAsync(ct);
            foreach (var c in soon)
            {
                foreach (var (k, date) in ClockRules.WarningDates(calendar, c.DueOn!.Value, offsets))
                {
                    if (today < date) continue;
                    var left = ClockRules.WorkingDaysLeft(calendar, today, c.DueOn.Value);
                    var kind = k == 0 ? NotificationKinds.DueToday : NotificationKinds.DueSoon;
                    var title = k == 0 ? $"{c.CaseTitle}：{c.StepName}今日到期" : $"{c.CaseTitle}：{c.StepName}即将到期";
                    var body = $"【{c.CaseTitle}】{c.StepName}（时限 {c.Period}）须于 {c.DueOn:yyyy-MM-dd} 24 时前办结，" +
                               (left == 0 ? "今天是最后一天。" : $"今天之后还剩 {left} 个工作日。");
                    // The last day is part of the key: a clock whose last day moves is warned again.
                    notified += await notifications.NotifyAsync(await UsersWithRoleAsync(c.OrganisationId, c.ResponsibleRole, ct),
                        kind, title, body, Link(c), $"{c.Id}:warn:{k}:{c.DueOn:yyyyMMdd}", ct);
                }
            }
        }
        await db.SaveChangesAsync(ct);
        var emailed = await notifications.SendPendingEmailsAsync(ct);
        return new SweepResult(true, overdue.Count, notified, emailed);
    }

    private static string Link(DeadlineClock c) => CaseLinks.For(c.CaseType, c.CaseId, c.Id);

    // Many clocks share an organisation and role: look each pair up once per sweep.
    private readonly Dictionary<(Guid?, Role), IReadOnlyCollection<Guid>> _users = new();

    private async Task<IReadOnlyCollection<Guid>> UsersWithRoleAsync(Guid? organisationId, Role role, CancellationToken ct)
    {
        if (_users.TryGetValue((organisationId, role), out var known)) return known;
        return _users[(organisationId, role)] = await notifications.RecipientsAsync(organisationId, role, ct);
    }
}
