using GovCloud.Domain.Operations;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Operations;

/// <summary>
/// 政务云运行情况通报 of one month. Drafted once (the month is unique: whichever instance gets there first), its figures counted
/// into <see cref="Facts"/> (JSON of <see cref="OperationsBulletinFacts"/>) and frozen when published, so what was sent stays
/// what is read later. The Center may count a draft again before publishing it.
/// </summary>
public sealed class OperationsBulletin
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>yyyy-MM.</summary>
    public required string Month { get; set; }
    public OperationsBulletinState State { get; set; }
    public required string Title { get; set; }
    public required string Facts { get; set; }
    public DateTimeOffset CountedAt { get; set; }
    public string CountedBy { get; set; } = "";
    /// <summary>总体情况 and what is asked of the agencies, as the Center writes it.</summary>
    public string? Summary { get; set; }
    public string? Number { get; set; }
    public int? Year { get; set; }
    public int? Sequence { get; set; }
    public Guid? IssuerId { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public string? PublishedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>A month's figures. Rows carrying an agency id are that agency's; its copy keeps them and the city totals (counted with the rows, kept whole) only.</summary>
public sealed record OperationsBulletinFacts(
    string Month, DateOnly From, DateOnly To, double AvailabilityTargetPercent,
    IReadOnlyList<BulletinZoneAvailability> Zones, int SystemsCounted, IReadOnlyList<BulletinSystemAvailability> SystemsWithDowntime,
    IReadOnlyList<BulletinIncident> Incidents,
    BulletinUsage? UsageTotal, IReadOnlyList<BulletinUsage> UsageByZone, IReadOnlyList<BulletinUsage> UsageByAgency, IReadOnlyList<BulletinUsageDay> UsageTrend,
    IReadOnlyList<BulletinIdle> IdleByAgency, IReadOnlyList<BulletinOnTime> OnTime, IReadOnlyList<BulletinResources> ResourcesByAgency,
    BulletinIdle IdleTotal, BulletinResources ResourcesTotal, IReadOnlyList<BulletinOnTime> OnTimeTotal)
{
    /// <summary>The facts with the city totals (every agency's idle resources and resources together, each step's on-time rate) summed from the rows.</summary>
    public static OperationsBulletinFacts WithTotals(string month, DateOnly from, DateOnly to, double target, IReadOnlyList<BulletinZoneAvailability> zones,
        int systemsCounted, IReadOnlyList<BulletinSystemAvailability> systems, IReadOnlyList<BulletinIncident> incidents, BulletinUsage? usageTotal,
        IReadOnlyList<BulletinUsage> usageByZone, IReadOnlyList<BulletinUsage> usageByAgency, IReadOnlyList<BulletinUsageDay> trend,
        IReadOnlyList<BulletinIdle> idle, IReadOnlyList<BulletinOnTime> onTime, IReadOnlyList<BulletinResources> resources) =>
        new(month, from, to, target, zones, systemsCounted, systems, incidents, usageTotal, usageByZone, usageByAgency, trend, idle, onTime, resources,
            new BulletinIdle(null, "全市合计", idle.Sum(i => i.IdleVms), idle.Sum(i => i.OversizedVms), idle.Sum(i => i.Vcpu), idle.Sum(i => i.MemoryGb),
                idle.Sum(i => i.StorageGb), idle.Sum(i => i.MonthlyFee)),
            new BulletinResources(null, "全市合计", resources.Sum(r => r.NewVms), resources.Sum(r => r.NewVcpu), resources.Sum(r => r.NewMemoryGb),
                resources.Sum(r => r.Changes), resources.Sum(r => r.ReclaimedVms), resources.Sum(r => r.ReclaimedVcpu), resources.Sum(r => r.ReclaimedMemoryGb)),
            onTime.GroupBy(o => (o.Step, o.StepName)).OrderBy(g => g.Key.StepName, StringComparer.Ordinal)
                .Select(g => new BulletinOnTime(null, "全市合计", g.Key.Step, g.Key.StepName, g.Sum(o => o.Met), g.Sum(o => o.Total))).ToList());

    /// <summary>
    /// The copy an agency reads: every zone (the city's figures), its own systems, the incidents that touched it, its own
    /// utilisation, idle resources, on-time rates and resources; the city totals stay.
    /// </summary>
    public OperationsBulletinFacts For(IReadOnlyCollection<Guid> agencies) => this with
    {
        SystemsWithDowntime = SystemsWithDowntime.Where(s => agencies.Contains(s.AgencyId)).ToList(),
        // Another agency's systems are not named in its copy; its own are.
        Incidents = Incidents.Where(i => i.AgencyIds.Any(agencies.Contains)).Select(i => i with
        {
            AgencyIds = [], AffectedSystems = null,
            Systems = i.AffectedSystems?.Where(s => agencies.Contains(s.AgencyId)).Select(s => s.Name).ToList() is { Count: > 0 } own ? string.Join("、", own) : null,
        }).ToList(),
        UsageByAgency = UsageByAgency.Where(u => u.AgencyId is { } a && agencies.Contains(a)).ToList(),
        IdleByAgency = IdleByAgency.Where(i => i.AgencyId is { } a && agencies.Contains(a)).ToList(),
        OnTime = OnTime.Where(o => o.AgencyId is { } a && agencies.Contains(a)).ToList(),
        ResourcesByAgency = ResourcesByAgency.Where(r => r.AgencyId is { } a && agencies.Contains(a)).ToList(),
    };
}

public sealed record BulletinZoneAvailability(string Zone, int DowntimeMinutes, double Percent, int Outages, bool BelowTarget);

public sealed record BulletinSystemAvailability(Guid AgencyId, string Agency, string System, int DowntimeMinutes, double Percent, bool BelowTarget);

/// <param name="AgencyIds">The agencies it touched (systems named, or VMs in a zone named), for their copies.</param>
/// <param name="Systems">The systems named (agencies' copies leave the others' out).</param>
/// <param name="AffectedSystems">The systems named, each with its agency, so that an agency's copy names its own (absent in bulletins counted before).</param>
public sealed record BulletinIncident(string Number, string Title, string KindName, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Minutes,
    string? Zones, string? Systems, string? Cause, IReadOnlyList<Guid> AgencyIds, IReadOnlyList<BulletinIncidentSystem>? AffectedSystems = null);

public sealed record BulletinIncidentSystem(Guid AgencyId, string Name);

/// <param name="AgencyId">The agency of an agency's row; null for a zone's or the city's.</param>
public sealed record BulletinUsage(Guid? AgencyId, string Name, int Vms, double Vcpu, double MemoryGb, double? CpuUse, double? CpuP95, double? MemoryUse,
    double? MemoryP95, double? DiskUse);

public sealed record BulletinUsageDay(DateOnly Day, double? CpuUse, double? MemoryUse);

public sealed record BulletinIdle(Guid? AgencyId, string Agency, int IdleVms, int OversizedVms, int Vcpu, int MemoryGb, int StorageGb, decimal MonthlyFee);

public sealed record BulletinOnTime(Guid? AgencyId, string? Agency, string Step, string StepName, int Met, int Total)
{
    public double? Percent => OperationsBulletinRules.OnTimePercent(Met, Total);
}

public sealed record BulletinResources(Guid? AgencyId, string Agency, int NewVms, int NewVcpu, int NewMemoryGb, int Changes, int ReclaimedVms,
    int ReclaimedVcpu, int ReclaimedMemoryGb);

internal static class OperationsBulletinModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<OperationsBulletin>(e =>
        {
            // One bulletin a month, however many instances draft it at once.
            e.HasIndex(x => x.Month).IsUnique();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.Year, x.Sequence }).IsUnique();
            e.Property(x => x.Month).HasMaxLength(7);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Number).HasMaxLength(64);
            e.Property(x => x.Summary).HasMaxLength(OperationsBulletinRules.MaxSummaryLength);
            e.Property(x => x.CountedBy).HasMaxLength(256);
            e.Property(x => x.PublishedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(x => x.IssuerId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
