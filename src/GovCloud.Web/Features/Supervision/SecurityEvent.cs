using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Organisations;

namespace GovCloud.Web.Features.Supervision;

/// <summary>
/// 安全事件 on the cloud: the Center records what happened, whom it touches, each handling step, and closes it with
/// the result. An agency reads the events that touch it.
/// </summary>
public sealed class SecurityEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>SJ2026-0001; unique.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    public SecurityEventKind Kind { get; set; }
    public SecuritySeverity Severity { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Description { get; set; }
    public SecurityEventState State { get; set; }
    /// <summary>处置结果, written when the event is closed.</summary>
    public string? Conclusion { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public List<SecurityEventTarget> Affected { get; set; } = [];
    public List<SecurityEventStep> Steps { get; set; } = [];
    public long Version { get; set; }
}

/// <summary>Whom an event touches: an agency, one of its systems, or one of its VMs (names kept as they were then).</summary>
public sealed class SecurityEventTarget
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid? SystemId { get; set; }
    public string? SystemName { get; set; }
    public Guid? VmId { get; set; }
    public string? VmName { get; set; }
}

/// <summary>One handling step (处置措施): what was done, when, by whom.</summary>
public sealed class SecurityEventStep
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Text { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>
/// 云安全状况通报: one period's security state as published. Its figures are frozen at publishing (<see cref="Facts"/>, JSON
/// of <see cref="BulletinFacts"/>) so the document read later says what was sent, whatever changed since.
/// </summary>
public sealed class SecurityBulletin
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Number { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public required string Title { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// <summary>总体情况 and the work asked of the agencies, as the Center writes it.</summary>
    public required string Summary { get; set; }
    public required string Facts { get; set; }
    public Guid IssuerId { get; set; }
    public string PublishedBy { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public DateOnly PublishedOn { get; set; }
}
