using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Organisations;

namespace GovCloud.Web.Features.Deadlines;

/// <summary>
/// The time limit of one step of one case (an application's evaluation, a certification's
/// approval, a rectification notice, …). Processes start, pause, resume and complete clocks;
/// the sweeper warns and marks them overdue.
/// </summary>
public sealed class DeadlineClock
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string CaseType { get; set; }
    public required string CaseId { get; set; }
    public required string CaseTitle { get; set; }
    public required string Step { get; set; }
    public required string StepName { get; set; }

    /// <summary>Who must act: an organisation and the role within it.</summary>
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Role ResponsibleRole { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The Beijing date of the event that started the clock (counting starts the day after).</summary>
    public DateOnly StartedOn { get; set; }
    public int PeriodLength { get; set; }
    public PeriodUnit PeriodUnit { get; set; }

    /// <summary>The last day (null while paused); the clock runs out at 24:00 Beijing time of that day.</summary>
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset? DueAt { get; set; }

    public ClockState State { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? OverdueAt { get; set; }
    public List<ClockPause> Pauses { get; set; } = [];
    public long Version { get; set; }

    public Period Period => new(PeriodLength, PeriodUnit);
}

public sealed class ClockPause
{
    public long Id { get; set; }
    public Guid ClockId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
    public string? Reason { get; set; }
}
