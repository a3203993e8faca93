using System.Text.Json;
using GovCloud.Domain;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Users;

/// <summary>
/// 三员分立: account changes that touch the administrators wait for a second administrator of another of the three roles
/// (<see cref="AdminApproval"/>). Requests, decisions and what they did are all in the audit log; the audit administrator
/// reads every request.
/// </summary>
public sealed partial class UserService
{
    public const string SettingUpNote = "初始化例外：尚无安全管理员和审计管理员可以审批，由系统管理员直接办理";

    /// <summary>
    /// Holds the change for approval when it touches the administrators, returning the request; otherwise null, and whether
    /// it goes through at once only because the installation is still being set up (the audit entry then says so).
    /// </summary>
    private async Task<(AdminRequestDto? Held, bool SettingUp)> HoldAsync(Actor actor, AccountChangeKind kind, Guid? targetId, string targetName,
        IReadOnlyCollection<Role> before, IReadOnlyCollection<Role> after, bool deactivates, object? payload, string summary, CancellationToken ct)
    {
        if (!AdminApproval.NeedsApproval(kind, before, after, deactivates)) return (null, false);
        if (await IsSettingUpAsync(ct)) return (null, true);

        var request = new AdminRequest
        {
            Kind = kind, State = AdminRequestState.Pending, TargetUserId = targetId, TargetUserName = targetName, Summary = Texts.Fit(summary, 500),
            Payload = payload is null ? null : JsonSerializer.Serialize(payload, payload.GetType()),
            RequestedById = actor.UserId!.Value, RequestedByName = actor.UserName ?? "",
            RequestedByRoles = string.Join(",", actor.Roles.Where(AdminApproval.IsAdministrator)), RequestedAt = clock.GetUtcNow(),
        };
        db.AdminRequests.Add(request);
        audit.Record(actor, AuditActions.AdminRequestSubmitted, nameof(AdminRequest), request.Id, after: new { kind = kind.ToString(), request.TargetUserName, request.Summary });
        await inbox.NotifyAsync(await ApproversAsync(actor, targetId, ct), NotificationKinds.AdminApproval, $"待审批：{kind.DisplayName()}（{request.TargetUserName}）",
            $"{actor.UserName} 申请：{request.Summary}。须由另一类管理员审批后生效。", "admin-requests", $"admin-request:{request.Id}", ct);
        await db.SaveChangesAsync(ct);
        return (ToDto(request), false);
    }

