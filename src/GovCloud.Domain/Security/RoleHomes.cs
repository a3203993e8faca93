using GovCloud.Domain.Organisations;

namespace GovCloud.Domain.Security;

/// <summary>
/// Which organisations' users may hold each role: a business role belongs to the organisation that does that work. Data,
/// not code, so that a county sets its own: configuration names a role and the organisation types that may
/// hold it, and the roles it does not name keep <see cref="Default"/>.
/// </summary>
public sealed class RoleHomes
{
    private readonly IReadOnlyDictionary<Role, IReadOnlySet<OrganisationType>> _homes;

    private RoleHomes(IReadOnlyDictionary<Role, IReadOnlySet<OrganisationType>> homes) => _homes = homes;

    private static readonly OrganisationType[] Tenants = Enum.GetValues<OrganisationType>().Where(t => t.IsTenant()).ToArray();
    private static readonly OrganisationType[] Regulators = Enum.GetValues<OrganisationType>().Where(t => t.IsRegulator()).ToArray();

    /// <summary>
    /// The city's rules: the three administrators in the Bureau or the Center; agencies' roles in every tenant; the
    /// Center's own; the Bureau's approvers; Finance. The inspectors who issue rectification notices sit with the three
    /// regulators, the Bureau and — Art. 29: 市信息化建设管理中心…发出整改通知 — the Center.
    /// </summary>
    public static readonly RoleHomes Default = new(new Dictionary<Role, IReadOnlySet<OrganisationType>>
    {
        [Role.SystemAdmin] = Set(OrganisationType.Bureau, OrganisationType.Center),
        [Role.SecurityAdmin] = Set(OrganisationType.Bureau, OrganisationType.Center),
        [Role.AuditAdmin] = Set(OrganisationType.Bureau, OrganisationType.Center),
        [Role.AgencyOperator] = Set(Tenants),
        [Role.AgencySecurityOfficer] = Set(Tenants),
        [Role.CenterEvaluator] = Set(OrganisationType.Center),
        [Role.CenterOperator] = Set(OrganisationType.Center),
        [Role.PlatformAgent] = Set(OrganisationType.Center),
        [Role.BastionAgent] = Set(OrganisationType.Center),
        [Role.BureauApprover] = Set(OrganisationType.Bureau),
        [Role.Inspector] = Set([.. Regulators, OrganisationType.Bureau, OrganisationType.Center]),
        [Role.FinanceViewer] = Set(OrganisationType.Finance),
    });

    private static IReadOnlySet<OrganisationType> Set(params OrganisationType[] types) => types.ToHashSet();

    public bool Allows(Role role, OrganisationType organisation) => _homes.TryGetValue(role, out var homes) && homes.Contains(organisation);

    /// <summary>The organisation types whose users may hold <paramref name="role"/>, in the order of the type list: told to whoever picked the wrong one.</summary>
    public IEnumerable<OrganisationType> Of(Role role) => Enum.GetValues<OrganisationType>().Where(t => Allows(role, t));

    /// <summary>
    /// The default with the configured roles replaced: each entry is a role's English name and the organisation types that
    /// may hold it ("Inspector": "PublicSecurity,Center"). A name that is not a role or a type is an error at start-up.
    /// </summary>
    public static RoleHomes Configure(IReadOnlyDictionary<string, string>? configured)
    {
        if (configured is null || configured.Count == 0) return Default;
        var homes = Default._homes.ToDictionary();
        foreach (var (roleName, types) in configured)
        {
            if (!Enum.TryParse<Role>(roleName, out var role) || !Enum.IsDefined(role))
                throw new ArgumentException($"角色与单位类型配置中的“{roleName}”不是角色名称");
            var set = new HashSet<OrganisationType>();
            foreach (var name in types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                set.Add(Enum.TryParse<OrganisationType>(name, out var type) && Enum.IsDefined(type)
                    ? type : throw new ArgumentException($"角色“{roleName}”配置中的“{name}”不是单位类型名称"));
            if (set.Count == 0) throw new ArgumentException($"角色“{roleName}”至少须有一种单位类型");
            homes[role] = set;
        }
        return new RoleHomes(homes);
    }
}
