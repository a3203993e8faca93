using System.Text.Json;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Supervision;

// 云安全状况通报: the Center reports a period's security state — its events by kind and severity, the notices still open,
// the agencies with problems — to every agency and the regulators. The figures are counted and frozen when it is published.
public sealed partial class SecurityEventService
{
    private static readonly JsonSerializerOptions FactsJson = new(JsonSerializerDefaults.Web);

    /// <summary>The figures a bulletin for this period would carry if published now (the page previews them).</summary>
    public async Task<BulletinFacts> PreviewAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken ct)
    {
        RequireHandler(actor);
        CheckDates(from, "from", to, "to");
        return await FactsAsync(actor, from, to, ct);
    }

    public async Task<BulletinRowDto> PublishAsync(Actor actor, BulletinInput input, CancellationToken ct)
    {
        RequireHandler(actor);
        var issuer = actor.OrganisationId is { } orgId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == orgId && o.Type == OrganisationType.Center).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (issuer is null) throw ProblemException.Forbidden("云安全状况通报由信息化中心发布");
        var v = new Validation();
        var today = ChinaTime.Today(clock);
        foreach (var p in SecurityEventRules.ValidateBulletin(input.PeriodFrom, input.PeriodTo, today, input.Summary)) v.Add(p.Field, p.Message);
        v.Date(input.PeriodFrom, "periodFrom", "开始日期", options.Value.Dates.Around(today));
        v.ThrowIfInvalid();
        var (from, to) = (input.PeriodFrom!.Value, input.PeriodTo!.Value);
        if (await db.SecurityBulletins.Where(b => b.PeriodFrom == from && b.PeriodTo == to).Select(b => b.Number).FirstOrDefaultAsync(ct) is { } published)
            throw new ProblemException(409, "已经发布", $"这一期间的通报已经发布：{published}",
                new Dictionary<string, string[]> { ["periodTo"] = [$"这一期间的通报已经发布：{published}"] });
        var facts = await FactsAsync(actor, from, to, ct);
        var pattern = options.Value.Supervision.BulletinNumberPattern is { } configured && RectificationRules.CheckPattern(configured) is null
            ? configured : $"{issuer.Name}安全通报〔{{year}}〕{{seq}}号";

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var year = ChinaTime.DateOf(now).Year;
        var sequence = await db.SecurityBulletins.Where(b => b.Year == year).MaxAsync(b => (int?)b.Sequence, ct) + 1 ?? 1;
        var bulletin = new SecurityBulletin
        {
            Number = RectificationRules.Number(pattern, year, sequence), Year = year, Sequence = sequence, Title = SecurityEventRules.BulletinTitle(from, to),
            PeriodFrom = from, PeriodTo = to, Summary = Texts.OrNull(input.Summary)!, Facts = JsonSerializer.Serialize(facts, FactsJson), IssuerId = issuer.Id,
            PublishedBy = actor.UserName ?? "", PublishedAt = now, PublishedOn = ChinaTime.DateOf(now),
        };
        db.SecurityBulletins.Add(bulletin);
        audit.Record(actor, AuditActions.SecurityBulletinPublished, "SecurityBulletin", bulletin.Id, null, new
        {
            bulletin.Number, bulletin.Title, bulletin.PeriodFrom, bulletin.PeriodTo, events = facts.EventCount, facts.OpenNotices, facts.OverdueNotices,
            agencies = facts.Agencies.Select(a => a.Name).ToList(),
        });
        // To every agency (its security officers; an agency without one, its operators) and the regulators; the Bureau too.
        var readers = new List<Guid>();
        foreach (var role in new[] { Role.Inspector, Role.BureauApprover }) readers.AddRange(await inbox.RecipientsAsync(null, role, ct));
        var tenants = (await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Type }).ToListAsync(ct))
            .Where(o => o.Type.IsTenant()).Select(o => o.Id).ToHashSet();
        readers.AddRange(await inbox.SecurityPeopleAsync(tenants, ct));
        await inbox.NotifyAsync(readers.Distinct().ToList(), NotificationKinds.SecurityBulletin, $"{bulletin.Title}已发布",
            $"{issuer.Name}发布{bulletin.Number}：本期安全事件 {facts.EventCount} 起，整改中的整改通知书 {facts.OpenNotices} 份（已超期 {facts.OverdueNotices} 份）。",
            $"/security/events?tab=bulletins", $"security-bulletin:{bulletin.Id}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Row(bulletin, facts);
    }

    public async Task<IReadOnlyList<BulletinRowDto>> BulletinsAsync(int? year, CancellationToken ct)
    {
        var list = await db.SecurityBulletins.AsNoTracking().Where(b => year == null || b.Year == year).ToListAsync(ct);
        return list.OrderByDescending(b => b.PublishedAt).Select(b => Row(b, Read(b))).ToList();
    }

    public async Task<BulletinDto> BulletinAsync(Guid id, CancellationToken ct)
    {
        var b = await db.SecurityBulletins.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw ProblemException.NotFound("安全通报");
        var issuer = await db.Organisations.AsNoTracking().Where(o => o.Id == b.IssuerId).Select(o => o.Name).FirstAsync(ct);
        return new BulletinDto(b.Id, b.Number, b.Title, b.PeriodFrom, b.PeriodTo, b.Summary, Read(b), issuer, b.PublishedOn, b.PublishedBy);
    }

    /// <summary>The bulletin as the official document sent to the agencies and the regulators (GB/T 9704; the same words as PDF and .docx).</summary>
    public async Task<(OfficialDocument Document, string FileName)> BulletinDocumentAsync(Guid id, CancellationToken ct)
    {
        var b = await BulletinAsync(id, ct);
        var f = b.Facts;
        var regulators = (await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Name, o.Type }).ToListAsync(ct))
            .Where(o => o.Type.IsRegulator()).Select(o => o.Name).Order(StringComparer.Ordinal).ToList();
        var addressee = "各使用单位" + (regulators.Count > 0 ? "，" + string.Join("、", regulators) : "") + "：";
        var p = new List<string>
        {
            $"现将{OfficialDocument.ChineseDate(b.PeriodFrom)}至{OfficialDocument.ChineseDate(b.PeriodTo)}政务云安全状况通报如下：",
            "一、总体情况",
        };
        p.AddRange(b.Summary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        p.Add("二、安全事件情况");
        if (f.EventCount == 0) p.Add("本期政务云未发生安全事件。");
        else
        {
            var bySeverity = string.Join("、", f.EventsBySeverity.Where(c => c.Count > 0).Select(c => $"{c.Name}{c.Count}起"));
            var byKind = string.Join("、", f.EventsByKind.Where(c => c.Count > 0).Select(c => $"{c.Name}{c.Count}起"));
            p.Add($"本期共发生（含上期延续处置）安全事件{f.EventCount}起，按级别分：{bySeverity}；按类别分：{byKind}。" +
                  $"截至通报时，已处置完毕{f.EventCount - f.HandlingCount}起，正在处置{f.HandlingCount}起。");
            p.AddRange(f.Events.Select((e, i) =>
                $"（{RectificationRules.ChineseOrdinal(i + 1)}）{e.Number}《{e.Title}》：{e.KindName}，{e.SeverityName}，{OfficialDocument.ChineseDate(e.OccurredOn)}发生，{e.StateName}。"));
        }
        p.Add("三、整改情况");
        p.Add($"截至通报时，整改中的整改通知书{f.OpenNotices}份，其中已超过整改期限{f.OverdueNotices}份；本期办结整改通知书{f.NoticesClosedInPeriod}份。");
        p.Add("四、存在问题的单位");
        if (f.Agencies.Count == 0) p.Add("本期无存在未完成整改或等级保护问题的单位。");
        else
            p.AddRange(f.Agencies.Select((a, i) => $"（{RectificationRules.ChineseOrdinal(i + 1)}）{a.Name}：" + string.Join("，", new[]
            {
                a.OpenNotices > 0 ? $"整改中的整改通知书{a.OpenNotices}份" + (a.OverdueNotices > 0 ? $"（已超期{a.OverdueNotices}份）" : "") : null,
                a.MlpsProblems > 0 ? $"等级保护未备案或测评逾期的系统{a.MlpsProblems}个" : null,
            }.OfType<string>()) + "。"));
        p.Add("请上述单位按期完成整改，落实网络安全主体责任；各使用单位对照本通报举一反三，做好本单位信息系统的安全防护工作。");
        var document = new OfficialDocument(b.IssuerName, b.Number, b.Title, addressee, p, b.PublishedOn, "市大数据发展局", b.IssuerName);
        return (document, $"云安全状况通报-{b.Number}");
    }

    /// <summary>
    /// A period's figures: the events of the period (with those still being handled when it began), the notices open now and
    /// those closed within it, and the agencies with open notices or with systems whose MLPS filing or assessment is missing or late.
    /// </summary>
    private async Task<BulletinFacts> FactsAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = (ChinaTime.EndOfDay(from.AddDays(-1)), ChinaTime.EndOfDay(to));
        var candidates = await db.SecurityEvents.AsNoTracking().Where(e => e.OccurredAt < end && (e.ClosedAt == null || e.ClosedAt >= start))
            .Select(e => new { e.Number, e.Title, e.Kind, e.Severity, e.OccurredAt, e.State, e.ClosedAt }).ToListAsync(ct);
        var events = candidates
            .Where(e => SecurityEventRules.InPeriod(ChinaTime.DateOf(e.OccurredAt), e.ClosedAt is { } c ? ChinaTime.DateOf(c) : null, from, to))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Number)
            .Select(e => new BulletinEvent(e.Number, e.Title, e.Kind, e.Severity, ChinaTime.DateOf(e.OccurredAt), e.State)).ToList();
        var byKind = Enum.GetValues<SecurityEventKind>().Select(k => new BulletinCount(k.DisplayName(), events.Count(e => e.Kind == k))).ToList();
        var bySeverity = Enum.GetValues<SecuritySeverity>().Select(s => new BulletinCount(s.DisplayName(), events.Count(e => e.Severity == s))).ToList();

        var open = await db.RectificationNotices.AsNoTracking().Where(n => n.State == RectificationState.Open)
            .Select(n => new
            {
                n.RecipientId, Name = n.Recipient!.Name, n.Recipient.Type,
                Overdue = db.DeadlineClocks.Where(c => c.Id == n.ClockId).Select(c => c.State).FirstOrDefault() == ClockState.Overdue,
            }).ToListAsync(ct);
        var closedInPeriod = await db.RectificationNotices.CountAsync(n => n.ClosedAt >= start && n.ClosedAt < end, ct);
        var mlpsProblems = (await mlps.RegisterAsync(actor, ct)).Where(r => !r.IsCloud && r.Standing is MlpsStanding.NotFiled or MlpsStanding.Overdue)
            .GroupBy(r => r.OrganisationName).ToDictionary(g => g.Key, g => g.Count());
        var agencies = open.Where(n => n.Type.IsTenant()).Select(n => n.Name).Concat(mlpsProblems.Keys).Distinct()
            .Select(name => new BulletinAgency(name, open.Count(n => n.Name == name), open.Count(n => n.Name == name && n.Overdue), mlpsProblems.GetValueOrDefault(name)))
            .OrderByDescending(a => a.OverdueNotices).ThenByDescending(a => a.OpenNotices).ThenByDescending(a => a.MlpsProblems).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        return new BulletinFacts(byKind, bySeverity, events, open.Count, open.Count(n => n.Overdue), closedInPeriod, agencies);
    }

    private static BulletinFacts Read(SecurityBulletin b) => JsonSerializer.Deserialize<BulletinFacts>(b.Facts, FactsJson)!;

    private static BulletinRowDto Row(SecurityBulletin b, BulletinFacts f) =>
        new(b.Id, b.Number, b.Title, b.PeriodFrom, b.PeriodTo, b.PublishedOn, b.PublishedBy, f.EventCount, f.OpenNotices, f.Agencies.Count);
}