    /// <summary>
    /// Who can decide a request of <paramref name="requester"/>: the active holders of an administrator role the requester
    /// does not hold, neither the requester nor the account the request is about (<see cref="AdminApproval.CheckDecider"/>).
    /// </summary>
    private async Task<IReadOnlyCollection<Guid>> ApproversAsync(Actor requester, Guid? targetId, CancellationToken ct)
    {
        var otherRoles = Roles.Administrators.Where(r => !requester.Roles.Contains(r)).ToList();
        return await db.Users.Where(u => u.IsActive && u.Id != requester.UserId && u.Id != targetId && u.Roles.Any(r => otherRoles.Contains(r.Role)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>Whether the installation is still being set up: nobody active holds the security or the audit administrator role.</summary>
    public async Task<bool> IsSettingUpAsync(CancellationToken ct) =>
        AdminApproval.IsSettingUp(await db.UserRoles.Where(r => db.Users.Any(u => u.Id == r.UserId && u.IsActive)).Select(r => r.Role).Distinct().ToListAsync(ct));

    /// <summary>Every request, newest first, for the three administrators (the audit administrator oversees them).</summary>
    public async Task<Paged<AdminRequestDto>> RequestsAsync(Actor actor, AdminRequestQuery q, CancellationToken ct)
    {
        RequireAnyAdministrator(actor);
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = db.AdminRequests.AsNoTracking();
        if (q.State is { } state) query = query.Where(r => r.State == state);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.RequestedAt).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<AdminRequestDto>(rows.Select(r => ToDto(r) with { CanDecide = r.State == AdminRequestState.Pending && MayDecide(actor, r) }).ToList(), total, page, size);
    }

    /// <summary>How many pending requests this administrator may decide: the figure on their home page.</summary>
    public async Task<int> WaitingForAsync(Actor actor, CancellationToken ct)
    {
        RequireAnyAdministrator(actor);
        var pending = await db.AdminRequests.AsNoTracking().Where(r => r.State == AdminRequestState.Pending).ToListAsync(ct);
        return pending.Count(r => MayDecide(actor, r));
    }

    private static bool MayDecide(Actor actor, AdminRequest r) =>
        AdminApproval.CheckDecider(r.RequestedById, RequesterRoles(r), r.TargetUserId, actor.UserId ?? Guid.Empty, actor.Roles) is null;

    private static List<Role> RequesterRoles(AdminRequest r) =>
        r.RequestedByRoles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Role>).ToList();

    /// <summary>An administrator of another role approves: the change is made now, in the same transaction as the decision.</summary>
    public async Task<AdminDecision> ApproveAsync(Actor actor, Guid id, AdminDecisionInput input, CancellationToken ct)
    {
        var request = await DecidableAsync(actor, id, input, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var note = $"经三员审批（申请人 {request.RequestedByName}，审批人 {actor.UserName}）";
        UserDto? user = null;
        string? password = null;
        switch (request.Kind)
        {
            case AccountChangeKind.CreateUser:
                (user, password) = await CreateCoreAsync(actor, JsonSerializer.Deserialize<CreateUserInput>(request.Payload!)!, note, ct);
                request.TargetUserId = user.Id;
                break;
            case AccountChangeKind.UpdateUser:
                var target = request.TargetUserId!.Value;
                var before = await db.UserRoles.Where(r => r.UserId == target).Select(r => r.Role).ToListAsync(ct);
                var update = JsonSerializer.Deserialize<UpdateUserInput>(request.Payload!)!;
                user = await UpdateCoreAsync(actor, target, update, note, ct);
                // Whoever knew the account's password or held its authenticator before (the requester among them) must not
                // come with the new administrator role: the account starts afresh, its one-time password to the approver.
                if (AdminApproval.GrantsAdministrator(before, update.Roles!))
                {
                    (user, password) = await ResetCoreAsync(actor, target, note + "；授予管理员角色后重新设置密码", ct);
                    var account = await db.Users.FirstAsync(u => u.Id == target, ct);
                    if (account.SecondFactorSecret is not null) await secondFactors.RemoveAsync(actor, account, "授予管理员角色后重新绑定", ct);
                }
                break;
            case AccountChangeKind.ResetPassword:
                (user, password) = await ResetCoreAsync(actor, request.TargetUserId!.Value, note, ct);
                break;
        }
        Decide(actor, request, AdminRequestState.Approved, input.Opinion, AuditActions.AdminRequestApproved);
        await TellRequesterAsync(request, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AdminDecision(ToDto(request), user, password);
    }

    public async Task<AdminRequestDto> RejectAsync(Actor actor, Guid id, AdminDecisionInput input, CancellationToken ct)
    {
        var request = await DecidableAsync(actor, id, input, ct);
        if (TextRules.IsBlank(input.Opinion)) throw ProblemException.Invalid("opinion", "请填写不予批准的理由");
        Decide(actor, request, AdminRequestState.Rejected, input.Opinion, AuditActions.AdminRequestRejected);
        await TellRequesterAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(request);
    }

    /// <summary>The requester takes the request back before it is decided.</summary>
    public async Task<AdminRequestDto> WithdrawAsync(Actor actor, Guid id, AdminDecisionInput input, CancellationToken ct)
    {
        RequireAnyAdministrator(actor);
        var request = await PendingAsync(id, input, ct);
        if (request.RequestedById != actor.UserId) throw ProblemException.Forbidden("只有申请人可以撤回申请");
        Decide(actor, request, AdminRequestState.Withdrawn, input.Opinion, AuditActions.AdminRequestWithdrawn);
        await db.SaveChangesAsync(ct);
        return ToDto(request);
    }

    private async Task<AdminRequest> DecidableAsync(Actor actor, Guid id, AdminDecisionInput input, CancellationToken ct)
    {
        RequireAnyAdministrator(actor);
        var request = await PendingAsync(id, input, ct);
        if (AdminApproval.CheckDecider(request.RequestedById, RequesterRoles(request), request.TargetUserId, actor.UserId ?? Guid.Empty, actor.Roles) is { } refused)
            throw ProblemException.Forbidden(refused);
        return request;
    }

    private async Task<AdminRequest> PendingAsync(Guid id, AdminDecisionInput input, CancellationToken ct)
    {
        var request = await db.AdminRequests.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw ProblemException.NotFound("三员审批申请");
        ProblemException.CheckVersion(input.Version, request.Version, "申请");
        if (request.State != AdminRequestState.Pending)
            throw new ProblemException(409, "申请已办结", $"该申请已{request.State.DisplayName()}，不能再办理");
        return request;
    }

    private void Decide(Actor actor, AdminRequest request, AdminRequestState state, string? opinion, string action)
    {
        (request.State, request.DecidedById, request.DecidedByName, request.DecidedAt, request.Opinion) =
            (state, actor.UserId, actor.UserName, clock.GetUtcNow(), Texts.Fit(Texts.OrNull(opinion) ?? "", 500) is { Length: > 0 } o ? o : null);
        request.Version++;
        audit.Record(actor, action, nameof(AdminRequest), request.Id, after: new { request.TargetUserName, request.Summary, request.Opinion });
    }

    /// <summary>The requester hears how their request was decided (the withdrawing requester knows already).</summary>
    private Task<int> TellRequesterAsync(AdminRequest request, CancellationToken ct) =>
        inbox.NotifyAsync([request.RequestedById], NotificationKinds.AdminApproval, $"三员审批{request.State.DisplayName()}：{request.Kind.DisplayName()}（{request.TargetUserName}）",
            $"{request.DecidedByName} {request.State.DisplayName()}：{request.Summary}" + (request.Opinion is { } o ? $"。意见：{o}" : ""), "admin-requests",
            $"admin-request:{request.Id}:decided", ct);

    private static void RequireAnyAdministrator(Actor actor)
    {
        if (!actor.IsInAny(Access.Administrators)) throw ProblemException.Forbidden("只有系统管理员、安全管理员或审计管理员可以查看和办理三员审批");
    }

    private static AdminRequestDto ToDto(AdminRequest r) => new(
        r.Id, r.Kind, r.State, r.TargetUserId, r.TargetUserName, r.Summary, r.Reason, r.RequestedByName, r.RequestedAt, r.DecidedByName, r.DecidedAt,
        r.Opinion, r.Version);
}
