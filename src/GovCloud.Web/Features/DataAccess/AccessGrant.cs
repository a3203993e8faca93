using GovCloud.Domain.DataAccess;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.DataAccess;

/// <summary>
/// 访问授权: a Center operator's request to reach named VMs, databases or storage of one agency system, and once the
/// agency's security officer approves it, the grant the bastion host checks. An emergency access (应急访问) is one the operator
/// opened himself; the agency reviews it afterwards. Names are kept as they were asked, so the log reads the same later.
/// </summary>
public sealed class AccessGrant
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>FW2026-0001 (访问); unique.</summary>
    public required string Number { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid SystemId { get; set; }
    public required string SystemName { get; set; }
    /// <summary>The operator the grant is for: the bastion asks by this user name.</summary>
    public Guid OperatorId { get; set; }
    public required string OperatorUserName { get; set; }
    public required string OperatorName { get; set; }
    public AccessMode Mode { get; set; }
    /// <summary>访问目的, or for an emergency access the reason it could not wait.</summary>
    public required string Purpose { get; set; }
    public AccessTicketKind? TicketKind { get; set; }
    public string? TicketNumber { get; set; }
    public bool IsEmergency { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public AccessGrantState State { get; set; }
    /// <summary>Who approved or refused, when, and what they said; for a revoke or a withdrawal who ended it and when.</summary>
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }
    public string? EndedBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Why the agency revoked it, when it said.</summary>
    public string? EndReason { get; set; }
    /// <summary>事后审查 of an emergency access by the agency.</summary>
    public EmergencyReview? Review { get; set; }
    public string? ReviewComment { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public List<AccessGrantTarget> Targets { get; set; } = [];
    public long Version { get; set; }
}

/// <summary>One thing a grant opens: a VM of the system, or one of its services (a database, storage…).</summary>
public sealed class AccessGrantTarget
{
    public long Id { get; set; }
    public Guid GrantId { get; set; }
    public Guid? VmId { get; set; }
    public CloudVm? Vm { get; set; }
    public Guid? ServiceId { get; set; }
    /// <summary>How users read it: the VM's host name and addresses, or the service's name and quantity.</summary>
    public required string Label { get; set; }
}

/// <summary>
/// One question of the bastion host (or the cloud platform) and its answer: who wanted to reach what, to read or to change, and
/// whether a grant allowed it. Every check is kept, allowed or denied: it is the agency's proof of who touched its systems.
/// </summary>
public sealed class AccessCheck
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string OperatorUserName { get; set; }
    /// <summary>The target as asked: a VM id, a host name, an address or a service id.</summary>
    public required string Target { get; set; }
    public AccessMode Action { get; set; }
    public AccessCheckOutcome Outcome { get; set; }
    public Guid? GrantId { get; set; }
    /// <summary>Whose the target is, when it is known: the agency reads the checks on its own systems.</summary>
    public Guid? OrganisationId { get; set; }
    public Guid? SystemId { get; set; }
    public string? TargetLabel { get; set; }
    /// <summary>Which service account asked.</summary>
    public string? AskedBy { get; set; }
}

/// <summary>The tables of access grants and checks, their keys and the indexes the bastion's check reads by.</summary>
internal static class AccessGrantModel
{
    public static void Configure(ModelBuilder b)
    {
        // The bastion asks by operator: the grants of one operator that have not ended are found by this index.
        b.Entity<AccessGrant>(e =>
        {
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.OperatorUserName, x.EndsAt });
            e.HasIndex(x => new { x.OrganisationId, x.RequestedAt });
            e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Targets).WithOne().HasForeignKey(t => t.GrantId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.SystemName).HasMaxLength(200);
            e.Property(x => x.OperatorUserName).HasMaxLength(256);
            e.Property(x => x.OperatorName).HasMaxLength(100);
            e.Property(x => x.Mode).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Purpose).HasMaxLength(AccessGrantRules.MaxPurposeLength);
            e.Property(x => x.TicketKind).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.TicketNumber).HasMaxLength(64);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.DecisionComment).HasMaxLength(AccessGrantRules.MaxPurposeLength);
            e.Property(x => x.EndedBy).HasMaxLength(256);
            e.Property(x => x.EndReason).HasMaxLength(AccessGrantRules.MaxPurposeLength);
            e.Property(x => x.Review).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ReviewComment).HasMaxLength(AccessGrantRules.MaxPurposeLength);
            e.Property(x => x.ReviewedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<AccessGrantTarget>(e =>
        {
            e.HasIndex(t => t.VmId);
            e.HasOne(t => t.Vm).WithMany().HasForeignKey(t => t.VmId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CloudService>().WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.Property(t => t.Label).HasMaxLength(300);
        });
        // A check whose target no grant names looks up whose VM it is by host name: an index of its own (the others lead with the state).
        b.Entity<CloudVm>().HasIndex(v => v.HostName, "IX_CloudVms_HostName");
        b.Entity<AccessCheck>(e =>
        {
            // The log reads an agency's, a system's or everyone's checks, newest first.
            e.HasIndex(c => new { c.OrganisationId, c.At });
            e.HasIndex(c => new { c.SystemId, c.At });
            e.HasIndex(c => c.At);
            e.Property(c => c.OperatorUserName).HasMaxLength(256);
            e.Property(c => c.Target).HasMaxLength(256);
            e.Property(c => c.Action).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(24);
            e.Property(c => c.TargetLabel).HasMaxLength(300);
            e.Property(c => c.AskedBy).HasMaxLength(256);
        });
    }
}
