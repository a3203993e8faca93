using GovCloud.Domain;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Pools;

/// <summary>
/// A zone's pool; its <see cref="Resources"/> carry bandwidth and public IPs beside compute and storage, counted
/// like vCPU: reserved from approval, allocated in formal use. PublicIpsUsed is what delivered VMs hold now, trials included.
/// </summary>
public sealed record PoolDto(Guid ZoneId, string Zone, bool Active, Resources Physical, Resources Effective, Resources Allocated, Resources Reserved, Resources Free,
    int BandwidthMbps, int PublicIps, int PublicIpsUsed = 0)
{
    public int PublicIpsFree => PublicIps - PublicIpsUsed;
}

/// <summary>An amount of a pool's hardware: a zone's total, or a change of it (negative in a correction).</summary>
public sealed record PoolCapacity(Resources Resources, int BandwidthMbps, int PublicIps)
{
    public IEnumerable<int> Amounts => [Resources.Vcpu, Resources.MemoryGb, Resources.StorageGb, BandwidthMbps, PublicIps];
    public bool IsEmpty => Amounts.All(a => a == 0);

    /// <summary>A zone's hardware as it stands.</summary>
    public static PoolCapacity Of(NetworkZone z) =>
        new(new Resources(z.CapacityVcpu, z.CapacityMemoryGb, z.CapacityStorageGb), z.CapacityBandwidthMbps, z.CapacityPublicIps);

    public static PoolCapacity operator +(PoolCapacity a, PoolCapacity b) =>
        new(a.Resources + b.Resources, a.BandwidthMbps + b.BandwidthMbps, a.PublicIps + b.PublicIps);

    public static PoolCapacity operator -(PoolCapacity a, PoolCapacity b) =>
        new(a.Resources - b.Resources, a.BandwidthMbps - b.BandwidthMbps, a.PublicIps - b.PublicIps);
}

/// <summary>One month of one zone: what could be promised and what was taken (allocated + reserved).</summary>
public sealed record PoolMonthDto(string Month, Guid ZoneId, string Zone, Resources Effective, Resources Used);

public sealed record CapacityInput(int? Vcpu, int? MemoryGb, int? StorageGb, CapacitySource? Source, string? Note, int? BandwidthMbps = null, int? PublicIps = null);

public sealed record CapacityChangeDto(long Id, int Vcpu, int MemoryGb, int StorageGb, int BandwidthMbps, int PublicIps, CapacitySource Source, string? Note,
    DateTimeOffset At, string? By)
{
    public string SourceName => Source.DisplayName();
}

