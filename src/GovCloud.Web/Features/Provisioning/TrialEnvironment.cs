using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>
/// 试用环境 of one approved application: the Center's delivery, the trial period, the
/// usage agreement confirmed by both sides, the agency's result, and how it ended (formal use or
/// reclaimed).
/// </summary>
public sealed class TrialEnvironment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ApplicationId { get; set; }
    public ResourceApplication? Application { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid SystemId { get; set; }
    public TrialState State { get; set; }
    /// <summary>Which provider built it (手工 for the manual provider).</summary>
    public string? Provider { get; set; }
    public Guid? DeliveryClockId { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
    public string? DeliveredBy { get; set; }
    /// <summary>The days chosen when the trial started plus any extensions: never more than the longest trial.</summary>
    public int Days { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? EndsOn { get; set; }

    public DateTimeOffset? AgencyAgreementAt { get; set; }
    public string? AgencyAgreementBy { get; set; }
    /// <summary>The signed agreement when the agency uploaded one instead of confirming on screen.</summary>
    public Guid? AgreementAttachmentId { get; set; }
    public DateTimeOffset? CenterAgreementAt { get; set; }
    public string? CenterAgreementBy { get; set; }

    public TrialResult? Result { get; set; }
    public string? ResultNote { get; set; }
    public DateTimeOffset? ResultAt { get; set; }
    public string? ResultBy { get; set; }

    public DateOnly? LiveOn { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? ReclaimReason { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// A VM of the inventory: built for one approved row, in trial and then in formal use, with the
/// addresses, actual specs, image and bastion accounts the Center recorded. Reclaimed VMs stay as history.
/// </summary>
public sealed class CloudVm
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Organisations.Organisation? Organisation { get; set; }
    public Guid SystemId { get; set; }
    public Systems.InfoSystem? System { get; set; }
    public Guid ApplicationId { get; set; }
    /// <summary>The Annex 3 row (序号) of the application it was built for.</summary>
    public int RowNo { get; set; }
    public required string Zone { get; set; }
    public ServerType ServerType { get; set; }
    public required string HostName { get; set; }
    /// <summary>The addresses joined with ", ".</summary>
    public required string Ips { get; set; }
    /// <summary>How many of them are public: what the VM takes from the zone's public addresses.</summary>
    public int PublicIps { get; set; }
    /// <summary>The bandwidth the Center allotted it (Mbps, R-21.5); 0 when none was asked.</summary>
    public int BandwidthMbps { get; set; }
    public int Vcpu { get; set; }
    public int MemoryGb { get; set; }
    public int SystemDiskGb { get; set; }
    public int DataDiskGb { get; set; }
    public required string OperatingSystem { get; set; }
    /// <summary>The bastion owners from the application and the account opened for each, joined with 、 in the same order.</summary>
    public required string OwnerNames { get; set; }
    public required string OwnerEmails { get; set; }
    public required string OwnerMobiles { get; set; }
    public required string BastionAccounts { get; set; }
    public VmState State { get; set; }
    public required string Provider { get; set; }
    /// <summary>The platform's own id of the VM when a provider reports one.</summary>
    public string? ExternalId { get; set; }
    public DateOnly DeliveredOn { get; set; }
    public DateOnly? ActiveFrom { get; set; }
    public DateOnly? ReclaimedOn { get; set; }
    public long Version { get; set; }
    public List<CloudVmEvent> Events { get; set; } = [];
}

/// <summary>
/// A catalogue service of the inventory (load balancer, backup, database, …): taken on with formal use
/// or by a change, given up by a change or a termination; billed by quantity at the catalogue price.
/// </summary>
public sealed class CloudService
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Organisations.Organisation? Organisation { get; set; }
    public Guid SystemId { get; set; }
    public Systems.InfoSystem? System { get; set; }
    public required string ItemCode { get; set; }
    public int Quantity { get; set; }
    /// <summary>Active or Reclaimed (services have no trial).</summary>
    public VmState State { get; set; }
    public DateOnly ActiveFrom { get; set; }
    public DateOnly? ReclaimedOn { get; set; }
    /// <summary>What brought it: the application's number or the change's.</summary>
    public required string Source { get; set; }
    public long Version { get; set; }
}

/// <summary>One line of a VM's history: what happened, when, by whom, and the values before and after.</summary>
public sealed class CloudVmEvent
{
    public long Id { get; set; }
    public Guid VmId { get; set; }
    public VmEventKind Kind { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
}
