using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Deadlines;

namespace GovCloud.Web.Features.Applications;

/// <param name="ApplicantName">申请单位, the applicant of record: the organisation itself, or a county department's county government (Art. 5).</param>
public sealed record ApplicationSummaryDto(
    Guid Id, string Number, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName, ApplicationState State,
    int VmCount, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateOnly? DueOn, DateTimeOffset? DueAt, string ApplicantName,
    GovCloud.Domain.Provisioning.TrialState? Trial = null)
{
    /// <summary>Where it really is: after 已批准, the stage of its trial (试用中, 已正式开通, …).</summary>
    public string StateName => State == ApplicationState.Approved && Trial is { } t ? GovCloud.Domain.Provisioning.TrialFlow.DisplayName(t) : State.DisplayName();
}

public sealed record VmRowDto(
    int No, string Zone, string Vendor, string SystemName, string? SubsystemName, ServerType ServerType, string OwnerNames, string OwnerEmails,
    string OwnerMobiles, int Vcpu, int MemoryGb, int SystemDiskGb, int DataDiskGb, string OperatingSystem, bool Clustered, string? ClusterGroup,
    string? Remarks, RowDecision? Decision, int? AdjustedVcpu, int? AdjustedMemoryGb, int? AdjustedSystemDiskGb, int? AdjustedDataDiskGb,
    string? DecisionReason, bool? Approved)
{
    public string ServerTypeName => ServerType.DisplayName();
    public string? DecisionName => Decision?.DisplayName();
}

/// <summary>A catalogue service asked for; <paramref name="Unit"/> is the unit it is billed by (GB·月), for showing the quantity with its unit.</summary>
public sealed record ServiceLineDto(string ItemCode, string ItemName, int Quantity, string? Remarks, string? Unit = null);

public sealed record AttachmentDto(Guid Id, AttachmentKind Kind, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string? UploadedBy)
{
    public string KindName => Kind.DisplayName();
}

public sealed record ContactsDto(string? AgencyContactName, string? AgencyContactMobile, string? AgencyContactEmail,
    string? VendorContactName, string? VendorContactMobile, string? VendorContactEmail);

public sealed record EvaluationDto(string? Opinion, string? EvaluatedBy, DateTimeOffset? EvaluatedAt, SiteSurvey? Survey, TechnicalReview? Review);

