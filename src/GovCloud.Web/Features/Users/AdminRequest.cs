using GovCloud.Domain.Security;

namespace GovCloud.Web.Features.Users;

/// <summary>
/// An account change that touches the three administrators (三员), held until an administrator of another of the three
/// roles approves it (<see cref="AdminApproval"/>). The change is kept as it was asked for and applied as is on approval.
/// </summary>
public sealed class AdminRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public AccountChangeKind Kind { get; set; }
    public AdminRequestState State { get; set; }
    /// <summary>The account changed; null until a requested account is created.</summary>
    public Guid? TargetUserId { get; set; }
    public required string TargetUserName { get; set; }
    /// <summary>What the change does, in Chinese, as the approver reads it.</summary>
    public required string Summary { get; set; }
    /// <summary>The create or update input as JSON; null for a password reset.</summary>
    public string? Payload { get; set; }
    public string? Reason { get; set; }
    public Guid RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    /// <summary>The requester's administrator roles, comma-separated: the decider must hold another.</summary>
    public required string RequestedByRoles { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Opinion { get; set; }
    public long Version { get; set; }
}

public sealed record AdminRequestDto(
    Guid Id, AccountChangeKind Kind, AdminRequestState State, Guid? TargetUserId, string TargetUserName, string Summary, string? Reason,
    string RequestedByName, DateTimeOffset RequestedAt, string? DecidedByName, DateTimeOffset? DecidedAt, string? Opinion, long Version,
    bool CanDecide = false)
{
    public string KindName => Kind.DisplayName();
    public string StateName => State.DisplayName();
}

/// <summary>An account change done at once (<paramref name="Done"/>), or held for a second administrator (<paramref name="Held"/>).</summary>
public sealed record AccountChange<T>(T? Done, AdminRequestDto? Held) where T : class;

public sealed record AdminDecisionInput(string? Opinion, long? Version);

/// <summary>What the approver gets back: the request, the account as changed and, for a new or reset password, the one-time password (shown once, to the approver only).</summary>
public sealed record AdminDecision(AdminRequestDto Request, UserDto? User, string? OneTimePassword);

public sealed record AdminRequestQuery(AdminRequestState? State = null, int? Page = null, int? PageSize = null);
