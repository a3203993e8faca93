using GovCloud.Domain.DataAccess;

namespace GovCloud.Web.Features.DataAccess;

/// <param name="VmIds">The system's VMs to reach.</param>
/// <param name="ServiceIds">The system's services (databases, storage…) to reach.</param>
/// <param name="StartsAt">When the window begins; now when not given.</param>
/// <param name="Hours">How long it lasts, at most the configured window (8 h by default).</param>
public sealed record AccessRequestInput(Guid? SystemId, IReadOnlyList<Guid>? VmIds, IReadOnlyList<Guid>? ServiceIds, AccessMode? Mode, string? Purpose,
    AccessTicketKind? TicketKind, string? TicketNumber, DateTimeOffset? StartsAt, int? Hours);

/// <param name="Hours">At most the configured emergency window (2 h by default); it begins now.</param>
public sealed record EmergencyAccessInput(Guid? SystemId, IReadOnlyList<Guid>? VmIds, IReadOnlyList<Guid>? ServiceIds, AccessMode? Mode, string? Reason,
    int? Hours);

public sealed record AccessDecisionInput(string? Comment, long? Version);

public sealed record EmergencyReviewInput(EmergencyReview? Review, string? Comment, long? Version);

public sealed record AccessGrantCreated(Guid Id, string Number);

/// <summary>The bastion's answer: allowed or not, the grant that allowed it and when it ends; why not, in Chinese, when denied.</summary>
public sealed record AccessCheckResult(bool Allow, Guid? GrantId, DateTimeOffset? EndsAt, AccessCheckOutcome Outcome, string Reason);

public sealed record AccessTargetDto(Guid Id, string Kind, string Label);

public sealed record AccessTargetsDto(Guid SystemId, string SystemName, string OrganisationName, bool HasSecurityOfficer,
    IReadOnlyList<AccessTargetDto> Vms, IReadOnlyList<AccessTargetDto> Services);

public sealed record AccessGrantDto(Guid Id, string Number, Guid OrganisationId, string OrganisationName, Guid SystemId, string SystemName,
    string OperatorUserName, string OperatorName, AccessMode Mode, string Purpose, AccessTicketKind? TicketKind, string? TicketNumber, bool IsEmergency,
    DateTimeOffset RequestedAt, DateTimeOffset StartsAt, DateTimeOffset EndsAt, AccessGrantState State, AccessGrantStanding Standing,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionComment, string? EndedBy, DateTimeOffset? EndedAt, string? EndReason,
    EmergencyReview? Review, string? ReviewComment, string? ReviewedBy, DateTimeOffset? ReviewedAt, IReadOnlyList<string> Targets,
    bool MayDecide, bool MayRevoke, bool MayWithdraw, bool MayReview, long Version)
{
    public string ModeName => Mode.DisplayName();
    public string StandingName => Standing.DisplayName();
    public string? TicketKindName => TicketKind?.DisplayName();
    public string? ReviewName => Review?.DisplayName();
}

public sealed record AccessGrantRowDto(Guid Id, string Number, string OrganisationName, string SystemName, string OperatorName, AccessMode Mode,
    bool IsEmergency, DateTimeOffset StartsAt, DateTimeOffset EndsAt, AccessGrantStanding Standing, string TargetsText, EmergencyReview? Review)
{
    public string ModeName => Mode.DisplayName();
    public string StandingName => Standing.DisplayName();
    public string? ReviewName => Review?.DisplayName();
}

/// <param name="Standing">待审批、生效中… as read from the clock.</param>
/// <param name="Emergency">Only emergency accesses (true) or only requested ones (false).</param>
/// <param name="ToReview">Emergency accesses the agency has not reviewed yet.</param>
public sealed record AccessGrantQuery(AccessGrantStanding? Standing = null, bool? Emergency = null, bool? ToReview = null, Guid? OrganisationId = null,
    Guid? SystemId = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>One line of an agency's access log: a step of a grant (asked, approved, refused, revoked, emergency, reviewed) or a check.</summary>
public sealed record AccessLogLineDto(DateTimeOffset At, string Kind, string OrganisationName, string? SystemName, string OperatorUserName, string What,
    string? Outcome, bool Denied, string? GrantNumber, Guid? GrantId);

public sealed record AccessLogQuery(Guid? SystemId = null, Guid? OrganisationId = null, DateOnly? From = null, DateOnly? To = null, string? Kind = null,
    bool? DeniedOnly = null, string? Operator = null, int? Page = null, int? PageSize = null);