public sealed record DecisionDto(string? Opinion, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <param name="OrganisationName">使用单位: the organisation whose system uses the resources.</param>
/// <param name="ApplicantName">申请单位 (Art. 5): the organisation itself, or a county department's county government, which submits it to the city.</param>
/// <param name="ThroughCounty">A county department's application: its county government reviews it and submits it (待县区审核).</param>
public sealed record ApplicationDto(
    Guid Id, string Number, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName, SystemKind SystemKind,
    ApplicationState State, string? Purpose, ContactsDto Contacts, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt,
    ApplicationState? ReturnedFrom, string? ReturnReason, EvaluationDto Evaluation, DecisionDto Decision,
    IReadOnlyList<VmRowDto> Vms, IReadOnlyList<ServiceLineDto> Services, IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<AttachmentKind> MissingAttachments, FeeEstimate Fee, IReadOnlyList<ClockDto> Clocks, long Version,
    GovCloud.Domain.Provisioning.TrialState? TrialState, Guid ApplicantId, string ApplicantName, bool ThroughCounty, IReadOnlyList<NetworkNeedDto> Network)
{
    public string StateName => State.DisplayName();
    public string SystemKindName => SystemKind.DisplayName();
    public IReadOnlyList<string> MissingAttachmentNames => MissingAttachments.Select(k => k.DisplayName()).ToList();
}

/// <param name="InProgress">在办: on its way and not yet decided (with a county government, the Center for evaluation, or the Bureau for approval).</param>
/// <param name="Trial">After approval: the stage of the trial (AwaitingDelivery, InTrial, Live, Reclaimed).</param>
public sealed record ApplicationQuery(ApplicationState? State = null, string? Q = null, Guid? OrganisationId = null, int? Page = null, int? PageSize = null,
    bool? InProgress = null, GovCloud.Domain.Provisioning.TrialState? Trial = null);

/// <param name="Network">Bandwidth and public IPs per zone; null leaves them as they are.</param>
public sealed record ApplicationInput(Guid? SystemId, string? Purpose, ContactsDto? Contacts, IReadOnlyList<ServiceLineInput>? Services, long? Version = null,
    IReadOnlyList<NetworkNeed>? Network = null);

public sealed record ServiceLineInput(string? ItemCode, int? Quantity, string? Remarks);

/// <summary>One VM row as the wizard's grid sends it; owners as typed, split like the Excel cells.</summary>
public sealed record VmRowInput(int? No, string? Zone, string? Vendor, string? SystemName, string? SubsystemName, string? ServerType,
    string? OwnerNames, string? OwnerEmails, string? OwnerMobiles, int? Vcpu, int? MemoryGb, int? SystemDiskGb, int? DataDiskGb,
    string? OperatingSystem, bool? Clustered, string? ClusterGroup, string? Remarks);

public sealed record VmRowsInput(IReadOnlyList<VmRowInput>? Rows, long? Version);

public sealed record VersionInput(long? Version);

public sealed record ReasonInput(string? Reason, long? Version);

/// <param name="Network">The Center's word on each zone's bandwidth and public IPs; a zone left out is agreed as asked.</param>
public sealed record EvaluationInput(string? Opinion, IReadOnlyList<RowOpinion>? Rows, SiteSurvey? Survey, TechnicalReview? Review, long? Version,
    IReadOnlyList<NetworkOpinion>? Network = null);

/// <summary>The Bureau's approval; OverrideReason approves even where a zone's pool would go below zero, and is audited.</summary>
public sealed record ApprovalInput(string? Opinion, IReadOnlyList<int>? RefusedRows, long? Version, string? OverrideReason = null);

/// <summary>A zone's pool (what may be promised, what other applications hold) against what this one asks.</summary>
public sealed record ZoneCapacityDto(string Zone, int CapacityVcpu, int CapacityMemoryGb, int CapacityStorageGb,
    int ReservedVcpu, int ReservedMemoryGb, int ReservedStorageGb, int RequestedVcpu, int RequestedMemoryGb, int RequestedStorageGb,
    int CapacityBandwidthMbps = 0, int ReservedBandwidthMbps = 0, int RequestedBandwidthMbps = 0, int CapacityPublicIps = 0, int ReservedPublicIps = 0,
    int RequestedPublicIps = 0)
{
    public int FreeVcpuAfter => CapacityVcpu - ReservedVcpu - RequestedVcpu;
    public int FreeMemoryGbAfter => CapacityMemoryGb - ReservedMemoryGb - RequestedMemoryGb;
    public int FreeStorageGbAfter => CapacityStorageGb - ReservedStorageGb - RequestedStorageGb;
    public int FreeBandwidthMbpsAfter => CapacityBandwidthMbps - ReservedBandwidthMbps - RequestedBandwidthMbps;
    public int FreePublicIpsAfter => CapacityPublicIps - ReservedPublicIps - RequestedPublicIps;
    public bool Enough => FreeVcpuAfter >= 0 && FreeMemoryGbAfter >= 0 && FreeStorageGbAfter >= 0 && FreeBandwidthMbpsAfter >= 0 && FreePublicIpsAfter >= 0;
}

/// <summary>One zone's bandwidth and public addresses as asked, beside the Center's adjustment .</summary>
public sealed record NetworkNeedDto(string Zone, int BandwidthMbps, int PublicIps, int? AdjustedBandwidthMbps, int? AdjustedPublicIps, string? DecisionReason)
{
    /// <summary>What stands: the Center's value where it adjusted, else the request.</summary>
    public int EffectiveBandwidthMbps => AdjustedBandwidthMbps ?? BandwidthMbps;
    public int EffectivePublicIps => AdjustedPublicIps ?? PublicIps;
}
