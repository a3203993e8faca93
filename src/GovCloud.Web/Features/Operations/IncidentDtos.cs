using GovCloud.Domain.Operations;
using GovCloud.Web.Features.Supervision;

namespace GovCloud.Web.Features.Operations;

/// <param name="Zones">Network zones down as a whole, by name.</param>
/// <param name="SystemIds">Systems touched on their own.</param>
/// <param name="EndedAt">When the service came back, for an incident recorded after it was over.</param>
public sealed record IncidentInput(string? Title, IncidentKind? Kind, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt = null,
    IReadOnlyList<string>? Zones = null, IReadOnlyList<Guid>? SystemIds = null, string? Cause = null, string? Handling = null);

public sealed record IncidentClosing(DateTimeOffset? EndedAt, string? Cause, string? Handling, long? Version);

/// <param name="Open">true: not yet over; false: over.</param>
/// <param name="From">Began on or after (China date).</param>
/// <param name="To">Began on or before.</param>
public sealed record IncidentQuery(IncidentKind? Kind = null, bool? Open = null, string? Zone = null, DateOnly? From = null, DateOnly? To = null,
    string? Q = null, int? Page = null, int? PageSize = null);

public sealed record IncidentTargetDto(string? Zone, Guid? SystemId, string? SystemName, string? AgencyName)
{
    /// <summary>政务外网网络分区 / 市教育局《智慧校园平台》.</summary>
    public string Label => Zone is not null ? $"{Zone}网络分区" : $"{AgencyName}《{SystemName}》";
}

public sealed record IncidentDto(Guid Id, string Number, string Title, IncidentKind Kind, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Cause,
    string? Handling, string RecordedBy, DateTimeOffset RecordedAt, string? ClosedBy, IReadOnlyList<IncidentTargetDto> Affected, bool MayClose, long Version)
{
    public string KindName => Kind.DisplayName();
}

public sealed record IncidentRowDto(Guid Id, string Number, string Title, IncidentKind Kind, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Minutes,
    string AffectedText, string? Cause, string? Handling)
{
    public string KindName => Kind.DisplayName();
}

/// <summary>What an incident may name: the zones, and the systems on the cloud as 单位《系统》.</summary>
public sealed record IncidentTargetsDto(IReadOnlyList<string> Zones, IReadOnlyList<NamedDto> Systems);

/// <param name="Key">The zone's name or the system's id.</param>
/// <param name="BelowTarget">Below the availability the cloud promises (configured).</param>
public sealed record AvailabilityRow(string Key, string Name, string? Agency, int DowntimeMinutes, double Percent, int Outages, bool BelowTarget);

public sealed record AvailabilityReport(string Month, DateOnly From, DateOnly To, double TargetPercent, IReadOnlyList<AvailabilityRow> Zones,
    IReadOnlyList<AvailabilityRow> Systems);
