using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Supervision;

/// <summary>
/// The cloud's own security state: the Center's operators record security events, the steps taken and the result; the
/// agencies touched, the Bureau and (from 较大 up) the regulators are told at once. Everyone with security duties reads every
/// event; an agency the events that touch it, and of those only its own part. The periodic bulletin is in
/// <c>SecurityEventService.Bulletin.cs</c>.
/// </summary>
public sealed partial class SecurityEventService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, MlpsService mlps,
    TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public const string CaseType = "SecurityEvent";

    public async Task<SecurityEventCreated> RecordAsync(Actor actor, SecurityEventInput input, CancellationToken ct)
    {
        RequireHandler(actor);
        var orgIds = (input.OrganisationIds ?? []).Distinct().ToList();
        var systemIds = (input.SystemIds ?? []).Distinct().ToList();
        var vmIds = (input.VmIds ?? []).Distinct().ToList();
        var now = clock.GetUtcNow();
        var v = new Validation();
        foreach (var p in SecurityEventRules.ValidateEvent(input.Title, input.Kind, input.Severity, input.OccurredAt, now, input.Description,
                     orgIds.Count + systemIds.Count + vmIds.Count))
            v.Add(p.Field, p.Message);
        var affected = orgIds.Count + systemIds.Count + vmIds.Count <= SecurityEventRules.MaxAffected ? await AffectedAsync(orgIds, systemIds, vmIds, v, ct) : [];
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var e = new SecurityEvent
        {
            Number = await CaseNumbers.NextAsync(db.SecurityEvents.Select(x => x.Number), "SJ", clock, ct), Title = Texts.Line(input.Title)!,
            Kind = input.Kind!.Value, Severity = input.Severity!.Value, OccurredAt = input.OccurredAt!.Value, Description = Texts.OrNull(input.Description)!,
            State = SecurityEventState.Handling, RecordedBy = actor.UserName ?? "", RecordedAt = now, Affected = affected,
        };
        db.SecurityEvents.Add(e);
        audit.Record(actor, AuditActions.SecurityEventRecorded, CaseType, e.Id, null, new
        {
            e.Number, e.Title, kind = e.Kind.ToString(), severity = e.Severity.ToString(), e.OccurredAt, e.Description,
            affected = await LabelsAsync(affected, ct),
        });
        await TellAsync(e, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SecurityEventCreated(e.Id, e.Number);
    }

    public async Task<SecurityEventDto> AddStepAsync(Actor actor, Guid id, SecurityEventStepInput input, CancellationToken ct)
    {
        RequireHandler(actor);
        var e = await db.SecurityEvents.Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw ProblemException.NotFound("安全事件");
        ProblemException.CheckVersion(input.Version, e.Version, "安全事件");
        var v = new Validation();
        foreach (var p in SecurityEventRules.ValidateStep(e.State, input.Text)) v.Add(p.Field, p.Message);
        v.ThrowIfInvalid();
        var step = new SecurityEventStep { At = clock.GetUtcNow(), Text = Texts.OrNull(input.Text)!, RecordedBy = actor.UserName ?? "" };
        e.Steps.Add(step);
        e.Version++;
        audit.Record(actor, AuditActions.SecurityEventStepAdded, CaseType, e.Id, null, new { e.Number, step.Text });
        await SaveAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<SecurityEventDto> CloseAsync(Actor actor, Guid id, SecurityEventClosing input, CancellationToken ct)
    {
        RequireHandler(actor);
        var e = await db.SecurityEvents.Include(x => x.Steps).Include(x => x.Affected).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw ProblemException.NotFound("安全事件");
        ProblemException.CheckVersion(input.Version, e.Version, "安全事件");
        var now = clock.GetUtcNow();
        var v = new Validation();
        foreach (var p in SecurityEventRules.ValidateClosing(e.State, e.Steps.Count, input.Conclusion, e.OccurredAt, now)) v.Add(p.Field, p.Message);
        v.ThrowIfInvalid();
        (e.State, e.Conclusion, e.ClosedAt, e.ClosedBy) = (SecurityEventState.Closed, Texts.OrNull(input.Conclusion), now, actor.UserName);
        e.Version++;
        audit.Record(actor, AuditActions.SecurityEventClosed, CaseType, e.Id, new { state = SecurityEventState.Handling.ToString() },
            new { e.Number, state = e.State.ToString(), e.Conclusion, e.ClosedAt });
        await inbox.NotifyAsync(await inbox.SecurityPeopleAsync(e.Affected.Select(a => a.OrganisationId).ToHashSet(), ct), NotificationKinds.SecurityEvent,
            $"安全事件已处置完毕：{e.Number}", $"《{e.Title}》已处置完毕。处置结果：{e.Conclusion}", Link(e.Id), $"security-event:{e.Id}:closed", ct);
        await SaveAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<SecurityEventDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var e = await db.SecurityEvents.AsNoTracking().Include(x => x.Steps).Include(x => x.Affected).ThenInclude(a => a.Organisation)
            .Where(x => x.Id == id && (visible == null || x.Affected.Any(a => visible.Contains(a.OrganisationId)))).FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound("安全事件");
        // An agency reads its own part of an event: the other agencies touched are theirs to know.
        var affected = e.Affected.Where(a => visible == null || visible.Contains(a.OrganisationId))
            .OrderBy(a => a.Organisation!.Name, StringComparer.Ordinal).ThenBy(a => a.SystemName).ThenBy(a => a.VmName)
            .Select(a => new AffectedDto(a.OrganisationId, a.Organisation!.Name, a.SystemId, a.SystemName, a.VmId, a.VmName)).ToList();
        return new SecurityEventDto(e.Id, e.Number, e.Title, e.Kind, e.Severity, e.OccurredAt, e.Description, e.State, e.Conclusion, e.ClosedAt, e.ClosedBy,
            e.RecordedBy, e.RecordedAt, affected,
            e.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new SecurityEventStepDto(s.Id, s.At, s.Text, s.RecordedBy)).ToList(),
            e.State == SecurityEventState.Handling && actor.IsIn(Role.CenterOperator), e.Version);
    }

    /// <summary>A page of the list: counted, ordered and cut in the database (the newest first), then projected.</summary>
    public async Task<Paged<SecurityEventRowDto>> ListAsync(Actor actor, SecurityEventQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var (events, visible) = await FilteredAsync(actor, q, ct);
        var total = await events.CountAsync(ct);
        var rows = await ProjectAsync(events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Number).Skip((page - 1) * size).Take(size), visible, ct);
        return new Paged<SecurityEventRowDto>(rows, total, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, SecurityEventQuery q, CancellationToken ct)
    {
        var rows = await RowsAsync(actor, q, ct);
        IEnumerable<IDictionary<string, object?>> sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["事件编号"] = r.Number, ["事件名称"] = r.Title, ["事件类别"] = r.KindName, ["事件级别"] = r.SeverityName,
            ["发生时间"] = ChinaTime.Format(r.OccurredAt), ["受影响对象"] = r.AffectedText, ["处置措施（条）"] = r.Steps, ["状态"] = r.StateName,
            ["处置完毕时间"] = ChinaTime.Format(r.ClosedAt),
        }).ToList();
        return await ExcelExport.ToXlsxAsync(sheet, "安全事件", ct);
    }

    /// <summary>The agencies a reader of every agency's events may filter the list by; none for an agency (it sees its own).</summary>
    public async Task<IReadOnlyList<NamedDto>> AgenciesAsync(Actor actor, CancellationToken ct)
    {
        if (await scope.OrganisationsAsync(actor, ct) is not null) return [];
        return (await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct))
            .Where(o => o.Type.IsTenant()).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new NamedDto(o.Id, o.Name)).ToList();
    }

    /// <summary>Agencies and their systems and VMs on the cloud, for naming whom an event touches.</summary>
    public async Task<AffectableDto> AffectableAsync(Actor actor, CancellationToken ct)
    {
        RequireHandler(actor);
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct);
        var tenants = orgs.Where(o => o.Type.IsTenant()).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new NamedDto(o.Id, o.Name)).ToList();
        var vms = await db.CloudVms.AsNoTracking().Where(v => v.ReclaimedOn == null).Select(v => new { v.Id, v.HostName, v.SystemId }).ToListAsync(ct);
        var systems = await db.InfoSystems.AsNoTracking().Select(s => new { s.Id, s.Name, s.OrganisationId }).ToListAsync(ct);
        return new AffectableDto(tenants, systems.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new AffectableSystemDto(s.Id, s.Name, s.OrganisationId,
                vms.Where(v => v.SystemId == s.Id).OrderBy(v => v.HostName).Select(v => new NamedDto(v.Id, v.HostName)).ToList())).ToList());
    }

    private async Task<List<SecurityEventRowDto>> RowsAsync(Actor actor, SecurityEventQuery q, CancellationToken ct)
    {
        var (events, visible) = await FilteredAsync(actor, q, ct);
        return await ProjectAsync(events, visible, ct);
    }

    private async Task<(IQueryable<SecurityEvent> Events, IReadOnlyCollection<Guid>? Visible)> FilteredAsync(Actor actor, SecurityEventQuery q, CancellationToken ct)
    {
        CheckDates(q.From, "from", q.To, "to");
        var visible = await scope.OrganisationsAsync(actor, ct);
        var events = db.SecurityEvents.AsNoTracking().Where(e => visible == null || e.Affected.Any(a => visible.Contains(a.OrganisationId)));
        if (q.State is { } state) events = events.Where(e => e.State == state);
        if (q.Kind is { } kind) events = events.Where(e => e.Kind == kind);
        if (q.Severity is { } severity) events = events.Where(e => e.Severity == severity);
        if (q.OrganisationId is { } org) events = events.Where(e => e.Affected.Any(a => a.OrganisationId == org));
        if (q.From is { } from) events = events.Where(e => e.OccurredAt >= ChinaTime.EndOfDay(from.AddDays(-1)));
        if (q.To is { } to) events = events.Where(e => e.OccurredAt < ChinaTime.EndOfDay(to));
        if (Texts.Line(q.Q) is { } text) events = events.Where(e => e.Number.Contains(text) || e.Title.Contains(text));
        return (events, visible);
    }

    /// <summary>The rows as the reader sees them: an agency only its own part of whom an event touches.</summary>
    private static async Task<List<SecurityEventRowDto>> ProjectAsync(IQueryable<SecurityEvent> events, IReadOnlyCollection<Guid>? visible, CancellationToken ct)
    {
        var list = await events.Select(e => new
        {
            e.Id, e.Number, e.Title, e.Kind, e.Severity, e.OccurredAt, e.State, e.ClosedAt, Steps = e.Steps.Count,
            Affected = e.Affected.Where(a => visible == null || visible.Contains(a.OrganisationId))
                .Select(a => new { Name = a.Organisation!.Name, a.SystemName, a.VmName }).ToList(),
        }).ToListAsync(ct);
        return list.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Number)
            .Select(e => new SecurityEventRowDto(e.Id, e.Number, e.Title, e.Kind, e.Severity, e.OccurredAt, e.State, e.ClosedAt,
                e.Affected.Count == 0 ? "云平台" : string.Join("、", e.Affected.Select(a => a.Name + (a.SystemName is null ? "" : $"《{a.SystemName}》") + (a.VmName is null ? "" : $" {a.VmName}")).Distinct()),
                e.Steps)).ToList();
    }

    /// <summary>
    /// The targets named: agencies (tenants), systems (with their agency) and live VMs (with their system and agency); each
    /// one unknown is said at its field.
    /// </summary>
    private async Task<List<SecurityEventTarget>> AffectedAsync(List<Guid> orgIds, List<Guid> systemIds, List<Guid> vmIds, Validation v, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id) && o.IsActive).Select(o => new { o.Id, o.Type }).ToListAsync(ct);
        var systems = await db.InfoSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.OrganisationId }).ToListAsync(ct);
        var vms = await db.CloudVms.AsNoTracking().Where(x => vmIds.Contains(x.Id) && x.ReclaimedOn == null)
            .Select(x => new { x.Id, x.HostName, x.SystemId, x.OrganisationId, SystemName = x.System!.Name }).ToListAsync(ct);
        for (var i = 0; i < orgIds.Count; i++)
            if (orgs.FirstOrDefault(o => o.Id == orgIds[i]) is not { } o || !o.Type.IsTenant())
                v.Add($"organisationIds[{i}]", $"第 {i + 1} 个受影响单位不存在或不是使用单位");
        for (var i = 0; i < systemIds.Count; i++)
            if (systems.All(s => s.Id != systemIds[i])) v.Add($"systemIds[{i}]", $"第 {i + 1} 个受影响的信息系统不存在");
        for (var i = 0; i < vmIds.Count; i++)
            if (vms.All(x => x.Id != vmIds[i])) v.Add($"vmIds[{i}]", $"第 {i + 1} 台受影响的虚拟机不存在或已回收");
        // The most precise name wins: a VM names its system and agency; a system named with its VM is not listed twice.
        var targets = vms.Select(x => new SecurityEventTarget { OrganisationId = x.OrganisationId, SystemId = x.SystemId, SystemName = x.SystemName, VmId = x.Id, VmName = x.HostName }).ToList();
        targets.AddRange(systems.Where(s => targets.All(t => t.SystemId != s.Id))
            .Select(s => new SecurityEventTarget { OrganisationId = s.OrganisationId, SystemId = s.Id, SystemName = s.Name }));
        targets.AddRange(orgs.Where(o => targets.All(t => t.OrganisationId != o.Id)).Select(o => new SecurityEventTarget { OrganisationId = o.Id }));
        return targets;
    }

    private async Task<List<string>> LabelsAsync(List<SecurityEventTarget> targets, CancellationToken ct)
    {
        var ids = targets.Select(t => t.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return targets.Select(t => names[t.OrganisationId] + (t.SystemName is null ? "" : $"《{t.SystemName}》") + (t.VmName is null ? "" : $" {t.VmName}")).ToList();
    }

    /// <summary>The agencies touched hear at once, and the Bureau; the regulators from 较大 up .</summary>
    private async Task TellAsync(SecurityEvent e, CancellationToken ct)
    {
        var title = $"{e.Severity.DisplayName()}安全事件：{e.Number}《{e.Title}》";
        var body = $"{ChinaTime.Format(e.OccurredAt)} 发生{e.Kind.DisplayName()}（{e.Severity.DisplayName()}）：{e.Description}";
        var key = $"security-event:{e.Id}";
        await inbox.NotifyAsync(await inbox.SecurityPeopleAsync(e.Affected.Select(a => a.OrganisationId).ToHashSet(), ct), NotificationKinds.SecurityEvent, title,
            body + " 信息化中心正在处置，请配合排查本单位相关系统。", Link(e.Id), key, ct);
        await inbox.NotifyAsync(await inbox.RecipientsAsync(null, Role.BureauApprover, ct), NotificationKinds.SecurityEvent, title, body, Link(e.Id), key, ct);
        if (SecurityEventRules.RegulatorsTold(e.Severity))
            await inbox.NotifyAsync(await inbox.RecipientsAsync(null, Role.Inspector, ct), NotificationKinds.SecurityEvent, title, body, Link(e.Id), key, ct);
    }

    /// <summary>Dates a query names, within the plausible range (a year 1 or 9999 is a typo, not a 500).</summary>
    private void CheckDates(DateOnly? from, string fromField, DateOnly? to, string toField)
    {
        var range = options.Value.Dates.Around(ChinaTime.Today(clock));
        new Validation().Date(from, fromField, "开始日期", range).Date(to, toField, "结束日期", range).ThrowIfInvalid();
    }

    private static string Link(Guid id) => $"/security/events/{id}";

    private static void RequireHandler(Actor actor)
    {
        if (!actor.IsIn(Role.CenterOperator)) throw ProblemException.Forbidden("安全事件由信息化中心运维人员登记和处置");
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("该安全事件已被他人修改，请刷新后重试");
        }
    }
}
