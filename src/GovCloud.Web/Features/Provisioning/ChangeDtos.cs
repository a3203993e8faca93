using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Deadlines;

namespace GovCloud.Web.Features.Provisioning;

public sealed record ChangeLineDto(int No, ChangeLineAction Action, Guid? VmId, string Zone, string? HostName, VmSize? From, VmSize? To,
    ServerType? ServerType, string? SubsystemName, string? OwnerNames, string? OperatingSystem, string? ItemCode = null, int? Quantity = null)
{
    public string ActionName => Action.DisplayName();
}

public sealed record ChangeAttachmentDto(Guid Id, ChangeAttachmentKind Kind, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string? UploadedBy)
{
    public string KindName => Kind == ChangeAttachmentKind.Evidence ? "下线及数据迁移/备份证明" : "数据移交/清除证明";
}

public sealed record ChangeDto(
    Guid Id, string Number, ChangeKind Kind, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName, ChangeState State,
    string? Reason, DateTimeOffset CreatedAt, string? CreatedBy, bool SystemOffline, bool DataSecured,
    string? EvaluationOpinion, string? EvaluatedBy, DateTimeOffset? EvaluatedAt, string? DecisionOpinion, string? DecidedBy, DateTimeOffset? DecidedAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, DataDisposal? DisposalMethod, DateOnly? DisposalDate, string? DisposalPeople,
    IReadOnlyList<ChangeLineDto> Lines, IReadOnlyList<ChangeAttachmentDto> Attachments, IReadOnlyList<ClockDto> Clocks, long Version,
    ElasticEnvelope? Elastic = null, DisposalRecord? Disposal = null)
{
    public string KindName => Kind.DisplayName();
    public string StateName => State.DisplayName();
    public string? DisposalName => DisposalMethod?.DisplayName();
}

public sealed record ChangeSummaryDto(Guid Id, string Number, ChangeKind Kind, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName,
    ChangeState State, int Lines, DateTimeOffset CreatedAt, DateOnly? DueOn)
{
    public string KindName => Kind.DisplayName();
    public string StateName => State.DisplayName();
}

public sealed record ChangeQuery(ChangeState? State = null, ChangeKind? Kind = null, Guid? SystemId = null, int? Page = null, int? PageSize = null);

/// <summary>A change of one system: why, and its lines.</summary>
public sealed record ChangeInput(Guid? SystemId, string? Reason, IReadOnlyList<ChangeLineRequest>? Lines, ElasticEnvelope? Elastic = null);

public sealed record TerminationInput(Guid? SystemId, string? Reason, bool? SystemOffline, bool? DataSecured);

/// <summary>The Center's opinion, or the Bureau's; a Bureau approving beyond the pool says why.</summary>
public sealed record ChangeOpinionInput(string? Opinion, long? Version, string? OverrideReason = null);

/// <summary>What a resize became on the platform (no more than approved); left out, the approved size is taken.</summary>
public sealed record ResizedVm(int No, int? Vcpu, int? MemoryGb, int? SystemDiskGb, int? DataDiskGb);

/// <summary>The Center carried the change out: each new VM as built (numbered by its line), each resize as done.</summary>
public sealed record ChangeCompletionInput(IReadOnlyList<DeliveredVm>? Added, IReadOnlyList<ResizedVm>? Resized, long? Version);

/// <summary>What closes a termination: the data's handover and its wipe; the certificate comes as the form's file.</summary>
public sealed record DisposalInput(string? HandedOverTo, string? HandoverContent, DateOnly? HandedOverOn, string? WipeMethod, DateOnly? WipedOn, string? People,
    long? Version)
{
    public DisposalRecord Record => new(HandedOverTo, HandoverContent, HandedOverOn, WipeMethod, WipedOn, People);
}
