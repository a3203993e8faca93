using GovCloud.Domain;
using GovCloud.Domain.DataAccess;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.DataAccess;

/// <summary>
/// 访问授权: the Center's operator asks, the agency's security officer approves or refuses, the agency revokes,
/// the operator withdraws a request still waiting; an emergency access is opened by the operator and reviewed by the agency
/// afterwards. Each step is audited and told to whom it concerns. Reading the grants is in <c>AccessGrantService.Read.cs</c>,
/// the bastion's check in <see cref="AccessCheckService"/>.
/// </summary>
public sealed partial class AccessGrantService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    public const string CaseType = "AccessGrant";
    private AccessLimits Limits => options.Value.DataAccess.Limits;

    public async Task<AccessGrantCreated> RequestAsync(Actor actor, AccessRequestInput input, CancellationToken ct)
    {
        RequireOperator(actor);
        var now = clock.GetUtcNow();
        var (vmIds, serviceIds) = ((input.VmIds ?? []).Distinct().ToList(), (input.ServiceIds ?? []).Distinct().ToList());
        var v = new Validation();
        foreach (var p in AccessGrantRules.ValidateRequest(input.Purpose, input.Mode, input.TicketKind, input.TicketNumber, input.StartsAt, input.Hours,
                     vmIds.Count + serviceIds.Count, now, Limits))
            v.Add(p.Field, p.Message);
        var system = await SystemAsync(input.SystemId, v, ct);
        var targets = system is null || vmIds.Count + serviceIds.Count > AccessGrantRules.MaxTargets ? [] : await TargetsAsync(system.Value.Id, vmIds, serviceIds, v, ct);
        if (system is not null && input.TicketKind is { } kind && Enum.IsDefined(kind) && Texts.Line(input.TicketNumber) is { } number
            && !await TicketExistsAsync(kind, number, system.Value.OrganisationId, ct))
            v.Add("ticketNumber", $"未找到与该单位有关的{kind.DisplayName()}“{number}”");
        // Only the agency's security officer decides: an agency without one could never answer.
        if (system is { } s && !await HasOfficerAsync(s.OrganisationId, ct))
            v.Add("systemId", $"{await OrganisationNameAsync(s.OrganisationId, ct)}尚未设置安全负责人，访问申请无人审批。请该单位的系统管理员设置安全负责人；情况紧急时可开启应急访问");
        v.ThrowIfInvalid();

        var (startsAt, endsAt) = AccessGrantRules.Window(input.StartsAt, input.Hours!.Value, now);
        var when = $"{ChinaTime.Format(startsAt)} 至 {ChinaTime.Format(endsAt)}";
        var grant = await AddAsync(actor, system!.Value, targets, input.Mode!.Value, Texts.OrNull(input.Purpose)!, input.TicketKind, Texts.Line(input.TicketNumber),
            false, AccessGrantState.Requested, startsAt, endsAt, now, async g => await inbox.NotifyAsync(await inbox.SecurityPeopleAsync([g.OrganisationId], ct),
                NotificationKinds.DataAccess, $"访问授权待审批：{g.Number}",
                $"信息化中心{g.OperatorName}申请{g.Mode.DisplayName()}访问《{g.SystemName}》的 {TargetsText(g)}，时段 {when}。目的：{g.Purpose}。请安全负责人审批。",
                Link(g.Id), $"access:{g.Id}:requested", ct), ct);
        return new AccessGrantCreated(grant.Id, grant.Number);
    }

    /// <summary>
    /// 应急访问: the operator opens it himself when the system cannot wait for the agency (an outage, an attack in progress). It
    /// begins now and lasts at most the emergency window; the agency's security officers and the Bureau hear at once, and the agency
    /// reviews it afterwards.
    /// </summary>
    public async Task<AccessGrantCreated> OpenEmergencyAsync(Actor actor, EmergencyAccessInput input, CancellationToken ct)
    {
        RequireOperator(actor);
        var now = clock.GetUtcNow();
        var (vmIds, serviceIds) = ((input.VmIds ?? []).Distinct().ToList(), (input.ServiceIds ?? []).Distinct().ToList());
        var v = new Validation();
        foreach (var p in AccessGrantRules.ValidateEmergency(input.Reason, input.Mode, input.Hours, vmIds.Count + serviceIds.Count, Limits)) v.Add(p.Field, p.Message);
        var system = await SystemAsync(input.SystemId, v, ct);
        var targets = system is null || vmIds.Count + serviceIds.Count > AccessGrantRules.MaxTargets ? [] : await TargetsAsync(system.Value.Id, vmIds, serviceIds, v, ct);
        v.ThrowIfInvalid();

        var (startsAt, endsAt) = AccessGrantRules.Window(null, input.Hours!.Value, now);
        var grant = await AddAsync(actor, system!.Value, targets, input.Mode!.Value, Texts.OrNull(input.Reason)!, null, null, true, AccessGrantState.Approved,
            startsAt, endsAt, now, async g =>
            {
                var title = $"应急访问已开启：{g.Number}";
                var body = $"信息化中心{g.OperatorName}因紧急情况{g.Mode.DisplayName()}访问《{g.SystemName}》的 {TargetsText(g)}，" +
                           $"至 {ChinaTime.Format(endsAt)} 结束。原因：{g.Purpose}";
                await inbox.NotifyAsync(await inbox.SecurityPeopleAsync([g.OrganisationId], ct), NotificationKinds.DataAccess, title,
                    body.TrimEnd('。') + "。可随时撤销；结束后请进行事后审查。", Link(g.Id), $"access:{g.Id}:emergency", ct);
                await inbox.NotifyAsync(await inbox.RecipientsAsync(null, Role.BureauApprover, ct), NotificationKinds.DataAccess, title, body, Link(g.Id),
                    $"access:{g.Id}:emergency", ct);
            }, ct);
        return new AccessGrantCreated(grant.Id, grant.Number);
    }

    public async Task<AccessGrantDto> ApproveAsync(Actor actor, Guid id, AccessDecisionInput input, CancellationToken ct) =>
        await DecideAsync(actor, id, input, approve: true, ct);

    public async Task<AccessGrantDto> RefuseAsync(Actor actor, Guid id, AccessDecisionInput input, CancellationToken ct) =>
        await DecideAsync(actor, id, input, approve: false, ct);

    /// <summary>The agency's security officer approves or refuses a waiting request (a refusal says why); the operator hears.</summary>
    private async Task<AccessGrantDto> DecideAsync(Actor actor, Guid id, AccessDecisionInput input, bool approve, CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencySecurityOfficer)) throw ProblemException.Forbidden("访问申请由使用单位安全负责人审批");
        var grant = await OwnAsync(actor, id, ct);
        ProblemException.CheckVersion(input.Version, grant.Version, "访问申请");
        var now = clock.GetUtcNow();
        var v = new Validation();
        if (AccessGrantRules.WhyNotDecide(grant.State, grant.EndsAt, now) is { } why) v.Add("state", why);
        if (!approve && TextRules.IsBlank(input.Comment)) v.Add("comment", "请说明不同意的理由");
        if (input.Comment is not null && TextRules.MultiLine(input.Comment).Length > AccessGrantRules.MaxPurposeLength)
            v.Add("comment", $"审批意见不超过 {AccessGrantRules.MaxPurposeLength} 个字");
        v.ThrowIfInvalid();

        grant.State = approve ? AccessGrantState.Approved : AccessGrantState.Refused;
        (grant.DecidedBy, grant.DecidedAt, grant.DecisionComment) = (actor.UserName, now, Texts.OrNull(input.Comment));
        grant.Version++;
        audit.Record(actor, approve ? AuditActions.AccessApproved : AuditActions.AccessRefused, CaseType, grant.Id,
            new { state = AccessGrantState.Requested.ToString() }, new { grant.Number, state = grant.State.ToString(), comment = grant.DecisionComment });
        var said = grant.DecisionComment is null ? "" : $"意见：{grant.DecisionComment}";
        await inbox.NotifyAsync([grant.OperatorId], NotificationKinds.DataAccess,
            approve ? $"访问申请已批准：{grant.Number}" : $"访问申请未获同意：{grant.Number}",
            approve ? $"《{grant.SystemName}》{grant.Mode.DisplayName()}访问已授权，时段 {ChinaTime.Format(grant.StartsAt)} 至 {ChinaTime.Format(grant.EndsAt)}。{said}"
                : $"《{grant.SystemName}》的访问申请未获同意。{said}",
            Link(grant.Id), $"access:{grant.Id}:decided", ct);
        await SaveAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The agency ends a grant at any time before its window is over (either of its roles: stopping access is always safe).</summary>
    public async Task<AccessGrantDto> RevokeAsync(Actor actor, Guid id, AccessDecisionInput input, CancellationToken ct)
    {
        if (!actor.IsInAny(Access.Agency)) throw ProblemException.Forbidden("访问授权由使用单位撤销");
        var grant = await OwnAsync(actor, id, ct);
        ProblemException.CheckVersion(input.Version, grant.Version, "访问授权");
        var now = clock.GetUtcNow();
        if (AccessGrantRules.WhyNotRevoke(grant.State, grant.EndsAt, now) is { } why) throw ProblemException.Invalid("state", why);
        if (input.Comment is not null && TextRules.MultiLine(input.Comment).Length > AccessGrantRules.MaxPurposeLength)
            throw ProblemException.Invalid("comment", $"撤销理由不超过 {AccessGrantRules.MaxPurposeLength} 个字");
        grant.State = AccessGrantState.Revoked;
        (grant.EndedBy, grant.EndedAt, grant.EndReason) = (actor.UserName, now, Texts.OrNull(input.Comment));
        grant.Version++;
        audit.Record(actor, AuditActions.AccessRevoked, CaseType, grant.Id, new { state = AccessGrantState.Approved.ToString(), grant.EndsAt },
            new { grant.Number, state = grant.State.ToString(), endedAt = now, reason = Texts.OrNull(input.Comment) });
        await inbox.NotifyAsync([grant.OperatorId], NotificationKinds.DataAccess, $"访问授权已被撤销：{grant.Number}",
            $"{grant.Organisation!.Name}已撤销《{grant.SystemName}》的访问授权，堡垒机将拒绝新的访问。{Texts.OrNull(input.Comment)}",
            Link(grant.Id), $"access:{grant.Id}:revoked", ct);
        await SaveAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The operator who asked withdraws a request still waiting.</summary>
    public async Task<AccessGrantDto> WithdrawAsync(Actor actor, Guid id, AccessDecisionInput input, CancellationToken ct)
    {
        RequireOperator(actor);
        var grant = await db.AccessGrants.Include(g => g.Targets).Include(g => g.Organisation).FirstOrDefaultAsync(g => g.Id == id, ct)
            ?? throw ProblemException.NotFound("访问申请");
        if (grant.OperatorId != actor.UserId) throw ProblemException.Forbidden("只能撤回本人的访问申请");
        ProblemException.CheckVersion(input.Version, grant.Version, "访问申请");
        if (AccessGrantRules.WhyNotWithdraw(grant.State) is { } why) throw ProblemException.Invalid("state", why);
        grant.State = AccessGrantState.Withdrawn;
        (grant.EndedBy, grant.EndedAt) = (actor.UserName, clock.GetUtcNow());
        grant.Version++;
        audit.Record(actor, AuditActions.AccessWithdrawn, CaseType, grant.Id, new { state = AccessGrantState.Requested.ToString() },
            new { grant.Number, state = grant.State.ToString() });
        await SaveAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>
    /// 事后审查: the agency's security officer accepts the emergency access, or disputes it; a dispute goes to the Bureau and the
    /// Center's operators, for the Bureau to have the Center rectify it (整改通知书).
    /// </summary>
    public async Task<AccessGrantDto> ReviewAsync(Actor actor, Guid id, EmergencyReviewInput input, CancellationToken ct)
    {
        var grant = await OwnAsync(actor, id, ct);
        if (!await MayReviewAsync(actor, grant.OrganisationId, ct)) throw ProblemException.Forbidden("应急访问由使用单位安全负责人审查（未设安全负责人的单位由经办人审查）");
        ProblemException.CheckVersion(input.Version, grant.Version, "应急访问");
        var v = new Validation();
        foreach (var p in AccessGrantRules.ValidateReview(grant.IsEmergency, grant.Review, input.Review, input.Comment)) v.Add(p.Field, p.Message);
        v.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        (grant.Review, grant.ReviewComment, grant.ReviewedBy, grant.ReviewedAt) = (input.Review, Texts.OrNull(input.Comment), actor.UserName, now);
        grant.Version++;
        audit.Record(actor, AuditActions.EmergencyAccessReviewed, CaseType, grant.Id, null,
            new { grant.Number, review = grant.Review.ToString(), comment = grant.ReviewComment });
        if (grant.Review == EmergencyReview.Disputed)
        {
            var title = $"使用单位对应急访问有异议：{grant.Number}";
            var body = $"{grant.Organisation!.Name}对{grant.OperatorName}于 {ChinaTime.Format(grant.StartsAt)} 开启的《{grant.SystemName}》应急访问有异议：{grant.ReviewComment}。" +
                       "请大数据局核查，必要时向信息化中心下发整改通知书。";
            var key = $"access:{grant.Id}:disputed";
            await inbox.NotifyAsync(await inbox.RecipientsAsync(null, Role.BureauApprover, ct), NotificationKinds.DataAccess, title, body, Link(grant.Id), key, ct);
            await inbox.NotifyAsync(await inbox.RecipientsAsync(null, Role.CenterOperator, ct), NotificationKinds.DataAccess, title, body, Link(grant.Id), key, ct);
        }
        await SaveAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    private async Task<AccessGrant> AddAsync(Actor actor, (Guid Id, string Name, Guid OrganisationId) system, List<AccessGrantTarget> targets, AccessMode mode,
        string purpose, AccessTicketKind? ticketKind, string? ticketNumber, bool emergency, AccessGrantState state, DateTimeOffset startsAt, DateTimeOffset endsAt,
        DateTimeOffset now, Func<AccessGrant, Task> tell, CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => new { u.Id, u.UserName, u.DisplayName }).FirstAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var grant = new AccessGrant
        {
            Number = await CaseNumbers.NextAsync(db.AccessGrants.Select(g => g.Number), "FW", clock, ct),
            OrganisationId = system.OrganisationId, SystemId = system.Id, SystemName = system.Name,
            OperatorId = me.Id, OperatorUserName = me.UserName!, OperatorName = me.DisplayName, Mode = mode, Purpose = purpose,
            TicketKind = ticketKind, TicketNumber = ticketNumber, IsEmergency = emergency, RequestedAt = now, StartsAt = startsAt, EndsAt = endsAt, State = state,
            Targets = targets,
        };
        if (emergency)
        {
            // One emergency access at a time per operator and system: a second, or twenty sent at once, is refused while one is in force.
            if (await db.AccessGrants.Where(g => g.IsEmergency && g.OperatorId == me.Id && g.SystemId == system.Id && g.State == AccessGrantState.Approved && g.EndsAt > now)
                    .Select(g => g.Number).FirstOrDefaultAsync(ct) is { } open)
                throw new ProblemException(409, "不能重复开启", $"您对《{system.Name}》的应急访问 {open} 仍在生效中，到期或撤销前不能再开启");
            (grant.DecidedBy, grant.DecidedAt) = (actor.UserName, now);
        }
        db.AccessGrants.Add(grant);
        audit.Record(actor, emergency ? AuditActions.EmergencyAccessOpened : AuditActions.AccessRequested, CaseType, grant.Id, null, new
        {
            grant.Number, system = grant.SystemName, mode = mode.ToString(), purpose, ticketKind = ticketKind?.ToString(), ticketNumber, startsAt, endsAt,
            targets = targets.Select(t => t.Label).ToList(),
        });
        // Who must hear is told in the same transaction: the grant, its audit entry and the messages stand or fall together.
        await tell(grant);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return grant;
    }

    /// <summary>The system asked for: it exists, and it belongs to an agency.</summary>
    private async Task<(Guid Id, string Name, Guid OrganisationId)?> SystemAsync(Guid? systemId, Validation v, CancellationToken ct)
    {
        if (systemId is null)
        {
            v.Add("systemId", "请选择信息系统");
            return null;
        }
        var system = await db.InfoSystems.AsNoTracking().Where(s => s.Id == systemId).Select(s => new { s.Id, s.Name, s.OrganisationId }).FirstOrDefaultAsync(ct);
        if (system is null) v.Add("systemId", "信息系统不存在");
        return system is null ? null : (system.Id, system.Name, system.OrganisationId);
    }

    /// <summary>The VMs and services named: each one of this system and not reclaimed, else said at its field.</summary>
    private async Task<List<AccessGrantTarget>> TargetsAsync(Guid systemId, List<Guid> vmIds, List<Guid> serviceIds, Validation v, CancellationToken ct)
    {
        var vms = await db.CloudVms.AsNoTracking().Where(x => vmIds.Contains(x.Id) && x.SystemId == systemId && x.State != VmState.Reclaimed)
            .Select(x => new { x.Id, x.HostName, x.Ips }).ToListAsync(ct);
        var services = await db.CloudServices.AsNoTracking().Where(x => serviceIds.Contains(x.Id) && x.SystemId == systemId && x.State != VmState.Reclaimed)
            .Select(x => new { x.Id, x.ItemCode, x.Quantity }).ToListAsync(ct);
        var names = await ServiceNamesAsync(services.Select(s => s.ItemCode), ct);
        var targets = new List<AccessGrantTarget>();
        for (var i = 0; i < vmIds.Count; i++)
            if (vms.FirstOrDefault(x => x.Id == vmIds[i]) is { } vm) targets.Add(new AccessGrantTarget { VmId = vm.Id, Label = VmLabel(vm.HostName, vm.Ips) });
            else v.Add($"vmIds[{i}]", $"第 {i + 1} 台虚拟机不属于该系统或已回收");
        for (var i = 0; i < serviceIds.Count; i++)
            if (services.FirstOrDefault(x => x.Id == serviceIds[i]) is { } s)
                targets.Add(new AccessGrantTarget { ServiceId = s.Id, Label = $"{names.GetValueOrDefault(s.ItemCode, s.ItemCode)} × {s.Quantity}" });
            else v.Add($"serviceIds[{i}]", $"第 {i + 1} 项服务不属于该系统或已退订");
        return targets;
    }

    /// <summary>The case the access serves exists and concerns the agency (a change of it, an event touching it, a notice to it or the Center).</summary>
    private async Task<bool> TicketExistsAsync(AccessTicketKind kind, string number, Guid organisationId, CancellationToken ct) => kind switch
    {
        AccessTicketKind.Change => await db.ChangeRequests.AnyAsync(c => c.Number == number && c.OrganisationId == organisationId, ct),
        AccessTicketKind.Incident => await db.SecurityEvents.AnyAsync(e => e.Number == number && (!e.Affected.Any() || e.Affected.Any(a => a.OrganisationId == organisationId)), ct),
        AccessTicketKind.Rectification => await db.RectificationNotices.AnyAsync(n => n.Number == number
            && (n.RecipientId == organisationId || n.Recipient!.Type == GovCloud.Domain.Organisations.OrganisationType.Center), ct),
        _ => false,
    };

    /// <summary>The security officer reviews an emergency access; an agency that has none reviews by its operators, for the access happened anyway.</summary>
    private async Task<bool> MayReviewAsync(Actor actor, Guid organisationId, CancellationToken ct) =>
        actor.IsIn(Role.AgencySecurityOfficer) || (actor.IsIn(Role.AgencyOperator) && !await HasOfficerAsync(organisationId, ct));

    private Task<bool> HasOfficerAsync(Guid organisationId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.IsActive && u.OrganisationId == organisationId && u.Roles.Any(r => r.Role == Role.AgencySecurityOfficer), ct);

    private async Task<string> OrganisationNameAsync(Guid organisationId, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstAsync(ct);

    /// <summary>A grant of the actor's agency, tracked for a step; another agency's is not found.</summary>
    private async Task<AccessGrant> OwnAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        return await db.AccessGrants.Include(g => g.Targets).Include(g => g.Organisation)
                   .FirstOrDefaultAsync(g => g.Id == id && (visible == null || visible.Contains(g.OrganisationId)), ct)
               ?? throw ProblemException.NotFound("访问授权");
    }

    private async Task<Dictionary<string, string>> ServiceNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        return await db.CatalogItems.AsNoTracking().Where(c => list.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
    }

    internal static string VmLabel(string hostName, string ips) => string.IsNullOrEmpty(ips) ? hostName : $"{hostName}（{ips}）";

    private static string TargetsText(AccessGrant grant) => string.Join("、", grant.Targets.Select(t => t.Label));

    public static string Link(Guid id) => $"/data-access/{id}";

    private static void RequireOperator(Actor actor)
    {
        if (!actor.IsIn(Role.CenterOperator)) throw ProblemException.Forbidden("访问申请由信息化中心运维人员提出");
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("该访问授权已被他人处理，请刷新后重试");
        }
    }
}
