namespace GovCloud.Domain.Security;

/// <summary>
/// Who may use each area of the product, by role: the least each job needs (R-26.2, R-28.1, GB/T 22239 访问控制).
/// The menu, the pages and the API read the same lists; each action within an area names its own role besides.
/// The three administrators run the platform (accounts, organisations, calendar, the audit log) and see no agency's
/// business data; Finance reads fees; the regulators read registers, read-only, until the supervision work gives them
/// their own part; the platform's service account reports elastic scaling and reads the VM facts it reports on.
/// </summary>
public static class Access
{
    public static readonly Role[] Administrators = [.. Roles.Administrators];
    public static readonly Role[] Agency = [Role.AgencyOperator, Role.AgencySecurityOfficer];
    public static readonly Role[] Center = [Role.CenterEvaluator, Role.CenterOperator];

    /// <summary>Every role, the machine account too: who one is, one's own password, signing out.</summary>
    public static readonly Role[] Everyone = Enum.GetValues<Role>();

    /// <summary>Everyone who signs in as a person: all roles but the machine accounts (the cloud platform's, the bastion's).</summary>
    public static readonly Role[] People = Enum.GetValues<Role>().Where(r => !Roles.Machines.Contains(r)).ToArray();

    /// <summary>Those who work the cloud's cases: the agencies, the Center and the Bureau. Only they open agencies' documents.</summary>
    public static readonly Role[] CaseWorkers = [.. Agency, .. Center, Role.BureauApprover];

    /// <summary>The case workers and those who oversee them read-only: Finance (fees) and the regulators.</summary>
    public static readonly Role[] CaseReaders = [.. CaseWorkers, Role.FinanceViewer, Role.Inspector];

    // Areas.
    public static readonly Role[] Systems = [.. CaseWorkers, Role.Inspector];
    /// <summary>迁移上云率 is also one of the figures Finance weighs.</summary>
    public static readonly Role[] MigrationRates = [.. CaseWorkers, Role.Inspector, Role.FinanceViewer];
    public static readonly Role[] Applications = CaseReaders;
    public static readonly Role[] Inventory = CaseReaders;
    public static readonly Role[] Changes = [.. CaseWorkers, Role.Inspector];
    public static readonly Role[] DataCenters = CaseReaders;
    public static readonly Role[] Pools = [Role.BureauApprover, .. Center];
    public static readonly Role[] Deadlines = CaseWorkers;
    public static readonly Role[] DeadlineDashboard = [Role.BureauApprover, .. Center];
    public static readonly Role[] Catalog = People;
    public static readonly Role[] Calendar = People;
    public static readonly Role[] Inbox = People;
    public static readonly Role[] Organisations = People;
    public static readonly Role[] Users = Administrators;
    public static readonly Role[] AccountSecurity = [Role.SystemAdmin, Role.SecurityAdmin];
    public static readonly Role[] Audit = [Role.AuditAdmin];

    /// <summary>
    /// Security supervision (等级保护 …, R-8, R-27.1): the agencies their own, the Center, the Bureau and the regulators every
    /// agency's. Finance has no part in it.
    /// </summary>
    public static readonly Role[] Supervision = [.. CaseWorkers, Role.Inspector];

    /// <summary>Who has steps to take (待办): the case workers, and the regulators who check the answers to their notices.</summary>
    public static readonly Role[] Work = [.. CaseWorkers, Role.Inspector];

    /// <summary>Who issues 整改通知书 and checks the answers: the Bureau's approvers, the Center's operators, the regulators' inspectors.</summary>
    public static readonly Role[] RectificationIssuers = [Role.BureauApprover, Role.CenterOperator, Role.Inspector];

    /// <summary>Who answers a notice: an agency's security officer or operator, the Center's operators for the cloud.</summary>
    public static readonly Role[] RectificationAnswerers = [Role.AgencySecurityOfficer, Role.AgencyOperator, Role.CenterOperator];

    /// <summary>Files agencies and the Center hand in (attachments, evidence, certificates): case workers only.</summary>
    public static readonly Role[] Documents = CaseWorkers;

    /// <summary>
    /// Access to agencies' hosts, databases and storage: the Center's operators ask, the agency decides, and the
    /// agency, the Center's operators, the Bureau and the regulators read the grants and the access log (an agency its own).
    /// </summary>
    public static readonly Role[] DataAccess = [.. Agency, Role.CenterOperator, Role.BureauApprover, Role.Inspector];

    /// <summary>
    /// Utilisation from the cloud's monitoring: the agencies their own, the Center and the Bureau every agency's, Finance too (idle
    /// resources cost money). The regulators have no part in it.
    /// </summary>
    public static readonly Role[] Utilisation = [.. Agency, .. Center, Role.BureauApprover, Role.FinanceViewer];

    /// <summary>Whose business records (systems, cases, inventory, centres) a role may read at all; the data scope then narrows it.</summary>
    public static bool ReadsBusinessData(IEnumerable<Role> roles) => roles.Any(r => CaseReaders.Contains(r));
}
