using GovCloud.Domain.Monitoring;
using GovCloud.Web.Features.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>
/// One VM's use on one day (Beijing time), as the cloud's monitoring reported it: mean, 95th percentile and peak of
/// CPU, memory and disk used (%), network in and out (Mbps). The VM's size that day is kept with it, so that a month's
/// utilisation reads what was given then, not what the VM has after a later change. Raw points are not kept.
/// </summary>
public sealed class VmDailyUsage
{
    public long Id { get; set; }
    public Guid VmId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid SystemId { get; set; }
    public required string Zone { get; set; }
    public DateOnly Day { get; set; }
    public int Vcpu { get; set; }
    public int MemoryGb { get; set; }
    public int DiskGb { get; set; }
    /// <summary>How many points the day was summarised from (all metrics together).</summary>
    public int Points { get; set; }
    /// <summary>推送 (the platform pushed the points) or the name of the monitoring source pulled from.</summary>
    public required string Source { get; set; }
    public double? CpuAvg { get; set; }
    public double? CpuP95 { get; set; }
    public double? CpuMax { get; set; }
    public double? MemoryAvg { get; set; }
    public double? MemoryP95 { get; set; }
    public double? MemoryMax { get; set; }
    public double? DiskAvg { get; set; }
    public double? DiskP95 { get; set; }
    public double? DiskMax { get; set; }
    public double? NetworkInAvg { get; set; }
    public double? NetworkInP95 { get; set; }
    public double? NetworkInMax { get; set; }
    public double? NetworkOutAvg { get; set; }
    public double? NetworkOutP95 { get; set; }
    public double? NetworkOutMax { get; set; }

    /// <summary>Sets the figures of one metric (null leaves all three empty).</summary>
    public void Set(UsageMetric metric, DailyFigure? figure)
    {
        var (avg, p95, max) = figure is { } f ? ((double?)f.Avg, (double?)f.P95, (double?)f.Max) : (null, null, null);
        switch (metric)
        {
            case UsageMetric.Cpu: (CpuAvg, CpuP95, CpuMax) = (avg, p95, max); break;
            case UsageMetric.Memory: (MemoryAvg, MemoryP95, MemoryMax) = (avg, p95, max); break;
            case UsageMetric.Disk: (DiskAvg, DiskP95, DiskMax) = (avg, p95, max); break;
            case UsageMetric.NetworkIn: (NetworkInAvg, NetworkInP95, NetworkInMax) = (avg, p95, max); break;
            case UsageMetric.NetworkOut: (NetworkOutAvg, NetworkOutP95, NetworkOutMax) = (avg, p95, max); break;
        }
    }
}

/// <summary>
/// A point the cloud platform pushed (POST /api/v1/metrics), held only until its day is summarised into <see cref="VmDailyUsage"/>.
/// The VM and the second are the key: a batch sent twice is taken once.
/// </summary>
public sealed class MetricSample
{
    public Guid VmId { get; set; }
    /// <summary>Seconds since 1970-01-01 UTC.</summary>
    public long UnixSeconds { get; set; }
    public double? Cpu { get; set; }
    public double? Memory { get; set; }
    public double? Disk { get; set; }
    public double? NetworkIn { get; set; }
    public double? NetworkOut { get; set; }
}

/// <summary>A day pulled from one monitoring source: what was found, so that a day missed while either side was down is pulled later.</summary>
public sealed class UsagePull
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public DateOnly Day { get; set; }
    public DateTimeOffset PulledAt { get; set; }
    public int Vms { get; set; }
    /// <summary>Series the source reported that no VM of the inventory answers to, joined with ", " (the first of them).</summary>
    public string? Unmatched { get; set; }
    public int UnmatchedCount { get; set; }
}

internal static class UsageModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<VmDailyUsage>(e =>
        {
            // One row per VM and day: pulling or summarising a day again replaces it.
            e.HasIndex(u => new { u.VmId, u.Day }).IsUnique();
            // The utilisation pages read a period for everyone, an agency, a zone or a system.
            e.HasIndex(u => new { u.Day, u.OrganisationId });
            e.HasIndex(u => new { u.OrganisationId, u.Day });
            e.HasIndex(u => new { u.Zone, u.Day });
            e.HasIndex(u => new { u.SystemId, u.Day });
            e.HasOne<CloudVm>().WithMany().HasForeignKey(u => u.VmId).OnDelete(DeleteBehavior.Restrict);
            e.Property(u => u.Zone).HasMaxLength(64);
            e.Property(u => u.Source).HasMaxLength(64);
        });
        b.Entity<MetricSample>(e =>
        {
            e.HasKey(s => new { s.VmId, s.UnixSeconds });
            e.HasIndex(s => s.UnixSeconds);
        });
        b.Entity<UsagePull>(e =>
        {
            e.HasIndex(p => new { p.Source, p.Day }).IsUnique();
            e.Property(p => p.Source).HasMaxLength(64);
            e.Property(p => p.Unmatched).HasMaxLength(1000);
        });
    }
}
