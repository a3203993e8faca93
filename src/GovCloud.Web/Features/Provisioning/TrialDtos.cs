using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Inventory;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>An approved row as the Center builds it: the approved (adjusted) specs and the bastion owners to open accounts for.</summary>
public sealed record ApprovedRowDto(int No, string Zone, string ServerTypeName, string? SubsystemName, int Vcpu, int MemoryGb, int SystemDiskGb, int DataDiskGb,
    string OperatingSystem, IReadOnlyList<string> OwnerNames);

public sealed record AgreementDto(DateTimeOffset? AgencyAt, string? AgencyBy, Guid? SignedCopyId, string? SignedCopyName, DateTimeOffset? CenterAt, string? CenterBy)
{
    public bool Complete => AgencyAt is not null && CenterAt is not null;
}

public sealed record TrialDto(
    Guid Id, Guid ApplicationId, string ApplicationNumber, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName,
    TrialState State, string? Provider, DateTimeOffset? DeliveredAt, string? DeliveredBy, DateOnly? DeliveryDueOn,
    int Days, DateOnly? StartedOn, DateOnly? EndsOn, int? DaysLeft, int MaxExtraDays,
    AgreementDto Agreement, TrialResult? Result, string? ResultNote, DateTimeOffset? ResultAt, string? ResultBy,
    DateOnly? LiveOn, DateTimeOffset? ClosedAt, string? ClosedBy, string? ReclaimReason,
    IReadOnlyList<string> BlockersOfFormalUse, IReadOnlyList<ApprovedRowDto> Rows, IReadOnlyList<VmSummaryDto> Vms, long Version,
    IReadOnlyList<Applications.NetworkNeedDto> Network)
{
    public string StateName => State.DisplayName();
    public string? ResultName => Result?.DisplayName();
}

/// <summary>A line of the trials list (the Center's delivery queue, the agency's trials ending).</summary>
public sealed record TrialSummaryDto(Guid Id, Guid ApplicationId, string ApplicationNumber, string OrganisationName, string SystemName, TrialState State,
    DateOnly? DeliveryDueOn, DateOnly? EndsOn, bool AgreementComplete, TrialResult? Result)
{
    public string StateName => State.DisplayName();
}

public sealed record TrialQuery(TrialState? State = null, bool? EndingSoon = null, int? Page = null, int? PageSize = null);

public sealed record DeliveryInput(int? Days, IReadOnlyList<DeliveredVm>? Vms, long? Version);

public sealed record TrialResultInput(TrialResult? Result, string? Note, long? Version);

public sealed record ExtensionInput(int? Days, long? Version);
