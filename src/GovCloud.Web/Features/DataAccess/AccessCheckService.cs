using GovCloud.Domain;
using GovCloud.Domain.DataAccess;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.DataAccess;

/// <summary>
/// The bastion host's question before each operator session: may this operator read or change this VM, host name,
/// address or service now? Allowed only by a grant of the agency in force that names the target; every answer is kept
/// (<see cref="AccessCheck"/>) for the agency's access log. It sits in the login path of every session, so the allowed path is
/// two indexed reads (the operator's account; his grants not long ended, with their targets) and one insert.
/// </summary>
public sealed class AccessCheckService(GovCloudDbContext db, TimeProvider clock)
{
    /// <summary>Grants that ended longer ago than this are not read: they cannot allow, and "no grant" says enough.</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(1);

    public async Task<AccessCheckResult> CheckAsync(Actor asker, string? operatorUserName, string? target, string? action, CancellationToken ct)
    {
        var (asked, what, mode) = Validate(operatorUserName, target, action);
        var now = clock.GetUtcNow();
        var since = now - Lookback;
        // The operator as the platform knows him (user names are matched as at sign-in, whatever the case): a grant counts only
        // while his account is active, not locked, and still a Center operator's.
        var account = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == asked.ToUpperInvariant())
            .Select(u => new { u.UserName, u.IsActive, u.LockoutEnd, Operator = u.Roles.Any(r => r.Role == Role.CenterOperator) }).FirstOrDefaultAsync(ct);
        var op = account?.UserName ?? asked;
        var mayOperate = account is { IsActive: true, Operator: true } && !(account.LockoutEnd > now);
        var rows = await db.AccessGrants.AsNoTracking()
            .Where(g => g.OperatorUserName == op && g.EndsAt > since)
            .SelectMany(g => g.Targets, (g, t) => new Candidate(g.Id, g.State, g.Mode, g.StartsAt, g.EndsAt, g.OrganisationId, g.SystemId, t.VmId, t.ServiceId,
                t.Label, t.Vm == null ? null : t.Vm.HostName, t.Vm == null ? null : t.Vm.Ips))
            .ToListAsync(ct);
        var named = rows.Where(r => Names(r, what)).ToList();
        if (!mayOperate) named = [];

        AccessCheck check;
        if (named.Count == 0)
        {
            var owner = await OwnerAsync(what, ct);
            check = new AccessCheck
            {
                OperatorUserName = op, Target = what, Action = mode,
                Outcome = !mayOperate ? AccessCheckOutcome.OperatorNotAllowed : owner is null ? AccessCheckOutcome.UnknownTarget : AccessCheckOutcome.NoGrant,
                OrganisationId = owner?.OrganisationId, SystemId = owner?.SystemId, TargetLabel = owner?.Label,
            };
        }
        else
        {
            var judged = named.Select(r => (Row: r, Outcome: AccessGrantRules.Check(r.State, r.Mode, r.StartsAt, r.EndsAt, mode, now))).ToList();
            var outcome = AccessGrantRules.Best(judged.Select(j => j.Outcome));
            // The grant that allowed it (the one lasting longest), or the one that came closest.
            var by = judged.Where(j => j.Outcome == outcome).OrderByDescending(j => j.Row.EndsAt).First().Row;
            check = new AccessCheck
            {
                OperatorUserName = op, Target = what, Action = mode, Outcome = outcome, GrantId = by.GrantId, OrganisationId = by.OrganisationId,
                SystemId = by.SystemId, TargetLabel = by.Label,
            };
        }
        check.At = now;
        check.AskedBy = asker.UserName;
        db.AccessChecks.Add(check);
        await db.SaveChangesAsync(ct);
        var allowed = check.Outcome == AccessCheckOutcome.Allowed;
        var endsAt = allowed ? named.First(r => r.GrantId == check.GrantId).EndsAt : (DateTimeOffset?)null;
        return new AccessCheckResult(allowed, allowed ? check.GrantId : null, endsAt, check.Outcome, check.Outcome.DisplayName());
    }

    private static (string Operator, string Target, AccessMode Mode) Validate(string? operatorUserName, string? target, string? action)
    {
        var v = new Validation();
        var op = TextRules.OneLine(operatorUserName);
        var what = TextRules.OneLine(target);
        if (op.Length == 0) v.Add("operator", "请给出运维人员的账号（operator）");
        else if (op.Length > 256) v.Add("operator", "运维人员账号不超过 256 个字符");
        if (what.Length == 0) v.Add("target", "请给出访问对象（target）：虚拟机 ID、主机名或 IP 地址");
        else if (what.Length > 256) v.Add("target", "访问对象不超过 256 个字符");
        AccessMode mode = default;
        if (action?.Trim().ToLowerInvariant() is { } a && a is "read" or "change") mode = a == "read" ? AccessMode.Read : AccessMode.Change;
        else v.Add("action", "action 须为 read（只读）或 change（变更）");
        v.ThrowIfInvalid();
        return (op, what, mode);
    }

    /// <summary>Whether a grant's target is the one asked for: by VM or service id, host name (any case) or one of the VM's addresses.</summary>
    private static bool Names(Candidate r, string target)
    {
        if (Guid.TryParse(target, out var id)) return r.VmId == id || r.ServiceId == id;
        if (r.HostName is null) return false;
        return string.Equals(r.HostName, target, StringComparison.OrdinalIgnoreCase)
               || (r.Ips ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(target);
    }

    /// <summary>Whose the target is when no grant names it, so the agency's log shows who tried: a VM or service by id, a VM by host name or address.</summary>
    private async Task<(Guid OrganisationId, Guid SystemId, string Label)?> OwnerAsync(string target, CancellationToken ct)
    {
        var live = db.CloudVms.AsNoTracking().OrderBy(v => v.State == VmState.Reclaimed ? 1 : 0);
        if (Guid.TryParse(target, out var id))
        {
            var vm = await live.Where(v => v.Id == id).Select(v => new { v.OrganisationId, v.SystemId, v.HostName, v.Ips }).FirstOrDefaultAsync(ct);
            if (vm is not null) return (vm.OrganisationId, vm.SystemId, AccessGrantService.VmLabel(vm.HostName, vm.Ips));
            var service = await db.CloudServices.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.OrganisationId, s.SystemId, s.ItemCode }).FirstOrDefaultAsync(ct);
            return service is null ? null : (service.OrganisationId, service.SystemId, service.ItemCode);
        }
        var byName = await live.Where(v => v.HostName == target).Select(v => new { v.OrganisationId, v.SystemId, v.HostName, v.Ips }).FirstOrDefaultAsync(ct);
        // Addresses are kept joined in one text: searched (a scan) only for a target that is an address.
        if (byName is null && System.Net.IPAddress.TryParse(target, out _))
            byName = await live.Where(v => v.Ips == target || v.Ips.StartsWith(target + ",") || v.Ips.EndsWith(", " + target) || v.Ips.Contains(", " + target + ","))
                .Select(v => new { v.OrganisationId, v.SystemId, v.HostName, v.Ips }).FirstOrDefaultAsync(ct);
        return byName is null ? null : (byName.OrganisationId, byName.SystemId, AccessGrantService.VmLabel(byName.HostName, byName.Ips));
    }

    private sealed record Candidate(Guid GrantId, AccessGrantState State, AccessMode Mode, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid OrganisationId,
        Guid SystemId, Guid? VmId, Guid? ServiceId, string Label, string? HostName, string? Ips);
}
