using GovCloud.Domain.DataCenters;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.DataCenters;

/// <summary>
/// An agency's data centre: self-built or leased, with what certification looks at and,
/// for a leased one, its lessor and contract. Systems point at the centre that hosts them.
/// </summary>
public sealed class DataCenter
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string Name { get; set; }
    public DataCenterKind Kind { get; set; }
    public string? Address { get; set; }
    public decimal AreaM2 { get; set; }
    /// <summary>现有机架数: every rack in the room (R-15.1 counts these), of which <see cref="UsableRacks"/> are usable .</summary>
    public int ExistingRacks { get; set; }
    public int UsableRacks { get; set; }
    /// <summary>When a self-built centre came into use: after the rules took effect it is a new centre forbids.</summary>
    public DateOnly? InServiceSince { get; set; }
    public RoomClass RoomClass { get; set; }
    public bool ExtranetConnected { get; set; }
    public bool UsesExtranetInternetExit { get; set; }
    public bool SupportsIpv6 { get; set; }
    public int FullTimeStaff { get; set; }
    public bool Service7x24 { get; set; }
    public int? MlpsLevel { get; set; }
    public DateOnly? LastAssessmentOn { get; set; }
    public bool HasCloudPlatform { get; set; }
    public bool CloudPlatformConforms { get; set; }
    /// <summary>Holds national-security, social-stability or emergency-response data (Art. 17): its own certification path.</summary>
    public bool HoldsSensitiveData { get; set; }
    public string? Lessor { get; set; }
    public DateOnly? LeaseStart { get; set; }
    public DateOnly? LeaseEnd { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    // Where it stands (R-A1), kept on the centre so that lists and the Bureau's overview filter on columns.
    /// <summary>A certification is being evaluated or decided.</summary>
    public bool Certifying { get; set; }
    /// <summary>The last decision (Certified / NotCertified); null before any.</summary>
    public CertificationState? Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? RetentionEndsOn { get; set; }
    /// <summary>The last day its systems must be off it: after retention, the transition's end, or the lease end .</summary>
    public DateOnly? MigrateBy { get; set; }

    // Revocation: the agency revokes its centre; the Bureau confirms and takes its equipment into the pool.
    public DateOnly? RevokedOn { get; set; }
    public string? RevokedBy { get; set; }
    public DateOnly? RevocationConfirmedOn { get; set; }
    public string? RevocationConfirmedBy { get; set; }
    public string? RevocationOpinion { get; set; }
    /// <summary>The Bureau's clock to confirm the revocation while it runs.</summary>
    public Guid? RevocationClockId { get; set; }
    /// <summary>Only an office network room may remain.</summary>
    public bool OfficeRoomRemains { get; set; }
    public string? RevocationNote { get; set; }
    /// <summary>The pool zone its equipment's capacity went to.</summary>
    public Guid? RevocationZoneId { get; set; }
    public long Version { get; set; }

    public CentreStatus Status => new(Kind, Certifying, Decision, RetentionEndsOn, MigrateBy, RevokedOn);

    public RegisterFacts Facts => new(Kind, AreaM2, ExistingRacks, UsableRacks, InServiceSince, LeaseStart);
}

public static class DataCenterQueries
{
    /// <summary>A centre the actor may see (with its agency), tracked for a change; 404 otherwise.</summary>
    public static async Task<DataCenter> VisibleCentreAsync(this GovCloudDbContext db, DataScope scope, Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        return await db.DataCenters.Include(d => d.Organisation).FirstOrDefaultAsync(d => d.Id == id && (visible == null || visible.Contains(d.OrganisationId)), ct)
               ?? throw ProblemException.NotFound("数据中心");
    }
}

/// <summary>One kind of device of a revoked centre, with the capacity each brings to the pool .</summary>
public sealed class DataCenterEquipment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DataCenterId { get; set; }
    public int RowNo { get; set; }
    public EquipmentKind Kind { get; set; }
    public required string Model { get; set; }
    public int Quantity { get; set; }
    public int Vcpu { get; set; }
    public int MemoryGb { get; set; }
    public int StorageGb { get; set; }
    public int BandwidthMbps { get; set; }
}

/// <summary>An act forbids (a new centre, an expansion, a new lease, a lease extension, a purchase of third-party cloud services), followed up by the Bureau.</summary>
public sealed class DataCenterViolation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>Null for a purchase of third-party cloud services (no centre of the agency's own).</summary>
    public Guid? DataCenterId { get; set; }
    public DataCenter? DataCenter { get; set; }
    public ViolationKind Kind { get; set; }
    public DateOnly OccurredOn { get; set; }
    public required string Description { get; set; }
    public string? FollowUp { get; set; }
    public bool Resolved { get; set; }
    /// <summary>The evidence of the act (a contract, an invoice, a photo), kept in the file store.</summary>
    public string? EvidenceName { get; set; }
    public string? EvidencePath { get; set; }
    public string? EvidenceSha256 { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public long Version { get; set; }
}
