using GovCloud.Domain.Supervision;

namespace GovCloud.Web.Features.Supervision;

/// <param name="OrganisationIds">Agencies touched as a whole.</param>
/// <param name="SystemIds">Systems touched; their agencies are touched too.</param>
/// <param name="VmIds">Cloud VMs touched; their systems and agencies too.</param>
public sealed record SecurityEventInput(string? Title, SecurityEventKind? Kind, SecuritySeverity? Severity, DateTimeOffset? OccurredAt, string? Description,
    IReadOnlyList<Guid>? OrganisationIds = null, IReadOnlyList<Guid>? SystemIds = null, IReadOnlyList<Guid>? VmIds = null);

public sealed record SecurityEventStepInput(string? Text, long? Version);

public sealed record SecurityEventClosing(string? Conclusion, long? Version);

public sealed record SecurityEventCreated(Guid Id, string Number);

public sealed record AffectedDto(Guid OrganisationId, string OrganisationName, Guid? SystemId, string? SystemName, Guid? VmId, string? VmName)
{
    /// <summary>市教育局《智慧校园平台》 edu-web-01.</summary>
    public string Label => OrganisationName + (SystemName is null ? "" : $"《{SystemName}》") + (VmName is null ? "" : $" {VmName}");
}

public sealed record SecurityEventStepDto(long Id, DateTimeOffset At, string Text, string RecordedBy);

public sealed record SecurityEventDto(Guid Id, string Number, string Title, SecurityEventKind Kind, SecuritySeverity Severity, DateTimeOffset OccurredAt,
    string Description, SecurityEventState State, string? Conclusion, DateTimeOffset? ClosedAt, string? ClosedBy, string RecordedBy, DateTimeOffset RecordedAt,
    IReadOnlyList<AffectedDto> Affected, IReadOnlyList<SecurityEventStepDto> Steps, bool MayHandle, long Version)
{
    public string KindName => Kind.DisplayName();
    public string SeverityName => Severity.DisplayName();
    public string StateName => State.DisplayName();
}

public sealed record SecurityEventRowDto(Guid Id, string Number, string Title, SecurityEventKind Kind, SecuritySeverity Severity, DateTimeOffset OccurredAt,
    SecurityEventState State, DateTimeOffset? ClosedAt, string AffectedText, int Steps)
{
    public string KindName => Kind.DisplayName();
    public string SeverityName => Severity.DisplayName();
    public string StateName => State.DisplayName();
}

/// <param name="From">Occurred on or after (China date).</param>
/// <param name="To">Occurred on or before.</param>
public sealed record SecurityEventQuery(SecurityEventState? State = null, SecurityEventKind? Kind = null, SecuritySeverity? Severity = null,
    Guid? OrganisationId = null, DateOnly? From = null, DateOnly? To = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>Who may be named as touched: agencies with their systems, and a system's VMs, for the record form.</summary>
public sealed record AffectableDto(IReadOnlyList<NamedDto> Organisations, IReadOnlyList<AffectableSystemDto> Systems);

public sealed record AffectableSystemDto(Guid Id, string Name, Guid OrganisationId, IReadOnlyList<NamedDto> Vms);

public sealed record BulletinInput(DateOnly? PeriodFrom, DateOnly? PeriodTo, string? Summary);

/// <summary>The figures a bulletin was published with (frozen as JSON in <see cref="SecurityBulletin.Facts"/>).</summary>
public sealed record BulletinFacts(IReadOnlyList<BulletinCount> EventsByKind, IReadOnlyList<BulletinCount> EventsBySeverity,
    IReadOnlyList<BulletinEvent> Events, int OpenNotices, int OverdueNotices, int NoticesClosedInPeriod, IReadOnlyList<BulletinAgency> Agencies)
{
    public int EventCount => Events.Count;
    public int HandlingCount => Events.Count(e => e.State == SecurityEventState.Handling);
}

public sealed record BulletinCount(string Name, int Count);

public sealed record BulletinEvent(string Number, string Title, SecurityEventKind Kind, SecuritySeverity Severity, DateOnly OccurredOn, SecurityEventState State)
{
    public string KindName => Kind.DisplayName();
    public string SeverityName => Severity.DisplayName();
    public string StateName => State.DisplayName();
}

/// <summary>An agency with problems: its open and overdue notices, its systems whose MLPS filing or assessment is missing or late.</summary>
public sealed record BulletinAgency(string Name, int OpenNotices, int OverdueNotices, int MlpsProblems);

public sealed record BulletinRowDto(Guid Id, string Number, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly PublishedOn, string PublishedBy,
    int Events, int OpenNotices, int Agencies);

public sealed record BulletinDto(Guid Id, string Number, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, string Summary, BulletinFacts Facts,
    string IssuerName, DateOnly PublishedOn, string PublishedBy);
