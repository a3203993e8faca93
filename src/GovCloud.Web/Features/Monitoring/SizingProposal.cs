using GovCloud.Domain.Monitoring;
using GovCloud.Web.Features.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>
/// 资源调整建议: what the Center proposed for one VM found idle or oversized, on what evidence, and what the agency decided.
/// Accepted, it names the change request the agency submitted with it.
/// </summary>
public sealed class SizingProposal
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>JY2026-0001.</summary>
    public required string Number { get; set; }
    public Guid VmId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisations.Organisation? Organisation { get; set; }
    public Guid SystemId { get; set; }
    public Systems.InfoSystem? System { get; set; }
    public required string HostName { get; set; }
    public SizingVerdict Verdict { get; set; }
    public int FromVcpu { get; set; }
    public int FromMemoryGb { get; set; }
    /// <summary>The size proposed; 0 when the VM is to be reclaimed.</summary>
    public int ToVcpu { get; set; }
    public int ToMemoryGb { get; set; }
    /// <summary>The rule's reason at the time, with the figures.</summary>
    public required string Reason { get; set; }
    public string? Note { get; set; }
    public SizingProposalState State { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public required string ProposedBy { get; set; }
    public Guid? ProposedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DeclineReason { get; set; }
    public Guid? ChangeId { get; set; }
    public long Version { get; set; }
}

internal static class SizingProposalModel
{
    public static void Configure(ModelBuilder b) => b.Entity<SizingProposal>(e =>
    {
        e.HasIndex(p => p.Number).IsUnique();
        // One open proposal per VM: the Center does not ask twice while the agency has not answered.
        e.HasIndex(p => p.VmId, "UX_SizingProposals_OpenPerVm").IsUnique().HasFilter("\"State\" = 'Open'");
        e.HasIndex(p => new { p.OrganisationId, p.ProposedAt });
        e.HasOne<CloudVm>().WithMany().HasForeignKey(p => p.VmId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.System).WithMany().HasForeignKey(p => p.SystemId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ChangeRequest>().WithMany().HasForeignKey(p => p.ChangeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.Number).HasMaxLength(32);
        e.Property(p => p.HostName).HasMaxLength(63);
        e.Property(p => p.Verdict).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.Reason).HasMaxLength(500);
        e.Property(p => p.Note).HasMaxLength(SizingProposals.MaxNoteLength);
        e.Property(p => p.ProposedBy).HasMaxLength(256);
        e.Property(p => p.DecidedBy).HasMaxLength(256);
        e.Property(p => p.DeclineReason).HasMaxLength(SizingProposals.MaxNoteLength);
        e.Property(p => p.Version).IsConcurrencyToken();
    });
}
