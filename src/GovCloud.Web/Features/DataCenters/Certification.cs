using GovCloud.Domain.DataCenters;
using GovCloud.Web.Features.Deadlines;

namespace GovCloud.Web.Features.DataCenters;

/// <summary>
/// 认定申请 of a self-built data centre: the agency's self-check and evidence, the Center's
/// evaluation with the measured values and a verdict per criterion, the Bureau's decision and the dates it sets.
/// </summary>
public sealed class Certification
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>RD2026-0001.</summary>
    public required string Number { get; set; }
    public Guid DataCenterId { get; set; }
    public DataCenter? DataCenter { get; set; }
    public Guid OrganisationId { get; set; }
    public CertificationState State { get; set; }
    /// <summary>A centre holding sensitive data follows Art. 17 (evaluation, then the Bureau within 5 working days).</summary>
    public bool Sensitive { get; set; }
    public required string SelfCheck { get; set; }
    /// <summary>A re-application after retention points at the certification it follows.</summary>
    public Guid? PreviousId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }

    // What the Center measured, and its verdict per criterion as "Criterion:1|2|…" kept in CriteriaJson.
    public decimal? AreaM2 { get; set; }
    /// <summary>The racks the Center counted in the room: the transition of follows these.</summary>
    public int? ExistingRacks { get; set; }
    public int? UsableRacks { get; set; }
    public RoomClass? RoomClass { get; set; }
    public int? FullTimeStaff { get; set; }
    public int? MlpsLevel { get; set; }
    public string? CriteriaJson { get; set; }
    public string? EvaluationOpinion { get; set; }
    public DateOnly? SurveyDate { get; set; }
    public string? SurveyPeople { get; set; }
    /// <summary>The optional technical review by experts: who reviewed and what they concluded.</summary>
    public string? TechnicalReview { get; set; }
    public string? EvaluatedBy { get; set; }
    public DateTimeOffset? EvaluatedAt { get; set; }

    public string? DecisionOpinion { get; set; }
    public string? DecidedBy { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? RetentionEndsOn { get; set; }
    public DateOnly? MigrationDueOn { get; set; }
    public DateOnly? TransitionEndsOn { get; set; }

    public Guid? OpenClockId { get; set; }
    public DeadlineClock? OpenClock { get; set; }
    public List<CertificationEvidence> Evidence { get; set; } = [];
    public long Version { get; set; }
}

/// <summary>A file the agency offers as evidence of one criterion of R-13.1 (certificates, photos, test reports).</summary>
public sealed class CertificationEvidence
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CertificationId { get; set; }
    public Criterion Criterion { get; set; }
    public required string FileName { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoredPath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}
