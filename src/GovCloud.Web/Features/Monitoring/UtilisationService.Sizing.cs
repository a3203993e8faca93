using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>The idle and oversized VMs: the Center proposes from these lists, the agency decides.</summary>
public sealed partial class UtilisationService
{
    /// <summary>
    /// The VMs in use that the rules find <paramref name="verdict"/> (idle or oversized when null) over the last
    /// <see cref="RightSizingPolicy.Days"/> days to yesterday, the largest first (they free the most), with the proposal open for each.
    /// </summary>
    public async Task<SizingReport> SizingAsync(Actor actor, SizingVerdict? verdict, SizingQuery query, CancellationToken ct)
    {
        var policy = Options.Policy;
        var to = ChinaTime.Today(clock).AddDays(-1);
        await SizingEvidences.EnsureAsync(db, to, policy, ct);
        var visible = await scope.OrganisationsAsync(actor, ct);
        var vms = db.CloudVms.AsNoTracking().Where(v => v.State == VmState.Active);
        if (visible is not null) vms = vms.Where(v => visible.Contains(v.OrganisationId));
        if (query.AgencyId is { } a) vms = vms.Where(v => v.OrganisationId == a);
        if (query.SystemId is { } s) vms = vms.Where(v => v.SystemId == s);
        if (!string.IsNullOrWhiteSpace(query.Zone)) vms = vms.Where(v => v.Zone == query.Zone);
        if (query.VmId is { } vmId) vms = vms.Where(v => v.Id == vmId);

        // The rules of RightSizing.Advise said in the query, so that the database counts and pages: idle below both thresholds; oversized
        // when some size at least the need (size × peak ÷ target) is smaller than the VM's, in cores or in memory.
        var (idleCpu, idleMemory, target) = (policy.IdleCpuP95Below, policy.IdleMemoryP95Below, policy.TargetUse);
        var (cpuSizes, memorySizes) = (policy.VcpuSizes.ToList(), policy.MemoryGbSizes.ToList());
        var judged = vms.Join(db.VmSizingEvidence, v => v.Id, e => e.VmId, (v, e) => new { Vm = v, Evidence = e })
            .Select(x => new
            {
                x.Vm, x.Evidence,
                Idle = x.Evidence.PeakCpuP95 < idleCpu && x.Evidence.PeakMemoryP95 < idleMemory,
                Smaller = cpuSizes.Any(size => size < x.Vm.Vcpu && x.Vm.Vcpu * x.Evidence.PeakCpuP95 <= size * target)
                          || memorySizes.Any(size => size < x.Vm.MemoryGb && x.Vm.MemoryGb * x.Evidence.PeakMemoryP95 <= size * target),
            });
        judged = verdict switch
        {
            SizingVerdict.Idle => judged.Where(x => x.Idle),
            SizingVerdict.Oversized => judged.Where(x => !x.Idle && x.Smaller),
            _ => judged.Where(x => x.Idle || x.Smaller),
        };
        var (page, size) = Paging.Normalise(query.Page, query.PageSize);
        var total = await judged.CountAsync(ct);
        // The largest first (they free the most): idle by size, oversized by the share of it not needed.
        var ordered = verdict == SizingVerdict.Idle
            ? judged.OrderByDescending(x => x.Vm.Vcpu).ThenByDescending(x => x.Vm.MemoryGb)
            : judged.OrderBy(x => x.Idle ? 0 : 1).ThenByDescending(x => x.Vm.Vcpu * (target - x.Evidence.PeakCpuP95)).ThenByDescending(x => x.Vm.MemoryGb * (target - x.Evidence.PeakMemoryP95));
        var rows = await ordered.ThenBy(x => x.Vm.HostName).Skip((page - 1) * size).Take(size)
            .Select(x => new
            {
                x.Vm.Id, x.Vm.HostName, x.Vm.Ips, x.Vm.OrganisationId, Agency = x.Vm.Organisation!.Name, x.Vm.SystemId, System = x.Vm.System!.Name, x.Vm.Zone,
                x.Vm.Vcpu, x.Vm.MemoryGb, x.Evidence.Days, x.Evidence.PeakCpuP95, x.Evidence.PeakMemoryP95,
            })
            .ToListAsync(ct);
        var proposed = await OpenProposalsAsync(rows.Select(r => r.Id).ToList(), ct);
        var items = rows.Select(v =>
        {
            var advice = RightSizing.Advise(new SizingEvidence(v.Days, v.PeakCpuP95, v.PeakMemoryP95), v.Vcpu, v.MemoryGb, policy);
            return new SizingRow(v.Id, v.HostName, v.Ips, v.OrganisationId, v.Agency, v.SystemId, v.System, v.Zone, v.Vcpu, v.MemoryGb,
                advice.DaysReported, advice.PeakCpuP95, advice.PeakMemoryP95, advice.Verdict, advice.ProposedVcpu, advice.ProposedMemoryGb, advice.Reason(policy),
                proposed.GetValueOrDefault(v.Id));
        }).ToList();
        return new SizingReport(to.AddDays(1 - policy.Days), to, new Paged<SizingRow>(items, total, page, size));
    }

