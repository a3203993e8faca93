using GovCloud.Domain.DataCenters;

namespace GovCloud.Web.Features.DataCenters;

public sealed record DataCenterInput(
    Guid? OrganisationId, string? Name, DataCenterKind? Kind, string? Address, decimal? AreaM2, int? UsableRacks, RoomClass? RoomClass,
    bool? ExtranetConnected, bool? UsesExtranetInternetExit, bool? SupportsIpv6, int? FullTimeStaff, bool? Service7x24, int? MlpsLevel,
    DateOnly? LastAssessmentOn, bool? HasCloudPlatform, bool? CloudPlatformConforms, bool? HoldsSensitiveData, string? Lessor, DateOnly? LeaseStart,
    DateOnly? LeaseEnd, IReadOnlyList<Guid>? SystemIds, long? Version = null);

public sealed record HostedSystemDto(Guid Id, string Name);

public sealed record DataCenterDto(
    Guid Id, Guid OrganisationId, string OrganisationName, string Name, DataCenterKind Kind, string? Address, decimal AreaM2, int UsableRacks, RoomClass RoomClass,
    bool ExtranetConnected, bool UsesExtranetInternetExit, bool SupportsIpv6, int FullTimeStaff, bool Service7x24, int? MlpsLevel, DateOnly? LastAssessmentOn,
    bool HasCloudPlatform, bool CloudPlatformConforms, bool HoldsSensitiveData, string? Lessor, DateOnly? LeaseStart, DateOnly? LeaseEnd,
    IReadOnlyList<HostedSystemDto> Systems, long Version)
{
    public string KindName => Kind.DisplayName();
    public string RoomClassName => RoomClass.DisplayName();
}

public sealed record DataCenterQuery(Guid? OrganisationId = null, DataCenterKind? Kind = null, string? Q = null, bool? LeaseEndingSoon = null, int? Page = null,
    int? PageSize = null);

public sealed record ViolationInput(Guid? OrganisationId, Guid? DataCenterId, ViolationKind? Kind, DateOnly? OccurredOn, string? Description, string? FollowUp,
    bool? Resolved = null, long? Version = null);

public sealed record ViolationDto(Guid Id, Guid OrganisationId, string OrganisationName, Guid? DataCenterId, string? DataCenterName, ViolationKind Kind,
    DateOnly OccurredOn, string Description, string? FollowUp, bool Resolved, DateTimeOffset RecordedAt, string? RecordedBy, long Version)
{
    public string KindName => Kind.DisplayName();
}
