using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;

namespace GovCloud.Web.Features.Inventory;

/// <summary>A VM of the inventory as lists show it; the monthly fee at today's catalogue prices, null while not billed (trial, reclaimed).</summary>
public sealed record VmSummaryDto(
    Guid Id, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName, Guid ApplicationId, int RowNo, string Zone, ServerType ServerType,
    string HostName, string Ips, int Vcpu, int MemoryGb, int SystemDiskGb, int DataDiskGb, string OperatingSystem, string OwnerNames, string BastionAccounts,
    VmState State, DateOnly DeliveredOn, DateOnly? ActiveFrom, DateOnly? ReclaimedOn, decimal? MonthlyFee, long Version, int BandwidthMbps = 0, int PublicIps = 0)
{
    public string StateName => State.DisplayName();
    public string ServerTypeName => ServerType.DisplayName();
}

public sealed record VmEventDto(VmEventKind Kind, string Description, DateTimeOffset At, string? By)
{
    public string KindName => Kind.DisplayName();
}

public sealed record VmDetailDto(VmSummaryDto Vm, string OwnerEmails, string OwnerMobiles, string Provider, string? ExternalId, string ApplicationNumber,
    IReadOnlyList<VmEventDto> History, ElasticEnvelope? Elastic = null);

/// <summary>
/// A VM as the cloud platform's service account sees it: the technical facts it reports on, nothing of the
/// agency, its system's name or the people who hold its bastion accounts.
/// </summary>
public sealed record PlatformVmDto(Guid Id, Guid SystemId, string HostName, string Ips, string Zone, int Vcpu, int MemoryGb, int SystemDiskGb,
    int DataDiskGb, string OperatingSystem, VmState State, string? ExternalId, ElasticEnvelope? Elastic, VmEventDto? LastEvent);

/// <summary>What the platform reports after scaling a VM by itself .</summary>
public sealed record ScalingInput(int? Vcpu, int? MemoryGb, string? Note);

public sealed record InventoryQuery(Guid? AgencyId = null, string? Zone = null, VmState? State = null, string? Q = null, Guid? SystemId = null,
    string? Sort = null, int? Page = null, int? PageSize = null);

/// <summary>A page of the inventory with the figures of everything the filter matched (not only the page).</summary>
public sealed record InventoryList(IReadOnlyList<VmSummaryDto> Items, int Total, int Page, int PageSize, int Vcpu, int MemoryGb, int StorageGb, decimal MonthlyFee);

/// <summary>What one information system holds: its VMs and services (reclaimed ones as history) and what they cost a month.</summary>
public sealed record SystemResourcesDto(Guid SystemId, string SystemName, Guid OrganisationId, string OrganisationName, IReadOnlyList<VmSummaryDto> Vms,
    int Vcpu, int MemoryGb, int StorageGb, decimal MonthlyFee, IReadOnlyList<ServiceSummaryDto>? Services = null);

/// <summary>A catalogue service of the inventory with its monthly fee at today's price (null once given up, or when the catalogue has no price).</summary>
public sealed record ServiceSummaryDto(Guid Id, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName, string ItemCode, string ItemName,
    int Quantity, string? Unit, VmState State, DateOnly ActiveFrom, DateOnly? ReclaimedOn, string Source, decimal? MonthlyFee)
{
    public string StateName => State == VmState.Active ? "使用中" : State.DisplayName();
}

public sealed record ServiceQuery(Guid? AgencyId = null, Guid? SystemId = null, VmState? State = null, string? ItemCode = null, int? Page = null, int? PageSize = null);

/// <summary>A page of services with the monthly fee of everything the filter matched.</summary>
public sealed record ServiceList(IReadOnlyList<ServiceSummaryDto> Items, int Total, int Page, int PageSize, decimal MonthlyFee);

public sealed record HeldSystemDto(Guid SystemId, string SystemName, int Vms);