    /// <summary>
    /// The VMs of the whole city the rules find <paramref name="verdict"/> (idle or oversized when null) over the policy's days up to
    /// <paramref name="to"/>: the monthly bulletin, as of its month's last day, counted from the daily figures (the kept evidence is for yesterday).
    /// </summary>
    internal async Task<IReadOnlyList<SizingRow>> CitySizingAsync(SizingVerdict? verdict, DateOnly to, CancellationToken ct)
    {
        var policy = Options.Policy;
        var rows = Filtered(null, to.AddDays(1 - policy.Days), to, null, null, null);
        // Counted by the database, one row per VM: only VMs with enough days, and for idle only those under both thresholds
        // (otherwise idle, or one under the target use at least: nothing else can shrink).
        var evidence = rows.Where(u => u.CpuP95 != null && u.MemoryP95 != null).GroupBy(u => u.VmId)
            .Select(g => new { VmId = g.Key, Days = g.Count(), Cpu = g.Max(u => u.CpuP95), Memory = g.Max(u => u.MemoryP95) })
            .Where(e => e.Days >= policy.MinDaysReported);
        evidence = verdict switch
        {
            SizingVerdict.Idle => evidence.Where(e => e.Cpu < policy.IdleCpuP95Below && e.Memory < policy.IdleMemoryP95Below),
            _ => evidence.Where(e => e.Cpu < policy.TargetUse || e.Memory < policy.TargetUse || (e.Cpu < policy.IdleCpuP95Below && e.Memory < policy.IdleMemoryP95Below)),
        };
        var needs = await evidence.ToDictionaryAsync(e => e.VmId, e => new SizingEvidence(e.Days, e.Cpu, e.Memory), ct);
        var ids = needs.Keys.ToList();
        var live = new List<SizingRow>();
        foreach (var chunk in ids.Chunk(2_000))
        {
            var vmsOfChunk = await db.CloudVms.AsNoTracking().Where(v => chunk.Contains(v.Id) && v.State == VmState.Active)
                .Select(v => new { v.Id, v.HostName, v.Ips, v.OrganisationId, Agency = v.Organisation!.Name, v.SystemId, System = v.System!.Name, v.Zone, v.Vcpu, v.MemoryGb })
                .ToListAsync(ct);
            foreach (var v in vmsOfChunk)
            {
                var advice = RightSizing.Advise(needs[v.Id], v.Vcpu, v.MemoryGb, policy);
                if (advice.Verdict == SizingVerdict.Fits || (verdict is not null && advice.Verdict != verdict)) continue;
                live.Add(new SizingRow(v.Id, v.HostName, v.Ips, v.OrganisationId, v.Agency, v.SystemId, v.System, v.Zone, v.Vcpu, v.MemoryGb,
                    advice.DaysReported, advice.PeakCpuP95, advice.PeakMemoryP95, advice.Verdict, advice.ProposedVcpu, advice.ProposedMemoryGb, advice.Reason(policy)));
            }
        }
        return live;
    }

    private async Task<Dictionary<Guid, string>> OpenProposalsAsync(List<Guid> vmIds, CancellationToken ct)
    {
        var open = new Dictionary<Guid, string>();
        foreach (var chunk in vmIds.Chunk(2_000))
            foreach (var p in await db.SizingProposals.AsNoTracking().Where(p => chunk.Contains(p.VmId) && p.State == SizingProposalState.Open)
                         .Select(p => new { p.VmId, p.Number }).ToListAsync(ct))
                open[p.VmId] = p.Number;
        return open;
    }
}
