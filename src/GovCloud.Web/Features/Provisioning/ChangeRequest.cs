using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Deadlines;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>
/// 变更申请 or 终止申请 of one system: what the agency asks, the Center's evaluation,
/// the Bureau's decision, and how the Center carried it out (for a termination, the data's handover or
/// wipe, R-26.2).
/// </summary>
public sealed class ChangeRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>BG2026-0001 for a change, ZZ2026-0001 for a termination.</summary>
    public required string Number { get; set; }
    public ChangeKind Kind { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisations.Organisation? Organisation { get; set; }
    public Guid SystemId { get; set; }
    public Systems.InfoSystem? System { get; set; }
    public ChangeState State { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>R-21.7: what the agency confirmed before applying to terminate.</summary>
    public bool SystemOffline { get; set; }
    public bool DataSecured { get; set; }

    public string? EvaluationOpinion { get; set; }
    public string? EvaluatedBy { get; set; }
    public DateTimeOffset? EvaluatedAt { get; set; }
    public string? DecisionOpinion { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }

    /// <summary>The elastic range asked for; it applies to the system once the change is carried out.</summary>
    public int? ElasticMinVcpu { get; set; }
    public int? ElasticMaxVcpu { get; set; }
    public int? ElasticMinMemoryGb { get; set; }
    public int? ElasticMaxMemoryGb { get; set; }

    public ElasticEnvelope? Elastic => ElasticMinVcpu is null ? null
        : new(ElasticMinVcpu.Value, ElasticMaxVcpu!.Value, ElasticMinMemoryGb!.Value, ElasticMaxMemoryGb!.Value);

    // the data's handover and its wipe, both on record (DisposalDate is the day it was wiped).
    public DataDisposal? DisposalMethod { get; set; }
    public string? DisposalHandedOverTo { get; set; }
    public string? DisposalHandoverContent { get; set; }
    public DateOnly? DisposalHandedOverOn { get; set; }
    public string? DisposalWipeMethod { get; set; }
    public DateOnly? DisposalDate { get; set; }
    public string? DisposalPeople { get; set; }

    public Guid? OpenClockId { get; set; }
    public DeadlineClock? OpenClock { get; set; }
    public long Version { get; set; }
    public List<ChangeLine> Lines { get; set; } = [];
    public List<ChangeAttachment> Attachments { get; set; } = [];
}

/// <summary>One line of a change: a VM resized or removed (with its size before and after), or a new VM (its Annex 3 row).</summary>
public sealed class ChangeLine
{
    public long Id { get; set; }
    public Guid ChangeId { get; set; }
    public int No { get; set; }
    public ChangeLineAction Action { get; set; }
    /// <summary>The VM resized or removed; for an addition, the VM built when carried out.</summary>
    public Guid? VmId { get; set; }
    public required string Zone { get; set; }
    public string? HostName { get; set; }
    public int? FromVcpu { get; set; }
    public int? FromMemoryGb { get; set; }
    public int? FromSystemDiskGb { get; set; }
    public int? FromDataDiskGb { get; set; }
    public int? ToVcpu { get; set; }
    public int? ToMemoryGb { get; set; }
    public int? ToSystemDiskGb { get; set; }
    public int? ToDataDiskGb { get; set; }
    public ServerType? ServerType { get; set; }
    public string? SubsystemName { get; set; }
    public string? OwnerNames { get; set; }
    public string? OwnerEmails { get; set; }
    public string? OwnerMobiles { get; set; }
    public string? OperatingSystem { get; set; }
    /// <summary>The catalogue service of an AddService / RemoveService line, and how much is taken on.</summary>
    public string? ItemCode { get; set; }
    public int? Quantity { get; set; }

    public VmSize? From => FromVcpu is null ? null : new VmSize(FromVcpu.Value, FromMemoryGb!.Value, FromSystemDiskGb!.Value, FromDataDiskGb!.Value);
    public VmSize? To => ToVcpu is null ? null : new VmSize(ToVcpu.Value, ToMemoryGb!.Value, ToSystemDiskGb!.Value, ToDataDiskGb!.Value);
}

public enum ChangeAttachmentKind
{
    /// <summary>下线及数据迁移/备份证明.</summary>
    Evidence,
    /// <summary>数据移交/清除证明.</summary>
    DisposalCertificate,
}

public sealed class ChangeAttachment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ChangeId { get; set; }
    public ChangeAttachmentKind Kind { get; set; }
    public required string FileName { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoredPath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}
