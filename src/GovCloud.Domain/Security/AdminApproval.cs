namespace GovCloud.Domain.Security;

/// <summary>What a held account change does.</summary>
public enum AccountChangeKind
{
    CreateUser,
    UpdateUser,
    ResetPassword,
}

public enum AdminRequestState
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>
/// 三员分立 (GB/T 22239 访问控制): no one administrator can act alone on the administrators. The system administrator
/// manages ordinary accounts at once; giving or taking one of the three administrator roles, stopping an administrator's
/// account or resetting an administrator's password is held until an administrator of another of the three roles
/// approves it. The one exception is the setting up of an empty installation, while nobody yet holds the security or the
/// audit administrator role: then nobody could approve, and the change is made at once and recorded as such.
/// </summary>
public static class AdminApproval
{
    public static bool IsAdministrator(Role role) => Roles.Administrators.Contains(role);

    /// <summary>Whether the change touches the administrators and so needs a second administrator.</summary>
    public static bool NeedsApproval(AccountChangeKind kind, IReadOnlyCollection<Role> rolesBefore, IReadOnlyCollection<Role> rolesAfter, bool deactivates) => kind switch
    {
        AccountChangeKind.CreateUser => rolesAfter.Any(IsAdministrator),
        AccountChangeKind.ResetPassword => rolesBefore.Any(IsAdministrator),
        AccountChangeKind.UpdateUser => (rolesBefore.Any(IsAdministrator) || rolesAfter.Any(IsAdministrator))
                                        && (deactivates || !rolesBefore.ToHashSet().SetEquals(rolesAfter)),
        _ => true,
    };

    /// <summary>An existing account is given an administrator role it did not hold: it then starts with a new password and second factor.</summary>
    public static bool GrantsAdministrator(IReadOnlyCollection<Role> before, IReadOnlyCollection<Role> after) =>
        after.Any(r => IsAdministrator(r) && !before.Contains(r));

    /// <summary>
    /// The setting-up exception: nobody active holds the security or the audit administrator role, so nobody could
    /// approve. <paramref name="activeRoles"/> are the roles held by active accounts.
    /// </summary>
    public static bool IsSettingUp(IReadOnlyCollection<Role> activeRoles) =>
        !activeRoles.Contains(Role.SecurityAdmin) && !activeRoles.Contains(Role.AuditAdmin);

    /// <summary>
    /// Why <paramref name="deciderRoles"/> may not decide a request made by someone of <paramref name="requesterRoles"/>
    /// about the account <paramref name="targetId"/>; null when they may. Nobody decides a change to their own account:
    /// an administrator could otherwise approve their own new role or their own password reset.
    /// </summary>
    public static string? CheckDecider(Guid requesterId, IReadOnlyCollection<Role> requesterRoles, Guid? targetId, Guid deciderId, IReadOnlyCollection<Role> deciderRoles)
    {
        if (deciderId == requesterId) return "三员分立：不能审批自己提出的申请";
        if (deciderId == targetId) return "三员分立：不能审批涉及本人账号的申请";
        var mine = deciderRoles.Where(IsAdministrator).ToList();
        if (mine.Count == 0) return "只有系统管理员、安全管理员或审计管理员可以审批";
        if (mine.All(requesterRoles.Contains)) return "三员分立：须由另一类管理员（与申请人不同的管理员角色）审批";
        return null;
    }

    public static string DisplayName(this AccountChangeKind kind) => kind switch
    {
        AccountChangeKind.CreateUser => "新建管理员账号",
        AccountChangeKind.UpdateUser => "管理员角色或状态变更",
        AccountChangeKind.ResetPassword => "重置管理员密码",
        _ => kind.ToString(),
    };

    public static string DisplayName(this AdminRequestState state) => state switch
    {
        AdminRequestState.Pending => "待审批",
        AdminRequestState.Approved => "已批准",
        AdminRequestState.Rejected => "未批准",
        AdminRequestState.Withdrawn => "已撤回",
        _ => state.ToString(),
    };
}
