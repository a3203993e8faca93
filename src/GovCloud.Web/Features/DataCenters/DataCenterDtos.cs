using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;

namespace GovCloud.Web.Features.DataCenters;

public sealed record DataCenterInput(
    Guid? OrganisationId, string? Name, DataCenterKind? Kind, string? Address, decimal? AreaM2, int? UsableRacks, RoomClass? RoomClass,
    bool? ExtranetConnected, bool? UsesExtranetInternetExit, bool? SupportsIpv6, int? FullTimeStaff, bool? Service7x24, int? MlpsLevel,
    DateOnly? LastAssessmentOn, bool? HasCloudPlatform, bool? CloudPlatformConforms, bool? HoldsSensitiveData, string? Lessor, DateOnly? LeaseStart,
    DateOnly? LeaseEnd, IReadOnlyList<Guid>? SystemIds, long? Version = null, int? ExistingRacks = null, DateOnly? InServiceSince = null);

public sealed record HostedSystemDto(Guid Id, string Name, SystemLifecycle Lifecycle)
{
    /// <summary>On the cloud or offline: no longer in the centre.</summary>
    public bool Gone => Lifecycle is SystemLifecycle.OnCloud or SystemLifecycle.Offline;
}

public sealed record DataCenterDto(
    Guid Id, Guid OrganisationId, string OrganisationName, string Name, DataCenterKind Kind, string? Address, decimal AreaM2, int UsableRacks, RoomClass RoomClass,
    bool ExtranetConnected, bool UsesExtranetInternetExit, bool SupportsIpv6, int FullTimeStaff, bool Service7x24, int? MlpsLevel, DateOnly? LastAssessmentOn,
    bool HasCloudPlatform, bool CloudPlatformConforms, bool HoldsSensitiveData, string? Lessor, DateOnly? LeaseStart, DateOnly? LeaseEnd,
    IReadOnlyList<HostedSystemDto> Systems, bool Certifying, CertificationState? Decision, DateOnly? DecidedOn, DateOnly? RetentionEndsOn, DateOnly? MigrateBy,
    DateOnly? RevokedOn, bool OfficeRoomRemains, long Version, int ExistingRacks, DateOnly? InServiceSince, DataCenterStage Stage = default,
    bool FundingStopped = false, DateOnly? ApplyBy = null)
{
    public string KindName => Kind.DisplayName();
    public string RoomClassName => RoomClass.DisplayName();
    /// <summary>A re-application after retention being decided reads 重新认定中 .</summary>
    public string StageName => MigrationRules.Recertifying(Status) ? "重新认定中" : Stage.DisplayName();
    public CentreStatus Status => new(Kind, Certifying, Decision, RetentionEndsOn, MigrateBy, RevokedOn);
}

/// <summary>
/// Filters of the register: <c>EndingWithinDays</c> = retention or migrate-by date within that many days;
/// <c>Overdue</c> = past its migrate-by date and not revoked; <c>FundingStopped</c> = retention over.
/// </summary>
public sealed record DataCenterQuery(Guid? OrganisationId = null, DataCenterKind? Kind = null, string? Q = null, bool? LeaseEndingSoon = null, int? Page = null,
    int? PageSize = null, DataCenterStage? Stage = null, int? EndingWithinDays = null, bool? Overdue = null, bool? FundingStopped = null);

/// <summary>The Bureau's overview (R-A1): centres by stage, what ends soon, what is overdue, what waits for it.</summary>
public sealed record DataCenterOverview(
    IReadOnlyDictionary<DataCenterStage, int> ByStage, int EndingSoon, int Overdue, int FundingStopped, int OpenViolations, int PlansToReview,
    IReadOnlyList<DataCenterDto> Attention);

/// <summary>The Bureau's follow-up of a violation: what was done, and whether it is put right.</summary>
public sealed record ViolationFollowUpInput(string? FollowUp, bool? Resolved, long? Version);

public sealed record ViolationInput(Guid? OrganisationId, Guid? DataCenterId, ViolationKind? Kind, DateOnly? OccurredOn, string? Description, string? FollowUp,
    bool? Resolved = null, long? Version = null);

public sealed record ViolationDto(Guid Id, Guid OrganisationId, string OrganisationName, Guid? DataCenterId, string? DataCenterName, ViolationKind Kind,
    DateOnly OccurredOn, string Description, string? FollowUp, bool Resolved, DateTimeOffset RecordedAt, string? RecordedBy, long Version, string? EvidenceName = null)
{
    public string KindName => Kind.DisplayName();
}
