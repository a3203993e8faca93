using GovCloud.Domain.Applications;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Supervision;

// Assessments coming due are reminded: by the periodic jobs, once per message.
public sealed partial class MlpsService
{
    /// <summary>
    /// 测评提醒: the agency's security officers and operators hear of an assessment due 90 and 30 days ahead, and
    /// once more, with the Bureau, when it is overdue; each message once (its key).
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var today = Today;
        var rows = (await RowsQuery(db.InfoSystems.AsNoTracking().Where(s => s.Lifecycle != SystemLifecycle.Offline)).ToListAsync(ct)).Select(ToRow).ToList();
        if (await CloudRowAsync(ct) is { } cloud) rows.Add(cloud);
        var messages = new List<(Guid Org, string Kind, string Title, string Body, string Link, string Key)>();
        foreach (var r in rows)
        {
            if (r.NextAssessmentDue is not { } due || string.IsNullOrEmpty(r.FilingNumber)) continue;
            var link = $"/security/mlps?system={r.SystemId}";
            if (due < today)
                messages.Add((r.OrganisationId, NotificationKinds.Overdue, $"等级测评已逾期：{r.SystemName}",
                    $"《{r.SystemName}》（{r.LevelName}）的等级测评应于 {due:yyyy-MM-dd} 前完成，已逾期，请尽快委托测评机构测评并登记结果。", link,
                    $"mlps:{r.SystemId}:overdue:{due:yyyyMMdd}"));
            else if (MlpsRules.ReminderOwed(due, today, Schedule) is { } reminder)
                messages.Add((r.OrganisationId, NotificationKinds.DueSoon, $"等级测评即将到期：{r.SystemName}",
                    $"《{r.SystemName}》（{r.LevelName}）的下次等级测评应于 {due:yyyy-MM-dd} 前完成（还有 {due.DayNumber - today.DayNumber} 天）。", link,
                    $"mlps:{r.SystemId}:{due:yyyyMMdd}:{reminder}"));
        }
        if (messages.Count == 0) return 0;
        var done = await inbox.SentKeysAsync(messages.Select(m => m.Key).ToList(), ct);
        var bureau = await inbox.RecipientsAsync(await db.OfficeAsync(OrganisationType.Bureau, ct), Role.BureauApprover, ct);
        var sent = 0;
        foreach (var m in messages.Where(m => !done.Contains(m.Key)))
        {
            // The cloud's own assessment is the Center's operators' to arrange.
            var recipients = (await inbox.RecipientsAsync(m.Org, Role.AgencySecurityOfficer, ct))
                .Concat(await inbox.RecipientsAsync(m.Org, Role.AgencyOperator, ct))
                .Concat(rows.Any(r => r.IsCloud && r.OrganisationId == m.Org) ? await inbox.RecipientsAsync(m.Org, Role.CenterOperator, ct) : [])
                .Concat(m.Kind == NotificationKinds.Overdue ? bureau : []).Distinct().ToList();
            sent += await inbox.NotifyAsync(recipients, m.Kind, m.Title, m.Body, m.Link, m.Key, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return sent;
        }
        catch (DbUpdateException)
        {
            // Another instance sent the same keys at the same moment: theirs stand.
            return 0;
        }
    }
}
