using GovCloud.Domain.Organisations;

namespace GovCloud.Domain.Security;

/// <summary>What a user may do. A user may hold several roles, all within the user's organisation.</summary>
public enum Role
{
    SystemAdmin,
    SecurityAdmin,
    AuditAdmin,
    AgencyOperator,
    AgencySecurityOfficer,
    CenterEvaluator,
    CenterOperator,
    BureauApprover,
    Inspector,
    FinanceViewer,
    /// <summary>The cloud platform's service account: reports elastic scaling (R-21.5) with a bearer token.</summary>
    PlatformAgent,
    /// <summary>
    /// The bastion host's service account (堡垒机): asks before each operator session whether the agency granted the access
    /// (R-26.2, R-28.1), and nothing else.
    /// </summary>
    BastionAgent,
}

public static class Roles
{
    /// <summary>系统管理员、安全管理员、审计管理员: the "three officers" kept apart (三员分立).</summary>
    public static readonly IReadOnlySet<Role> Administrators = new HashSet<Role> { Role.SystemAdmin, Role.SecurityAdmin, Role.AuditAdmin };

    /// <summary>Machine accounts: other systems calling the API with a token, never a person at a screen.</summary>
    public static readonly IReadOnlySet<Role> Machines = new HashSet<Role> { Role.PlatformAgent, Role.BastionAgent };

    public static string DisplayName(this Role role) => role switch
    {
        Role.SystemAdmin => "系统管理员",
        Role.SecurityAdmin => "安全管理员",
        Role.AuditAdmin => "审计管理员",
        Role.AgencyOperator => "使用单位经办人",
        Role.AgencySecurityOfficer => "使用单位安全负责人",
        Role.CenterEvaluator => "评估人员",
        Role.CenterOperator => "运维人员",
        Role.BureauApprover => "审批人员",
        Role.Inspector => "监管检查人员",
        Role.FinanceViewer => "财政人员",
        Role.PlatformAgent => "云平台对接账号",
        Role.BastionAgent => "堡垒机对接账号",
        _ => role.ToString(),
    };

    /// <summary>
    /// The Chinese reasons why a set of roles cannot be given to a user of this organisation type;
    /// empty when it can. The three administrators each stand alone.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyCollection<Role> roles, OrganisationType organisation, RoleHomes? homes = null)
    {
        homes ??= RoleHomes.Default;
        var errors = new List<string>();
        if (roles.Count == 0) errors.Add("至少选择一个角色");
        var admins = roles.Where(Administrators.Contains).ToList();
        if (admins.Count > 0 && roles.Count > 1)
            errors.Add($"三员分立：{string.Join("、", admins.Select(r => r.DisplayName()))}不得与其他角色兼任");
        foreach (var role in roles.Where(r => !homes.Allows(r, organisation)))
            errors.Add($"{organisation.DisplayName()}的用户不能担任“{role.DisplayName()}”：该角色只能由{string.Join("、", homes.Of(role).Select(t => t.DisplayName()))}的用户担任");
        return errors;
    }
}
