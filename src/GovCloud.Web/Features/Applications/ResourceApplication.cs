using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Systems;

namespace GovCloud.Web.Features.Applications;

/// <summary>
/// 云资源使用申请: one per information system (R-A3.1), with the Annex 3 rows, the other catalogue
/// services, the documents of, the Center's evaluation and the Bureau's decision.
/// </summary>
public sealed class ResourceApplication
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>申请编号, e.g. SQ2026-0001: what people quote on the phone.</summary>
    public required string Number { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid SystemId { get; set; }
    public InfoSystem? System { get; set; }
    public ApplicationState State { get; set; }
    public string? Purpose { get; set; }

    public string? AgencyContactName { get; set; }
    public string? AgencyContactMobile { get; set; }
    public string? AgencyContactEmail { get; set; }
    public string? VendorContactName { get; set; }
    public string? VendorContactMobile { get; set; }
    public string? VendorContactEmail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Who returned it (the Center while evaluating, the Bureau while deciding) and why.</summary>
    public ApplicationState? ReturnedFrom { get; set; }
    public string? ReturnReason { get; set; }

    public string? EvaluationOpinion { get; set; }
    public string? EvaluatedBy { get; set; }
    public DateTimeOffset? EvaluatedAt { get; set; }
    public DateOnly? SurveyDate { get; set; }
    public string? SurveyPeople { get; set; }
    public string? SurveyFindings { get; set; }
    public string? ReviewExperts { get; set; }
    public string? ReviewMinutes { get; set; }
    public string? ReviewConclusion { get; set; }

    public string? DecisionOpinion { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The clock of the step now waiting (evaluation or approval), for queues sorted by due date.</summary>
    public Guid? OpenClockId { get; set; }
    public DeadlineClock? OpenClock { get; set; }

    public long Version { get; set; }
    public List<ApplicationVm> Vms { get; set; } = [];
    public List<RequestedService> Services { get; set; } = [];
    public List<ApplicationNetwork> Network { get; set; } = [];
    public List<ApplicationAttachment> Attachments { get; set; } = [];
}

/// <summary>One Annex 3 row: one VM as requested, the Center's opinion beside it, and whether the Bureau approved it.</summary>
public sealed class ApplicationVm
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int No { get; set; }
    public required string Zone { get; set; }
    public required string Vendor { get; set; }
    public required string SystemName { get; set; }
    public string? SubsystemName { get; set; }
    public ServerType ServerType { get; set; }
    /// <summary>The bastion owners' names, e-mails and mobiles, each list joined with 、 in the same order (R-A3.4).</summary>
    public required string OwnerNames { get; set; }
    public required string OwnerEmails { get; set; }
    public required string OwnerMobiles { get; set; }
    public int Vcpu { get; set; }
    public int MemoryGb { get; set; }
    public int SystemDiskGb { get; set; }
    public int DataDiskGb { get; set; }
    public required string OperatingSystem { get; set; }
    public bool Clustered { get; set; }
    public string? ClusterGroup { get; set; }
    public string? Remarks { get; set; }

    public RowDecision? Decision { get; set; }
    public int? AdjustedVcpu { get; set; }
    public int? AdjustedMemoryGb { get; set; }
    public int? AdjustedSystemDiskGb { get; set; }
    public int? AdjustedDataDiskGb { get; set; }
    public string? DecisionReason { get; set; }
    /// <summary>The Bureau's word on this row; null until it decides.</summary>
    public bool? Approved { get; set; }
}

/// <summary>A catalogue service asked for besides the VMs (load balancer, database, backup, …).</summary>
public sealed class RequestedService
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public required string ItemCode { get; set; }
    public int Quantity { get; set; }
    public string? Remarks { get; set; }
}

/// <summary>
/// One zone's bandwidth and public addresses asked for beside the VMs (R-21.5: 合理分配计算、存储、带宽等资源), with the
/// Center's adjustment; the Bureau's approval of the application approves what stands.
/// </summary>
public sealed class ApplicationNetwork
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public required string Zone { get; set; }
    public int BandwidthMbps { get; set; }
    public int PublicIps { get; set; }
    public int? AdjustedBandwidthMbps { get; set; }
    public int? AdjustedPublicIps { get; set; }
    public string? DecisionReason { get; set; }
}

/// <summary>A document on disk, known by its SHA-256; never served inline.</summary>
public sealed class ApplicationAttachment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ApplicationId { get; set; }
    public AttachmentKind Kind { get; set; }
    public required string FileName { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Path under the file store's root.</summary>
    public required string StoredPath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}
