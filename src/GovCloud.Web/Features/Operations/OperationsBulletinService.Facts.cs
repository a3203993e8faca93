using GovCloud.Domain.Clocks;
using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Operations;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Operations;

// The month's figures, counted for the whole city: each part from the same service its own page reads, so the bulletin says what the pages say.
public sealed partial class OperationsBulletinService
{
    private async Task<OperationsBulletinFacts> FactsAsync(DateOnly month, CancellationToken ct)
    {
        var last = month.AddMonths(1).AddDays(-1);
        var (from, to) = (ChinaTime.EndOfDay(month.AddDays(-1)), ChinaTime.EndOfDay(last));
        var names = new Dictionary<Guid, string>();

        // 可用率: every zone, and the systems that were down at all (the rest were at 100 %).
        var availability = await incidents.AvailabilityAsync((IReadOnlyCollection<Guid>?)null, OperationsBulletinRules.Key(month), ct);
        var down = availability.Systems.Where(s => s.DowntimeMinutes > 0).ToList();
        var downIds = down.Select(s => Guid.Parse(s.Key)).ToList();
        var owners = await db.InfoSystems.AsNoTracking().Where(s => downIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OrganisationId, ct);
        var zones = availability.Zones.Select(z => new BulletinZoneAvailability(z.Name, z.DowntimeMinutes, z.Percent, z.Outages, z.BelowTarget)).ToList();
        var systems = down.Select(s => new BulletinSystemAvailability(owners[Guid.Parse(s.Key)], s.Agency ?? "", s.Name, s.DowntimeMinutes, s.Percent, s.BelowTarget)).ToList();

        // 运行故障: every incident under way in the month, outages and degradations, with the agencies it touched.
        var list = await db.Incidents.AsNoTracking().Include(i => i.Affected).Where(i => i.StartedAt < to && (i.EndedAt == null || i.EndedAt > from))
            .OrderBy(i => i.StartedAt).ThenBy(i => i.Number).ToListAsync(ct);
        var namedZones = list.SelectMany(i => i.Affected).Select(a => a.Zone).OfType<string>().Distinct().ToList();
        var inZone = (await db.CloudVms.AsNoTracking().Where(v => namedZones.Contains(v.Zone) && (v.ReclaimedOn == null || v.ReclaimedOn >= month))
                .Select(v => new { v.Zone, v.OrganisationId }).Distinct().ToListAsync(ct))
            .GroupBy(v => v.Zone).ToDictionary(g => g.Key, g => g.Select(v => v.OrganisationId).ToList());
        var incidentRows = list.Select(i => new BulletinIncident(i.Number, i.Title, i.Kind.DisplayName(), i.StartedAt, i.EndedAt,
            (int)Math.Round(Availability.Downtime([(i.StartedAt, i.EndedAt)], from, to).TotalMinutes),
            Joined(i.Affected.Select(a => a.Zone)), Joined(i.Affected.Select(a => a.SystemName)), i.Cause,
            i.Affected.Select(a => a.OrganisationId).OfType<Guid>()
                .Concat(i.Affected.Select(a => a.Zone).OfType<string>().SelectMany(z => inZone.GetValueOrDefault(z) ?? [])).Distinct().ToList(),
            i.Affected.Where(a => a.OrganisationId is not null && a.SystemName is not null).Select(a => new BulletinIncidentSystem(a.OrganisationId!.Value, a.SystemName!)).ToList())).ToList();

        // 资源使用: by zone and by agency, with the city's daily trend.
        var byZone = await utilisation.CityAsync(new UtilisationQuery(UtilisationLevel.Zone, month, last), ct);
        var byAgency = await utilisation.CityAsync(new UtilisationQuery(UtilisationLevel.Agency, month, last), ct);
        static BulletinUsage Usage(UtilisationRow r, Guid? agency) =>
            new(agency, r.Name, r.Vms, Math.Round(r.Vcpu, 1), Math.Round(r.MemoryGb, 1), r.CpuUse, r.CpuP95, r.MemoryUse, r.MemoryP95, r.DiskUse);
        var trend = byAgency.Trend.Select(t => new BulletinUsageDay(t.Day, t.CpuUse, t.MemoryUse)).ToList();

        // 闲置资源: idle VMs cost their whole fee, oversized ones what they hold beyond the proposal; at the month's last day's prices.
        var sizing = await utilisation.CitySizingAsync(null, last, ct);
        var storage = new Dictionary<Guid, int>();
        foreach (var chunk in sizing.Where(s => s.Verdict == SizingVerdict.Idle).Select(s => s.VmId).Chunk(2_000))
            foreach (var v in await db.CloudVms.AsNoTracking().Where(v => chunk.Contains(v.Id)).Select(v => new { v.Id, Disk = v.SystemDiskGb + v.DataDiskGb }).ToListAsync(ct))
                storage[v.Id] = v.Disk;
        var prices = await VmPrices.OnAsync(catalog, last, ct);
        var idle = sizing.GroupBy(s => s.OrganisationId).Select(g =>
        {
            var idleVms = g.Where(s => s.Verdict == SizingVerdict.Idle).ToList();
            var over = g.Where(s => s.Verdict != SizingVerdict.Idle).ToList();
            var vcpu = idleVms.Sum(s => s.Vcpu) + over.Sum(s => Math.Max(0, s.Vcpu - s.ProposedVcpu));
            var memory = idleVms.Sum(s => s.MemoryGb) + over.Sum(s => Math.Max(0, s.MemoryGb - s.ProposedMemoryGb));
            var disk = idleVms.Sum(s => storage.GetValueOrDefault(s.VmId));
            return new BulletinIdle(g.Key, g.First().AgencyName, idleVms.Count, over.Count, vcpu, memory, disk, prices.Monthly(vcpu, memory, disk));
        }).OrderByDescending(i => i.MonthlyFee).ThenBy(i => i.Agency, StringComparer.Ordinal).ToList();

        // 办理时限: the steps due in the month, done on time or late, per organisation responsible.
        var clocks = await db.DeadlineClocks.AsNoTracking()
            .Where(c => c.DueOn >= month && c.DueOn <= last && (c.State == ClockState.Met || c.State == ClockState.Overdue))
            .GroupBy(c => new { c.OrganisationId, c.Step, c.StepName })
            .Select(g => new { g.Key.OrganisationId, g.Key.Step, g.Key.StepName, Met = g.Count(c => c.State == ClockState.Met), Total = g.Count() })
            .ToListAsync(ct);

        // 资源变化: VMs put into service and reclaimed, changes carried out.
        var added = await db.CloudVms.AsNoTracking().Where(v => v.ActiveFrom >= month && v.ActiveFrom <= last).GroupBy(v => v.OrganisationId)
            .Select(g => new { Id = g.Key, Vms = g.Count(), Vcpu = g.Sum(v => v.Vcpu), Memory = g.Sum(v => v.MemoryGb) }).ToListAsync(ct);
        var reclaimed = await db.CloudVms.AsNoTracking().Where(v => v.ReclaimedOn >= month && v.ReclaimedOn <= last).GroupBy(v => v.OrganisationId)
            .Select(g => new { Id = g.Key, Vms = g.Count(), Vcpu = g.Sum(v => v.Vcpu), Memory = g.Sum(v => v.MemoryGb) }).ToListAsync(ct);
        var changes = await db.ChangeRequests.AsNoTracking().Where(c => c.State == ChangeState.Completed && c.CompletedAt >= from && c.CompletedAt < to)
            .GroupBy(c => c.OrganisationId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);

        var ids = clocks.Select(c => c.OrganisationId).Concat(added.Select(a => a.Id)).Concat(reclaimed.Select(r => r.Id)).Concat(changes.Select(c => c.Id)).Distinct().ToList();
        foreach (var chunk in ids.Chunk(2_000))
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => chunk.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
                names[o.Id] = o.Name;
        var onTime = clocks.Select(c => new BulletinOnTime(c.OrganisationId, names.GetValueOrDefault(c.OrganisationId), c.Step, c.StepName, c.Met, c.Total))
            .OrderBy(o => o.Agency, StringComparer.Ordinal).ThenBy(o => o.StepName, StringComparer.Ordinal).ToList();
        var (addedBy, reclaimedBy, changesBy) = (added.ToDictionary(a => a.Id), reclaimed.ToDictionary(r => r.Id), changes.ToDictionary(c => c.Id, c => c.Count));
        var resources = ids.Where(id => addedBy.ContainsKey(id) || reclaimedBy.ContainsKey(id) || changesBy.ContainsKey(id)).Select(id =>
        {
            var a = addedBy.GetValueOrDefault(id);
            var r = reclaimedBy.GetValueOrDefault(id);
            return new BulletinResources(id, names.GetValueOrDefault(id, ""), a?.Vms ?? 0, a?.Vcpu ?? 0, a?.Memory ?? 0,
                changesBy.GetValueOrDefault(id), r?.Vms ?? 0, r?.Vcpu ?? 0, r?.Memory ?? 0);
        }).OrderBy(r => r.Agency, StringComparer.Ordinal).ToList();

        return OperationsBulletinFacts.WithTotals(OperationsBulletinRules.Key(month), month, last, availability.TargetPercent, zones, availability.Systems.Count, systems,
            incidentRows, byAgency.Total is { } total ? Usage(total, null) with { Name = "全市合计" } : null,
            byZone.Rows.Select(r => Usage(r, null)).ToList(), byAgency.Rows.Select(r => Usage(r, Guid.Parse(r.Key))).ToList(), trend, idle, onTime, resources);
    }

    private static string? Joined(IEnumerable<string?> parts) => string.Join("、", parts.OfType<string>().Distinct()) is { Length: > 0 } s ? s : null;
}
