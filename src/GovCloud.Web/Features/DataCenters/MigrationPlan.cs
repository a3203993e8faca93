using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Deadlines;

namespace GovCloud.Web.Features.DataCenters;

/// <summary>
/// 迁移计划 of one data centre: every system it hosts, each to be migrated (by a resource application of
/// the existing-system kind) or shut down in consolidation, with a target date and milestones. The Bureau approves
/// it or returns it; a returned plan stays as history and the agency submits a new one.
/// </summary>
public sealed class MigrationPlan
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>QY2026-0001.</summary>
    public required string Number { get; set; }
    public Guid DataCenterId { get; set; }
    public DataCenter? DataCenter { get; set; }
    public Guid OrganisationId { get; set; }
    public MigrationPlanState State { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public string? ReviewOpinion { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid? OpenClockId { get; set; }
    public DeadlineClock? OpenClock { get; set; }
    public List<MigrationPlanItem> Items { get; set; } = [];
    public long Version { get; set; }
}

/// <summary>One system of a plan; a system shut down carries the record of how its data was handled.</summary>
public sealed class MigrationPlanItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public int RowNo { get; set; }
    public Guid SystemId { get; set; }
    public Systems.InfoSystem? System { get; set; }
    public PlanDisposition Disposition { get; set; }
    public DateOnly TargetDate { get; set; }
    public string? Milestones { get; set; }

    // the data's handover and its wipe, both on record (HandledOn is the day it was wiped).
    public DataDisposal? HandlingMethod { get; set; }
    public string? HandedOverTo { get; set; }
    public string? HandoverContent { get; set; }
    public DateOnly? HandedOverOn { get; set; }
    public string? WipeMethod { get; set; }
    public DateOnly? HandledOn { get; set; }
    public string? HandledBy { get; set; }
    public string? CertificateName { get; set; }
    public string? CertificatePath { get; set; }
    public string? CertificateSha256 { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
}
