using GovCloud.Domain.Operations;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Operations;

/// <summary>
/// 运维日志与预案 of one system: where its run and operation logs are kept and for how long. Its operations rules, emergency
/// plan and drills are <see cref="OperationsDocument"/> and <see cref="EmergencyDrill"/> rows of the same system.
/// </summary>
public sealed class SystemOperationsRecord
{
    public Guid SystemId { get; set; }
    public Guid OrganisationId { get; set; }
    public string? LogLocation { get; set; }
    public int? LogRetentionMonths { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>运维管理制度, 应急处置预案 or a drill's report as filed, with the date it was issued (or the drill held).</summary>
public sealed class OperationsDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SystemId { get; set; }
    public OperationsDocumentKind Kind { get; set; }
    public DateOnly IssuedOn { get; set; }
    public Guid? DrillId { get; set; }
    public required string FileName { get; set; }
    public required string StoredPath { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>应急演练: when, what was rehearsed, how it went.</summary>
public sealed class EmergencyDrill
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SystemId { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Scenario { get; set; }
    public required string Result { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The ages R-23.1's papers may reach before they are listed as stale, and the shortest log retention.</summary>
public sealed class OperationsOptions
{
    public int MinLogRetentionMonths { get; set; } = 6;
    public int RulesMaxAgeMonths { get; set; } = 36;
    public int PlanMaxAgeMonths { get; set; } = 12;
    public int DrillMaxAgeMonths { get; set; } = 12;

    /// <summary>The monthly operations bulletin's 文号, e.g. "柳州市政务云运行通报〔{year}〕{seq}号"; unset: "（信息化中心名称）运行通报〔{year}〕{seq}号".</summary>
    public string? BulletinNumberPattern { get; set; }

    public OperationsPolicy Policy => new(MinLogRetentionMonths, RulesMaxAgeMonths, PlanMaxAgeMonths, DrillMaxAgeMonths);
}

internal static class SystemOperationsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<SystemOperationsRecord>(e =>
        {
            e.HasKey(r => r.SystemId);
            e.HasOne<Systems.InfoSystem>().WithOne().HasForeignKey<SystemOperationsRecord>(r => r.SystemId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.LogLocation).HasMaxLength(OperationsOnFile.MaxTextLength);
            e.Property(r => r.UpdatedBy).HasMaxLength(256);
            e.Property(r => r.Version).IsConcurrencyToken();
        });
        b.Entity<OperationsDocument>(e =>
        {
            e.HasIndex(d => new { d.SystemId, d.Kind, d.IssuedOn });
            e.HasOne<Systems.InfoSystem>().WithMany().HasForeignKey(d => d.SystemId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<EmergencyDrill>().WithMany().HasForeignKey(d => d.DrillId).OnDelete(DeleteBehavior.Restrict);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.FileName).HasMaxLength(255);
            e.Property(d => d.StoredPath).HasMaxLength(500);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.Property(d => d.UploadedBy).HasMaxLength(256);
        });
        b.Entity<EmergencyDrill>(e =>
        {
            e.HasIndex(d => new { d.SystemId, d.HeldOn });
            e.HasOne<Systems.InfoSystem>().WithMany().HasForeignKey(d => d.SystemId).OnDelete(DeleteBehavior.Cascade);
            e.Property(d => d.Scenario).HasMaxLength(OperationsOnFile.MaxTextLength);
            e.Property(d => d.Result).HasMaxLength(OperationsOnFile.MaxTextLength);
            e.Property(d => d.RecordedBy).HasMaxLength(256);
        });
    }
}