/// <summary>
/// The resource pool of every network zone: hardware with its history, what may be promised
/// (over-commit from the configuration), what is allocated (VMs in formal use), what is reserved
/// (approved, not yet in formal use), and what is free.
/// </summary>
public sealed class PoolService(GovCloudDbContext db, AuditLog audit, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    private Overcommit Overcommit => options.Value.Pools.Overcommit;

    public async Task<IReadOnlyList<PoolDto>> PoolsAsync(CancellationToken ct) => await PoolsAsync(null, ct);

    /// <summary>The pools, leaving out what <paramref name="excludeApplication"/> itself holds (to check it again).</summary>
    public async Task<IReadOnlyList<PoolDto>> PoolsAsync(Guid? excludeApplication, CancellationToken ct)
    {
        var zones = await db.NetworkZones.AsNoTracking().OrderBy(z => z.No).ToListAsync(ct);
        var reserved = await ReservedAsync(excludeApplication, ct);
        var allocated = await AllocatedAsync(ct);
        var publicIps = await db.CloudVms.AsNoTracking().Where(v => v.State != VmState.Reclaimed && v.PublicIps > 0).GroupBy(v => v.Zone)
            .Select(g => new { Zone = g.Key, Count = g.Sum(v => v.PublicIps) }).ToDictionaryAsync(x => x.Zone, x => x.Count, ct);
        return zones.Select(z =>
        {
            var physical = new Resources(z.CapacityVcpu, z.CapacityMemoryGb, z.CapacityStorageGb, z.CapacityBandwidthMbps, z.CapacityPublicIps);
            var effective = PoolRules.Effective(physical, Overcommit);
            var held = reserved.GetValueOrDefault(z.Name, Resources.None);
            var figures = new PoolFigures(z.Name, physical, effective, allocated.GetValueOrDefault(z.Name, Resources.None), held);
            return new PoolDto(z.Id, z.Name, z.Active, physical, effective, figures.Allocated, held, figures.Free, z.CapacityBandwidthMbps, z.CapacityPublicIps,
                publicIps.GetValueOrDefault(z.Name));
        }).ToList();
    }

    /// <summary>What a request would take each zone below zero on; empty when every zone holds it.</summary>
    public async Task<IReadOnlyList<Shortfall>> CheckAsync(IReadOnlyDictionary<string, Resources> request, Guid? excludeApplication, CancellationToken ct)
    {
        var pools = await PoolsAsync(excludeApplication, ct);
        return request.SelectMany(r => pools.FirstOrDefault(p => p.Zone == r.Key) is { } p
                ? PoolRules.Check(new PoolFigures(p.Zone, p.Physical, p.Effective, p.Allocated, p.Reserved), r.Value)
                : [new Shortfall(r.Key, "分区", 0, $"网络分区“{r.Key}”不存在")])
            .ToList();
    }

    /// <summary>
    /// Per zone, what approved rows hold until their resources go into formal use or the trial is reclaimed
    /// (adjusted values where the Center adjusted), and what approved changes add.
    /// </summary>
    private async Task<Dictionary<string, Resources>> ReservedAsync(Guid? excludeApplication, CancellationToken ct)
    {
        // The few applications still holding a reservation first (IN a subquery), then their rows: with 100,000 VMs in
        // formal use, asking per row whether its trial is over made GET /api/v1/pools three times slower on SQLite (bench/RESULTS.md).
        var holding = db.ResourceApplications
            .Where(a => a.State == ApplicationState.Approved && a.Id != excludeApplication
                        && !db.TrialEnvironments.Any(t => t.ApplicationId == a.Id && (t.State == TrialState.Live || t.State == TrialState.Reclaimed)))
            .Select(a => a.Id);
        var rows = await db.ApplicationVms.AsNoTracking()
            .Where(v => v.Approved == true && holding.Contains(v.ApplicationId))
            .GroupBy(v => v.Zone)
            .Select(g => new
            {
                Zone = g.Key,
                Vcpu = g.Sum(v => v.AdjustedVcpu ?? v.Vcpu),
                Memory = g.Sum(v => v.AdjustedMemoryGb ?? v.MemoryGb),
                Storage = g.Sum(v => (v.AdjustedSystemDiskGb ?? v.SystemDiskGb) + (v.AdjustedDataDiskGb ?? v.DataDiskGb)),
            })
            .ToListAsync(ct);
        var reserved = rows.ToDictionary(r => r.Zone, r => new Resources(r.Vcpu, r.Memory, r.Storage));
        // Their bandwidth and public addresses as the Center agreed them.
        var network = await db.ApplicationNetworks.AsNoTracking().Where(n => holding.Contains(n.ApplicationId))
            .GroupBy(n => n.Zone)
            .Select(g => new { Zone = g.Key, Bandwidth = g.Sum(n => n.AdjustedBandwidthMbps ?? n.BandwidthMbps), Ips = g.Sum(n => n.AdjustedPublicIps ?? n.PublicIps) })
            .ToListAsync(ct);
        foreach (var n in network)
            reserved[n.Zone] = reserved.GetValueOrDefault(n.Zone, Resources.None) + new Resources(0, 0, 0, n.Bandwidth, n.Ips);
        // An approved change holds its increases until the Center carries it out (few are open at a time).
        var changes = await db.ChangeLines.AsNoTracking()
            .Where(l => db.ChangeRequests.Any(c => c.Id == l.ChangeId && c.State == ChangeState.Approved && c.Kind == ChangeKind.Change)).ToListAsync(ct);
        foreach (var (zone, increase) in ChangeRules.Increase(changes.Select(l => (l.Zone, l.From, l.To))))
            reserved[zone] = reserved.GetValueOrDefault(zone, Resources.None) + increase;
        return reserved;
    }

    /// <summary>Before an approval: per zone of the request, what may be promised, what others hold, what this asks.</summary>
    public async Task<IReadOnlyList<ZoneCapacityDto>> PreviewAsync(IReadOnlyDictionary<string, Resources> request, Guid? excludeApplication, CancellationToken ct)
    {
        var pools = await PoolsAsync(excludeApplication, ct);
        return request.Select(r =>
        {
            var pool = pools.FirstOrDefault(p => p.Zone == r.Key);
            var held = pool is null ? Resources.None : pool.Allocated + pool.Reserved;
            return new ZoneCapacityDto(r.Key, pool?.Effective.Vcpu ?? 0, pool?.Effective.MemoryGb ?? 0, pool?.Effective.StorageGb ?? 0,
                held.Vcpu, held.MemoryGb, held.StorageGb, r.Value.Vcpu, r.Value.MemoryGb, r.Value.StorageGb,
                pool?.Effective.BandwidthMbps ?? 0, held.BandwidthMbps, r.Value.BandwidthMbps, pool?.Effective.PublicIps ?? 0, held.PublicIps, r.Value.PublicIps);
        }).ToList();
    }

    /// <summary>
    /// at an approval: refuses (409 naming each zone, resource and amount, with the shortfalls) when the
    /// request would take a pool below zero, unless the Bureau states why — then the override is audited on the case.
    /// The caller saves.
    /// </summary>
    public async Task RequireFitsAsync(Actor actor, IReadOnlyDictionary<string, Resources> request, Guid? excludeApplication, string? overrideReason,
        string caseType, Guid caseId, CancellationToken ct)
    {
        var shortfalls = await CheckAsync(request, excludeApplication, ct);
        if (shortfalls.Count == 0) return;
        if (TextRules.IsBlank(overrideReason))
        {
            var problem = new ProblemException(409, "资源池容量不足", string.Join("；", shortfalls.Select(s => s.Message)) + "。如确需批准，请填写超配理由。");
            problem.Extensions["shortfalls"] = shortfalls;
            throw problem;
        }
        audit.Record(actor, AuditActions.PoolOverridden, caseType, caseId, null, new { reason = Texts.OrNull(overrideReason), shortfalls = shortfalls.Select(s => s.Message) });
    }

    /// <summary>Per zone, what the VMs in formal use hold (as built, which may be less than approved).</summary>
    private async Task<Dictionary<string, Resources>> AllocatedAsync(CancellationToken ct)
    {
        var rows = await db.CloudVms.AsNoTracking()
            .Where(v => VmStates.InUse.Contains(v.State))
            .GroupBy(v => v.Zone)
            .Select(g => new
            {
                Zone = g.Key, Vcpu = g.Sum(v => v.Vcpu), Memory = g.Sum(v => v.MemoryGb), Storage = g.Sum(v => v.SystemDiskGb + v.DataDiskGb),
                Bandwidth = g.Sum(v => v.BandwidthMbps), Ips = g.Sum(v => v.PublicIps),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Zone, r => new Resources(r.Vcpu, r.Memory, r.Storage, r.Bandwidth, r.Ips));
    }

    /// <summary>The Bureau adds (or, as a correction, removes) hardware of a zone, saying where it came from.</summary>
    public async Task<PoolDto> AddCapacityAsync(Actor actor, Guid zoneId, CapacityInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("只有大数据局审批人员可以调整资源池容量");
        var zone = await db.NetworkZones.FirstOrDefaultAsync(z => z.Id == zoneId, ct) ?? throw ProblemException.NotFound("网络分区");
        var v = new Validation();
        // One adjustment is a purchase or a correction, never billions: bounded so sums cannot wrap around.
        const int MaxStep = 100_000_000;
        foreach (var (field, amount) in new[] { ("vcpu", input.Vcpu), ("memoryGb", input.MemoryGb), ("storageGb", input.StorageGb), ("bandwidthMbps", input.BandwidthMbps),
                     ("publicIps", input.PublicIps) })
            if (amount is < -MaxStep or > MaxStep) throw ProblemException.Invalid(field, $"单次调整不能超过 {MaxStep:N0}");
        var delta = new PoolCapacity(new Resources(input.Vcpu ?? 0, input.MemoryGb ?? 0, input.StorageGb ?? 0), input.BandwidthMbps ?? 0, input.PublicIps ?? 0);
        if (delta.IsEmpty) v.Add("vcpu", "请至少填写一项增加（或更正减少）的容量");
        if (input.Source is null) v.Add("source", "请选择容量来源");
        if (input.Source != CapacitySource.Correction && delta.Amounts.Any(a => a < 0)) v.Add("source", "减少容量请选择来源“更正”并说明原因");
        if (input.Source == CapacitySource.Correction && TextRules.IsBlank(input.Note)) v.Add("note", "更正容量须说明原因");
        if (input.Note?.Length > 200) v.Add("note", "说明不能超过 200 个字");
        if ((PoolCapacity.Of(zone) + delta).Amounts.Any(a => a < 0)) v.Add("vcpu", "调整后容量不能小于 0");
        v.ThrowIfInvalid();

        Record(actor, zone, delta, input.Source!.Value, input.Note);
        await db.SaveChangesAsync(ct);
        return (await PoolsAsync(ct)).Single(p => p.ZoneId == zoneId);
    }

    /// <summary>Applies a change of hardware to a zone with its history row and audit entry; the caller saves.</summary>
    internal void Record(Actor actor, NetworkZone zone, PoolCapacity delta, CapacitySource source, string? note)
    {
        var r = delta.Resources;
        zone.CapacityVcpu += r.Vcpu;
        zone.CapacityMemoryGb += r.MemoryGb;
        zone.CapacityStorageGb += r.StorageGb;
        zone.CapacityBandwidthMbps += delta.BandwidthMbps;
        zone.CapacityPublicIps += delta.PublicIps;
        zone.Version++;
        db.PoolCapacityChanges.Add(new PoolCapacityChange
        {
            ZoneId = zone.Id, Vcpu = r.Vcpu, MemoryGb = r.MemoryGb, StorageGb = r.StorageGb, BandwidthMbps = delta.BandwidthMbps, PublicIps = delta.PublicIps,
            Source = source, Note = Texts.OrNull(note), At = clock.GetUtcNow(), By = actor.UserName,
        });
        audit.Record(actor, AuditActions.PoolCapacityChanged, nameof(NetworkZone), zone.Id, null, new
        {
            zone = zone.Name, r.Vcpu, r.MemoryGb, r.StorageGb, delta.BandwidthMbps, delta.PublicIps, source = source.ToString(), note,
        });
    }

    /// <summary>
    /// The last <paramref name="months"/> months per zone: the month-end records, and the current month as it
    /// stands now.
    /// </summary>
    public async Task<IReadOnlyList<PoolMonthDto>> TrendAsync(int months, CancellationToken ct)
    {
        months = Math.Clamp(months, 1, 60);
        var today = ChinaTime.Today(clock);
        var from = today.AddMonths(-(months - 1)).ToString("yyyy-MM");
        var zones = await db.NetworkZones.AsNoTracking().ToDictionaryAsync(z => z.Id, z => z.Name, ct);
        var past = await db.PoolSnapshots.AsNoTracking().Where(s => string.Compare(s.Month, from) >= 0).ToListAsync(ct);
        var trend = past.Where(s => zones.ContainsKey(s.ZoneId)).Select(s => new PoolMonthDto(s.Month, s.ZoneId, zones[s.ZoneId],
            new Resources(s.EffectiveVcpu, s.EffectiveMemoryGb, s.EffectiveStorageGb), new Resources(s.UsedVcpu, s.UsedMemoryGb, s.UsedStorageGb))).ToList();
        var now = today.ToString("yyyy-MM");
        trend.RemoveAll(t => t.Month == now);
        trend.AddRange((await PoolsAsync(ct)).Select(p => new PoolMonthDto(now, p.ZoneId, p.Zone, p.Effective, p.Allocated + p.Reserved)));
        return trend.OrderBy(t => t.Month).ThenBy(t => t.Zone).ToList();
    }

    /// <summary>At the first minute of a month, every zone's pool is written down for the month that ended (once across instances).</summary>
    public async Task<int> EnsureLastMonthSnapshotAsync(CancellationToken ct)
    {
        var month = ChinaTime.Today(clock).AddMonths(-1).ToString("yyyy-MM");
        if (await db.PoolSnapshots.AnyAsync(s => s.Month == month, ct)) return 0;
        var now = clock.GetUtcNow();
        var pools = await PoolsAsync(ct);
        db.PoolSnapshots.AddRange(pools.Select(p => new PoolSnapshot
        {
            Month = month, ZoneId = p.ZoneId, EffectiveVcpu = p.Effective.Vcpu, EffectiveMemoryGb = p.Effective.MemoryGb, EffectiveStorageGb = p.Effective.StorageGb,
            UsedVcpu = p.Allocated.Vcpu + p.Reserved.Vcpu, UsedMemoryGb = p.Allocated.MemoryGb + p.Reserved.MemoryGb,
            UsedStorageGb = p.Allocated.StorageGb + p.Reserved.StorageGb, TakenAt = now,
        }));
        audit.Record(Actor.System, AuditActions.PoolSnapshotTaken, nameof(PoolSnapshot), month, after: new { month, zones = pools.Count });
        try
        {
            await db.SaveChangesAsync(ct);
            return pools.Count;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0; // another instance wrote it a moment ago
        }
    }

    public async Task<IReadOnlyList<CapacityChangeDto>> HistoryAsync(Guid zoneId, CancellationToken ct) =>
        (await db.PoolCapacityChanges.AsNoTracking().Where(c => c.ZoneId == zoneId).ToListAsync(ct))
        .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
        .Select(c => new CapacityChangeDto(c.Id, c.Vcpu, c.MemoryGb, c.StorageGb, c.BandwidthMbps, c.PublicIps, c.Source, c.Note, c.At, c.By)).ToList();
}
