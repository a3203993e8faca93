using GovCloud.Domain.DataAccess;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.DataAccess;

/// <summary>Reading grants: one with what the reader may do with it, the list with its filters and export, the targets a system offers.</summary>
public sealed partial class AccessGrantService
{
    public async Task<AccessGrantDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var g = await db.AccessGrants.AsNoTracking().Include(x => x.Targets).Include(x => x.Organisation)
                    .FirstOrDefaultAsync(x => x.Id == id && (visible == null || visible.Contains(x.OrganisationId)), ct)
                ?? throw ProblemException.NotFound("访问授权");
        var now = clock.GetUtcNow();
        var ownAgency = visible is not null && actor.IsInAny(Access.Agency);
        return new AccessGrantDto(g.Id, g.Number, g.OrganisationId, g.Organisation!.Name, g.SystemId, g.SystemName, g.OperatorUserName, g.OperatorName, g.Mode,
            g.Purpose, g.TicketKind, g.TicketNumber, g.IsEmergency, g.RequestedAt, g.StartsAt, g.EndsAt, g.State,
            AccessGrantRules.Standing(g.State, g.StartsAt, g.EndsAt, now), g.DecidedBy, g.DecidedAt, g.DecisionComment, g.EndedBy, g.EndedAt, g.EndReason,
            g.Review, g.ReviewComment, g.ReviewedBy, g.ReviewedAt, g.Targets.OrderBy(t => t.Id).Select(t => t.Label).ToList(),
            MayDecide: ownAgency && actor.IsIn(Role.AgencySecurityOfficer) && AccessGrantRules.WhyNotDecide(g.State, g.EndsAt, now) is null,
            MayRevoke: ownAgency && AccessGrantRules.WhyNotRevoke(g.State, g.EndsAt, now) is null,
            MayWithdraw: g.OperatorId == actor.UserId && actor.IsIn(Role.CenterOperator) && AccessGrantRules.WhyNotWithdraw(g.State) is null,
            MayReview: ownAgency && g.IsEmergency && g.Review is null && await MayReviewAsync(actor, g.OrganisationId, ct),
            g.Version);
    }

    /// <summary>A page of grants, the newest first: an agency its own; the Center, the Bureau and the regulators every agency's.</summary>
    public async Task<Paged<AccessGrantRowDto>> ListAsync(Actor actor, AccessGrantQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var grants = await FilteredAsync(actor, q, ct);
        var total = await grants.CountAsync(ct);
        var rows = await ProjectAsync(grants.OrderByDescending(g => g.RequestedAt).ThenByDescending(g => g.Number).Skip((page - 1) * size).Take(size), ct);
        return new Paged<AccessGrantRowDto>(rows, total, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, AccessGrantQuery q, CancellationToken ct)
    {
        var rows = await ProjectAsync((await FilteredAsync(actor, q, ct)).OrderByDescending(g => g.RequestedAt), ct);
        IEnumerable<IDictionary<string, object?>> sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["编号"] = r.Number, ["使用单位"] = r.OrganisationName, ["信息系统"] = r.SystemName, ["访问对象"] = r.TargetsText, ["申请人"] = r.OperatorName,
            ["权限"] = r.ModeName, ["应急访问"] = r.IsEmergency ? "是" : "否", ["开始时间"] = ChinaTime.Format(r.StartsAt), ["结束时间"] = ChinaTime.Format(r.EndsAt),
            ["状态"] = r.StandingName, ["事后审查"] = r.ReviewName ?? (r.IsEmergency ? "待审查" : ""),
        }).ToList();
        return await ExcelExport.ToXlsxAsync(sheet, "访问授权", ct);
    }

    /// <summary>What a system offers to be reached: its VMs in trial or use, its services; and whether its agency has a security officer to decide.</summary>
    public async Task<AccessTargetsDto> TargetsAsync(Actor actor, Guid systemId, CancellationToken ct)
    {
        RequireOperator(actor);
        var system = await db.InfoSystems.AsNoTracking().Where(s => s.Id == systemId)
                         .Select(s => new { s.Id, s.Name, s.OrganisationId, Organisation = s.Organisation!.Name }).FirstOrDefaultAsync(ct)
                     ?? throw ProblemException.NotFound("信息系统");
        var vms = await db.CloudVms.AsNoTracking().Where(v => v.SystemId == systemId && v.State != VmState.Reclaimed).OrderBy(v => v.HostName)
            .Select(v => new { v.Id, v.HostName, v.Ips }).ToListAsync(ct);
        var services = await db.CloudServices.AsNoTracking().Where(s => s.SystemId == systemId && s.State != VmState.Reclaimed)
            .Select(s => new { s.Id, s.ItemCode, s.Quantity }).ToListAsync(ct);
        var names = await ServiceNamesAsync(services.Select(s => s.ItemCode), ct);
        var officer = await db.Users.AnyAsync(u => u.IsActive && u.OrganisationId == system.OrganisationId && u.Roles.Any(r => r.Role == Role.AgencySecurityOfficer), ct);
        return new AccessTargetsDto(system.Id, system.Name, system.Organisation, officer,
            vms.Select(v => new AccessTargetDto(v.Id, "Vm", VmLabel(v.HostName, v.Ips))).ToList(),
            services.OrderBy(s => names.GetValueOrDefault(s.ItemCode, s.ItemCode), StringComparer.Ordinal)
                .Select(s => new AccessTargetDto(s.Id, "Service", $"{names.GetValueOrDefault(s.ItemCode, s.ItemCode)} × {s.Quantity}")).ToList());
    }

    /// <summary>The systems with something on the cloud to reach, by agency: what the request form offers.</summary>
    public async Task<IReadOnlyList<NamedDto>> ReachableSystemsAsync(Actor actor, CancellationToken ct)
    {
        RequireOperator(actor);
        var systems = await db.InfoSystems.AsNoTracking()
            .Where(s => db.CloudVms.Any(v => v.SystemId == s.Id && v.State != VmState.Reclaimed) || db.CloudServices.Any(c => c.SystemId == s.Id && c.State != VmState.Reclaimed))
            .Select(s => new { s.Id, s.Name, Organisation = s.Organisation!.Name }).ToListAsync(ct);
        return systems.OrderBy(s => s.Organisation, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new NamedDto(s.Id, $"{s.Organisation}《{s.Name}》")).ToList();
    }

    private async Task<IQueryable<AccessGrant>> FilteredAsync(Actor actor, AccessGrantQuery q, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var now = clock.GetUtcNow();
        var grants = db.AccessGrants.AsNoTracking().Where(g => visible == null || visible.Contains(g.OrganisationId));
        if (q.OrganisationId is { } org) grants = grants.Where(g => g.OrganisationId == org);
        if (q.SystemId is { } system) grants = grants.Where(g => g.SystemId == system);
        if (q.Emergency is { } emergency) grants = grants.Where(g => g.IsEmergency == emergency);
        if (q.ToReview == true) grants = grants.Where(g => g.IsEmergency && g.Review == null);
        if (Texts.Line(q.Q) is { } text)
            grants = grants.Where(g => g.Number.Contains(text) || g.SystemName.Contains(text) || g.OperatorName.Contains(text) || g.Purpose.Contains(text));
        // The standing is read from the clock: each one is a condition on the state and the window.
        grants = q.Standing switch
        {
            AccessGrantStanding.Waiting => grants.Where(g => g.State == AccessGrantState.Requested && g.EndsAt > now),
            AccessGrantStanding.NotYetStarted => grants.Where(g => g.State == AccessGrantState.Approved && g.StartsAt > now),
            AccessGrantStanding.InForce => grants.Where(g => g.State == AccessGrantState.Approved && g.StartsAt <= now && g.EndsAt > now),
            AccessGrantStanding.Ended => grants.Where(g => (g.State == AccessGrantState.Approved || g.State == AccessGrantState.Requested) && g.EndsAt <= now),
            AccessGrantStanding.Refused => grants.Where(g => g.State == AccessGrantState.Refused),
            AccessGrantStanding.Withdrawn => grants.Where(g => g.State == AccessGrantState.Withdrawn),
            AccessGrantStanding.Revoked => grants.Where(g => g.State == AccessGrantState.Revoked),
            _ => grants,
        };
        return grants;
    }

    private async Task<List<AccessGrantRowDto>> ProjectAsync(IQueryable<AccessGrant> grants, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var list = await grants.Select(g => new
        {
            g.Id, g.Number, Organisation = g.Organisation!.Name, g.SystemName, g.OperatorName, g.Mode, g.IsEmergency, g.StartsAt, g.EndsAt, g.State, g.Review,
            g.RequestedAt, Targets = g.Targets.OrderBy(t => t.Id).Select(t => t.Label).ToList(),
        }).ToListAsync(ct);
        return list.OrderByDescending(g => g.RequestedAt).ThenByDescending(g => g.Number)
            .Select(g => new AccessGrantRowDto(g.Id, g.Number, g.Organisation, g.SystemName, g.OperatorName, g.Mode, g.IsEmergency, g.StartsAt, g.EndsAt,
                AccessGrantRules.Standing(g.State, g.StartsAt, g.EndsAt, now), string.Join("、", g.Targets), g.Review)).ToList();
    }
}
