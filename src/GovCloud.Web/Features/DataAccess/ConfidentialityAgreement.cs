using GovCloud.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.DataAccess;

/// <summary>
/// 保密协议 between the Center and one agency: when it was signed, the period it is valid for, and the signed scan. A renewal
/// is a new agreement; the old ones stay as history. One recorded by mistake (wrong agency, wrong dates) is voided with a reason,
/// never deleted: it then counts for nothing but stays in the history.
/// </summary>
public sealed class ConfidentialityAgreement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public string? Remarks { get; set; }
    public required string FileName { get; set; }
    public required string StoredPath { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidedBy { get; set; }
    public string? VoidReason { get; set; }
}

internal static class ConfidentialityAgreementModel
{
    public static void Configure(ModelBuilder b) => b.Entity<ConfidentialityAgreement>(e =>
    {
        e.HasIndex(x => new { x.OrganisationId, x.ValidTo });
        e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Remarks).HasMaxLength(500);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.StoredPath).HasMaxLength(300);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.Property(x => x.VoidedBy).HasMaxLength(256);
        e.Property(x => x.VoidReason).HasMaxLength(200);
    });
}
