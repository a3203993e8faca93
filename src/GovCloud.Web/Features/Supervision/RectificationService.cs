using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Domain.Work;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Work;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Supervision;

/// <summary>
/// 整改通知书: the Bureau, the Center or a regulator issues a numbered notice with a deadline clock;
/// the recipient answers item by item with evidence (<c>RectificationService.Answer.cs</c>); the issuer accepts or reopens each
/// answer and the notice closes with the last item accepted. The clock warns the recipient before the last day and escalates
/// to the Bureau once when it passes. Everyone with security duties reads every notice; an agency its own.
/// </summary>
public sealed partial class RectificationService(
    GovCloudDbContext db, DataScope scope, DeadlineClockService clocks, HandoverNotices handovers, InboxService inbox, AuditLog audit, FileStore files,
    TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public const string CaseType = "RectificationNotice";
    private SupervisionOptions Settings => options.Value.Supervision;
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<NoticeIssued> IssueAsync(Actor actor, NoticeInput input, CancellationToken ct)
    {
        var issuer = await OwnOrganisationAsync(actor, ct);
        if (!RectificationRules.MayIssue(issuer.Type) || !actor.IsIn(RectificationRules.ActingRole(issuer.Type)))
            throw ProblemException.Forbidden("整改通知书由市大数据发展局审批人员、信息化中心运维人员或监管部门检查人员下发");
        var items = (input.Items ?? []).Select(i => new NoticeItemText(i.Text, i.Risk)).ToList();
        var v = new Validation();
        foreach (var p in RectificationRules.ValidateNotice(input.Title, input.LegalBasis, items, input.PeriodLength, input.PeriodUnit, input.ContactName, input.ContactPhone))
            v.Add(p.Field, p.Message);
        var recipient = input.RecipientId is { } rid
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == rid && o.IsActive).Select(o => new { o.Id, o.Name, o.Type }).FirstOrDefaultAsync(ct)
            : null;
        if (recipient is null) v.Add("recipientId", input.RecipientId is null ? "请选择受文单位" : "受文单位不存在或已停用");
        else if (RectificationRules.WhyNotAddressable(issuer.Type, recipient.Type) is { } why) v.Add("recipientId", why);
        var findings = await FindingsAsync(input, recipient?.Id, issuer, v, ct);
        v.ThrowIfInvalid();

        var pattern = Settings.NoticeNumberPatterns.GetValueOrDefault(issuer.Type.ToString()) is { } p2 && RectificationRules.CheckPattern(p2) is null
            ? p2 : $"{issuer.Name}整改〔{{year}}〕{{seq}}号";
        var now = clock.GetUtcNow();
        var year = ChinaTime.DateOf(now).Year;
        var period = new Period(input.PeriodLength!.Value, input.PeriodUnit!.Value);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        // The issuer's running number within the year: taken while holding the write turn, kept unique by the index.
        var sequence = await db.RectificationNotices.Where(n => n.IssuerId == issuer.Id && n.Year == year).MaxAsync(n => (int?)n.Sequence, ct) + 1 ?? 1;
        var notice = new RectificationNotice
        {
            Number = RectificationRules.Number(pattern, year, sequence), IssuerId = issuer.Id, Year = year, Sequence = sequence, RecipientId = recipient!.Id,
            Title = Texts.Line(input.Title)!, LegalBasis = Texts.OrNull(input.LegalBasis)!, PeriodLength = period.Length, PeriodUnit = period.Unit,
            ContactName = Texts.Line(input.ContactName)!, ContactPhone = Texts.Line(input.ContactPhone)!, State = RectificationState.Open,
            IssuedAt = now, IssuedOn = ChinaTime.DateOf(now), IssuedBy = actor.UserName ?? "",
            Items = items.Select((i, n) => new RectificationItem
            {
                RowNo = n + 1, Text = Texts.OrNull(i.Text)!, Risk = i.Risk!.Value, State = ItemState.Pending, FindingId = input.Items![n].FindingId,
            }).ToList(),
        };
        // The findings taken up now point at their notice; one taken up meanwhile by another notice is refused by its index.
        foreach (var f in findings) f.NoticeId = notice.Id;
        db.RectificationNotices.Add(notice);
        var recipientRole = RectificationRules.ActingRole(recipient.Type);
        var started = await clocks.StartAsync(actor, new ClockStart(CaseType, notice.Id.ToString(), $"{notice.Number}《{notice.Title}》", "Rectify", "整改",
            recipient.Id, recipientRole, period, now), ct);
        notice.ClockId = started.Id;
        notice.DueOnAsIssued = started.DueOn!.Value;
        audit.Record(actor, AuditActions.RectificationIssued, CaseType, notice.Id, null, new
        {
            notice.Number, notice.Title, recipient = recipient.Name, issuer = issuer.Name, notice.LegalBasis, period = period.ToString(), started.DueOn,
            items = notice.Items.Select(i => new { i.RowNo, i.Text, risk = i.Risk.ToString() }), notice.ContactName, notice.ContactPhone,
        });
        await HandOverAsync(notice, issuer.Type, recipient.Type, [], $"整改期限 {period}，请于 {started.DueOn:yyyy-MM-dd} 24 时前逐项答复整改情况并上传佐证材料。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new NoticeIssued(notice.Id, notice.Number, started.DueOn!.Value);
    }

    /// <summary>
    /// The inspection findings a notice takes up: each found at the recipient, in an inspection the issuer took part in (or
    /// the Bureau planned), and not taken up by another notice yet.
    /// </summary>
    private async Task<List<InspectionFinding>> FindingsAsync(NoticeInput input, Guid? recipientId, (Guid Id, string Name, OrganisationType Type) issuer,
        Validation v, CancellationToken ct)
    {
        var ids = (input.Items ?? []).Select(i => i.FindingId).OfType<Guid>().ToList();
        if (ids.Count == 0) return [];
        if (ids.Distinct().Count() != ids.Count) v.Add("items", "同一个检查发现的问题只能列为一项");
        var findings = await db.InspectionFindings.Where(f => ids.Contains(f.Id)).ToListAsync(ct);
        var targetIds = findings.Select(f => f.TargetId).ToList();
        var targets = await db.InspectionTargets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.OrganisationId, ct);
        var inspectionIds = findings.Select(f => f.InspectionId).Distinct().ToList();
        var takingPart = await db.Inspections.AsNoTracking().Where(x => inspectionIds.Contains(x.Id))
            .Select(x => new { x.Id, Joined = x.Participants.Any(p => p.OrganisationId == issuer.Id) }).ToDictionaryAsync(x => x.Id, x => x.Joined, ct);
        for (var i = 0; i < input.Items!.Count; i++)
        {
            if (input.Items[i].FindingId is not { } id) continue;
            var f = findings.FirstOrDefault(x => x.Id == id);
            if (f is null) v.Add($"items[{i}].findingId", $"第 {i + 1} 项对应的检查问题不存在");
            else if (recipientId is not null && targets[f.TargetId] != recipientId) v.Add($"items[{i}].findingId", $"第 {i + 1} 项对应的问题不是在受文单位发现的");
            else if (f.NoticeId is not null) v.Add($"items[{i}].findingId", $"第 {i + 1} 项对应的问题已下发过整改通知书");
            else if (issuer.Type != OrganisationType.Bureau && !takingPart[f.InspectionId])
                v.Add($"items[{i}].findingId", $"第 {i + 1} 项对应的检查本单位未参加，不能据此下发");
        }
        return findings;
    }

    public async Task<NoticeDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var notice = await VisibleAsync(actor, id, ct);
        var (issuer, recipient) = await NamesAsync(notice, ct);
        var c = await db.DeadlineClocks.AsNoTracking().FirstAsync(x => x.Id == notice.ClockId, ct);
        var items = notice.Items.OrderBy(i => i.RowNo).Select(i => new NoticeItemDto(i.Id, i.RowNo, i.Text, i.Risk, i.State,
            i.Rounds.OrderBy(r => r.Round).Select(r => new RoundDto(r.Id, r.Round, r.Action, r.AnsweredBy, r.AnsweredAt,
                r.Evidence.OrderBy(e => e.FileName).Select(e => new EvidenceDto(e.Id, e.FileName, e.Size, e.Sha256)).ToList(),
                r.Verdict, r.Reason, r.VerifiedBy, r.VerifiedAt)).ToList(), i.FindingId)).ToList();
        var open = notice.State == RectificationState.Open;
        return new NoticeDto(notice.Id, notice.Number, notice.IssuerId, issuer, notice.RecipientId, recipient, notice.Title, notice.LegalBasis,
            notice.PeriodLength, notice.PeriodUnit, notice.ContactName, notice.ContactPhone, notice.State, notice.IssuedOn, notice.IssuedBy,
            notice.DueOnAsIssued, c.DueOn, c.State, c.State == ClockState.Overdue, notice.ClosedAt, items,
            open && await MayAnswerAsync(actor, notice, ct) && items.Any(i => i.State is ItemState.Pending or ItemState.Reopened),
            open && await MayVerifyAsync(actor, notice, ct) && items.Any(i => i.State == ItemState.Answered), notice.Version);
    }

    public async Task<Paged<NoticeRowDto>> ListAsync(Actor actor, NoticeQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var rows = await RowsAsync(actor, q, ct);
        return new Paged<NoticeRowDto>(rows.Skip((page - 1) * size).Take(size).ToList(), rows.Count, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, NoticeQuery q, CancellationToken ct)
    {
        var rows = await RowsAsync(actor, q, ct);
        IEnumerable<IDictionary<string, object?>> sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["文号"] = r.Number, ["标题"] = r.Title, ["下发单位"] = r.IssuerName, ["受文单位"] = r.RecipientName, ["最高风险等级"] = r.HighestRiskName,
            ["整改事项"] = r.ItemCount, ["已通过"] = r.AcceptedCount, ["待核验"] = r.AwaitingCheckCount, ["下发日期"] = r.IssuedOn.ToString("yyyy-MM-dd"),
            ["整改期限至"] = r.DueOn?.ToString("yyyy-MM-dd"), ["状况"] = r.StandingName,
        }).ToList();
        return await ExcelExport.ToXlsxAsync(sheet, "整改通知书", ct);
    }

    /// <summary>
    /// The dashboard: open, due soon, overdue and closed notices by recipient, by issuer and by the highest risk of their
    /// items; and each recipient's on-time closing rate per year of issue (the evaluation reads it, R-30.1).
    /// </summary>
    public async Task<NoticeDashboard> DashboardAsync(Actor actor, int? year, CancellationToken ct)
    {
        var rows = await RowsAsync(actor, new NoticeQuery(Year: year), ct);
        IReadOnlyList<NoticeTally> By(Func<NoticeRowDto, (string Key, string Name)> key) => rows.GroupBy(key)
            .Select(g => new NoticeTally(g.Key.Key, g.Key.Name, g.Count(r => r.State == RectificationState.Open), g.Count(r => r.DueSoon), g.Count(r => r.Overdue),
                g.Count(r => r.State == RectificationState.Closed)))
            .OrderByDescending(t => t.Overdue).ThenByDescending(t => t.Open).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        // Closed late: the notices of these rows whose clock completed after its last day.
        var closed = rows.Where(r => r.State == RectificationState.Closed).Select(r => r.Id.ToString()).ToList();
        var late = (await db.DeadlineClocks.AsNoTracking()
            .Where(c => c.CaseType == CaseType && c.CompletedAt != null && c.State == ClockState.Overdue && closed.Contains(c.CaseId))
            .Select(c => c.CaseId).ToListAsync(ct)).Select(Guid.Parse).ToHashSet();
        var rates = rows.GroupBy(r => (r.RecipientId, r.RecipientName, r.IssuedOn.Year)).Select(g =>
        {
            var onTime = g.Count(r => r.State == RectificationState.Closed && !late.Contains(r.Id));
            var closedLate = g.Count(r => r.State == RectificationState.Closed && late.Contains(r.Id));
            var overdue = g.Count(r => r.State == RectificationState.Open && r.Overdue);
            return new OnTimeRateDto(g.Key.RecipientId, g.Key.RecipientName, g.Key.Year, g.Count(), onTime, closedLate, overdue,
                RectificationRules.OnTimeRate(onTime, closedLate, overdue));
        }).OrderByDescending(r => r.Year).ThenBy(r => r.Rate ?? 101).ThenBy(r => r.OrganisationName, StringComparer.Ordinal).ToList();
        return new NoticeDashboard(rows.Count(r => r.State == RectificationState.Open), rows.Count(r => r.DueSoon), rows.Count(r => r.Overdue),
            rows.Count(r => r.State == RectificationState.Closed),
            By(r => (r.RecipientId.ToString(), r.RecipientName)), By(r => (r.IssuerId.ToString(), r.IssuerName)),
            By(r => (r.HighestRisk.ToString(), r.HighestRiskName + "风险")), rates);
    }

    /// <summary>Who the actor's organisation may address a notice to (empty when it issues none).</summary>
    public async Task<IReadOnlyList<NoticeRecipientDto>> RecipientsAsync(Actor actor, CancellationToken ct)
    {
        var issuer = await OwnOrganisationAsync(actor, ct);
        if (!RectificationRules.MayIssue(issuer.Type)) return [];
        var all = await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct);
        return all.Where(o => RectificationRules.WhyNotAddressable(issuer.Type, o.Type) is null)
            .OrderBy(o => o.Type == OrganisationType.Center ? 0 : 1).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new NoticeRecipientDto(o.Id, o.Name, o.Type.DisplayName())).ToList();
    }

    private async Task<List<NoticeRowDto>> RowsAsync(Actor actor, NoticeQuery q, CancellationToken ct)
    {
        var notices = await ScopedAsync(actor, ct);
        if (q.State is { } state) notices = notices.Where(n => n.State == state);
        if (q.OrganisationId is { } org) notices = notices.Where(n => n.RecipientId == org);
        if (q.IssuerId is { } issuerId) notices = notices.Where(n => n.IssuerId == issuerId);
        if (q.Year is { } year) notices = notices.Where(n => n.Year == year);
        if (Texts.Line(q.Q) is { } text) notices = notices.Where(n => n.Number.Contains(text) || n.Title.Contains(text) || n.Recipient!.Name.Contains(text));
        var raw = await (from n in notices
            join c in db.DeadlineClocks on n.ClockId equals c.Id
            select new
            {
                n.Id, n.Number, n.IssuerId, Issuer = n.Issuer!.Name, n.RecipientId, Recipient = n.Recipient!.Name, n.Title, n.State, n.IssuedOn,
                c.DueOn, ClockState = c.State, Risks = n.Items.Select(i => i.Risk).ToList(), States = n.Items.Select(i => i.State).ToList(),
            }).ToListAsync(ct);
        var soon = Today.AddDays(Settings.NoticeDueSoonDays);
        var rows = raw.Select(n => new NoticeRowDto(n.Id, n.Number, n.IssuerId, n.Issuer, n.RecipientId, n.Recipient, n.Title, n.Risks.Min(),
            n.States.Count, n.States.Count(s => s == ItemState.Accepted), n.States.Count(s => s == ItemState.Answered), n.State, n.IssuedOn, n.DueOn, n.ClockState,
            n.State == RectificationState.Open && n.ClockState == ClockState.Overdue,
            n.State == RectificationState.Open && n.ClockState == ClockState.Running && n.DueOn <= soon));
        if (q.Overdue is { } overdue) rows = rows.Where(r => r.Overdue == overdue);
        if (q.DueSoon is { } dueSoon) rows = rows.Where(r => r.DueSoon == dueSoon);
        if (q.Risk is { } risk) rows = rows.Where(r => r.HighestRisk == risk);
        // Overdue first, then the soonest last day; closed ones after, newest first.
        return rows.OrderBy(r => r.State).ThenByDescending(r => r.Overdue).ThenBy(r => r.DueOn ?? DateOnly.MaxValue)
            .ThenByDescending(r => r.IssuedOn).ThenByDescending(r => r.Number, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Notices the actor may read: the Bureau, the Center and the regulators all (security data of every agency); an agency
    /// (a county with its departments) those addressed to it. An issuer always reads its own.
    /// </summary>
    private async Task<IQueryable<RectificationNotice>> ScopedAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var own = actor.OrganisationId;
        return db.RectificationNotices.AsNoTracking().Where(n => visible == null || visible.Contains(n.RecipientId) || n.IssuerId == own);
    }

    private async Task<RectificationNotice> VisibleAsync(Actor actor, Guid id, CancellationToken ct) =>
        await (await ScopedAsync(actor, ct)).Include(n => n.Items).ThenInclude(i => i.Rounds).ThenInclude(r => r.Evidence)
            .AsSplitQuery().FirstOrDefaultAsync(n => n.Id == id, ct)
        ?? throw ProblemException.NotFound("整改通知书");

    private async Task<(string Issuer, string Recipient)> NamesAsync(RectificationNotice n, CancellationToken ct)
    {
        var names = await db.Organisations.AsNoTracking().Where(o => o.Id == n.IssuerId || o.Id == n.RecipientId).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return (names[n.IssuerId], names[n.RecipientId]);
    }

    private async Task<(Guid Id, string Name, OrganisationType Type)> OwnOrganisationAsync(Actor actor, CancellationToken ct)
    {
        var org = actor.OrganisationId is { } id
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Id, o.Name, o.Type }).FirstOrDefaultAsync(ct)
            : null;
        return org is null ? throw ProblemException.Forbidden("您的账号不属于任何单位") : (org.Id, org.Name, org.Type);
    }

    private async Task<OrganisationType> TypeOfAsync(Guid organisationId, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Type).FirstAsync(ct);

    /// <summary>The recipient's people answer: an agency's security officer or operator, the Center's operators for the cloud.</summary>
    private async Task<bool> MayAnswerAsync(Actor actor, RectificationNotice n, CancellationToken ct)
    {
        if (actor.OrganisationId != n.RecipientId) return false;
        var type = await TypeOfAsync(n.RecipientId, ct);
        return type.IsTenant() ? actor.IsInAny(Role.AgencySecurityOfficer, Role.AgencyOperator) : actor.IsIn(RectificationRules.ActingRole(type));
    }

    /// <summary>The issuer checks: the same role of the issuing organisation that may issue.</summary>
    private async Task<bool> MayVerifyAsync(Actor actor, RectificationNotice n, CancellationToken ct) =>
        actor.OrganisationId == n.IssuerId && actor.IsIn(RectificationRules.ActingRole(await TypeOfAsync(n.IssuerId, ct)));

    private Task HandOverAsync(RectificationNotice n, OrganisationType issuerType, OrganisationType recipientType, IReadOnlyList<Waiting> before, string? detail,
        CancellationToken ct) =>
        handovers.TellAsync(before, Waiting(n, issuerType, recipientType), Ref(n), detail, ct);

    private static IReadOnlyList<Waiting> Waiting(RectificationNotice n, OrganisationType issuerType, OrganisationType recipientType) =>
        WaitingFor.Rectification(n.Items.Select(i => i.State).ToList(), RectificationRules.ActingRole(recipientType), RectificationRules.ActingRole(issuerType));

    private static CaseRef Ref(RectificationNotice n) => new(n.RecipientId, n.Number, $"整改通知书《{n.Title}》", $"/security/rectifications/{n.Id}", n.IssuerId);
}
