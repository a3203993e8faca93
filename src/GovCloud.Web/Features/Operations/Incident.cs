using GovCloud.Domain.Operations;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Operations;

/// <summary>
/// 运行故障: an outage or degradation of the cloud as the Center recorded it — when it began and ended, the zones and the
/// systems it touched, its cause and how it was handled. The month's availability per zone and per system is computed from these.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>GZ2026-0001; unique.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    public IncidentKind Kind { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>恢复时间; none while the incident lasts.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public string? Cause { get; set; }
    public string? Handling { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string? ClosedBy { get; set; }
    public List<IncidentTarget> Affected { get; set; } = [];
    public long Version { get; set; }
}

/// <summary>What an incident touched: a whole network zone (every system with VMs there), or one system (with its agency, names kept as they were).</summary>
public sealed class IncidentTarget
{
    public long Id { get; set; }
    public Guid IncidentId { get; set; }
    public string? Zone { get; set; }
    public Guid? SystemId { get; set; }
    public string? SystemName { get; set; }
    public Guid? OrganisationId { get; set; }
}

internal static class IncidentModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Incident>(e =>
        {
            e.HasIndex(i => i.Number).IsUnique();
            e.HasIndex(i => i.StartedAt);
            e.Property(i => i.Number).HasMaxLength(32);
            e.Property(i => i.Title).HasMaxLength(100);
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Cause).HasMaxLength(IncidentRules.MaxTextLength);
            e.Property(i => i.Handling).HasMaxLength(IncidentRules.MaxTextLength);
            e.Property(i => i.RecordedBy).HasMaxLength(256);
            e.Property(i => i.ClosedBy).HasMaxLength(256);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasMany(i => i.Affected).WithOne().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IncidentTarget>(e =>
        {
            e.Property(t => t.Zone).HasMaxLength(100);
            e.Property(t => t.SystemName).HasMaxLength(200);
            e.HasIndex(t => t.Zone);
            e.HasIndex(t => t.SystemId);
            e.HasIndex(t => t.OrganisationId);
        });
    }
}
