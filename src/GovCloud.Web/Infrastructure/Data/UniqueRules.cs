using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Infrastructure.Data;

/// <summary>
/// The "one per …" rules. Each is kept by a unique index, so that two requests at the same moment cannot both pass a
/// check made in code; the code checks stay for their field-by-field messages. A write that an index refuses answers
/// 409 with the rule's Chinese message, whichever database refused it, never a 500.
/// </summary>
public static class UniqueRules
{
    public sealed record Rule(string Index, string Table, string[] Columns, string Message);

    /// <summary>An open case is one not yet ended: the states listed are the ends.</summary>
    public const string OpenApplication = "\"State\" NOT IN ('Approved', 'Rejected')";
    public const string OpenChange = "\"State\" NOT IN ('Rejected', 'Completed')";
    public const string OpenCertification = "\"State\" NOT IN ('Certified', 'NotCertified')";
    public const string LivePlan = "\"State\" <> 'Returned'";
    public const string HeldVm = "\"State\" <> 'Reclaimed'";
    public const string PendingRequest = "\"State\" = 'Pending'";

    public static readonly IReadOnlyList<Rule> All =
    [
        new("UX_ResourceApplications_OpenPerSystem", "ResourceApplications", ["SystemId"], "该系统已有办理中的申请，一个系统同时只办理一份申请"),
        new("UX_ChangeRequests_OpenPerSystem", "ChangeRequests", ["SystemId"], "该系统已有办理中的变更/终止申请，办结后再提交"),
        new("UX_Certifications_OpenPerCentre", "Certifications", ["DataCenterId"], "该数据中心已有办理中的认定申请"),
        new("UX_MigrationPlans_LivePerCentre", "MigrationPlans", ["DataCenterId"], "该数据中心已有待审核或已同意的迁移计划"),
        new("UX_CloudVms_HostNameInUse", "CloudVms", ["HostName"], "该主机名已被资源台账中的其他虚拟机使用"),
        new("UX_SizingProposals_OpenPerVm", "SizingProposals", ["VmId"], "该虚拟机已有待使用单位确认的调整建议"),
        new("IX_NetworkZones_Name", "NetworkZones", ["Name"], "已有同名的网络分区"),
        new("IX_NetworkZones_No", "NetworkZones", ["No"], "网络分区编号已被同时新建的分区占用，请重试"),
        new("IX_CatalogItems_No", "CatalogItems", ["No"], "服务目录序号已被同时新建的服务占用，请重试"),
        new("PK_CatalogItems", "CatalogItems", ["Code"], "该服务编码已存在"),
        new("IX_Organisations_Name", "Organisations", ["Name"], "已有同名的单位"),
        new("IX_Organisations_CreditCode", "Organisations", ["CreditCode"], "该统一社会信用代码已被其他单位使用"),
        new("IX_InfoSystems_OrganisationId_Name", "InfoSystems", ["OrganisationId", "Name"], "本单位已登记同名的信息系统"),
        new("IX_DataCenters_OrganisationId_Name", "DataCenters", ["OrganisationId", "Name"], "本单位已登记同名的数据中心"),
        new("IX_MlpsRecords_SystemId", "MlpsRecords", ["SystemId"], "该系统的等级保护信息已由他人同时登记，请刷新后修改"),
        new("IX_MlpsAssessments_SystemId_AssessedOn_Assessor", "MlpsAssessments", ["SystemId", "AssessedOn", "Assessor"], "该测评机构在同一天的测评已登记"),
        new("IX_RectificationNotices_Number", "RectificationNotices", ["Number"], "该文号已被使用，请重新下发"),
        new("IX_RectificationNotices_IssuerId_Year_Sequence", "RectificationNotices", ["IssuerId", "Year", "Sequence"], "该文号已被使用，请重新下发"),
        new("IX_RectificationItems_FindingId", "RectificationItems", ["FindingId"], "该检查问题已由其他整改通知书同时下发"),
        new("IX_Inspections_Number", "Inspections", ["Number"], "检查编号已被同时创建的检查占用，请重试"),
        new("IX_SecurityEvents_Number", "SecurityEvents", ["Number"], "事件编号已被同时登记的事件占用，请重试"),
        new("IX_SecurityBulletins_Number", "SecurityBulletins", ["Number"], "通报文号已被同时发布的通报占用，请重试"),
        new("IX_SecurityBulletins_Year_Sequence", "SecurityBulletins", ["Year", "Sequence"], "通报文号已被同时发布的通报占用，请重试"),
        new("IX_SecurityBulletins_PeriodFrom_PeriodTo", "SecurityBulletins", ["PeriodFrom", "PeriodTo"], "这一期间的通报已经发布"),
        new("IX_RectificationRounds_ItemId_Round", "RectificationRounds", ["ItemId", "Round"], "该事项已由他人同时答复，请刷新后查看"),
        new("UserNameIndex", "AspNetUsers", ["NormalizedUserName"], "该用户名已被使用"),
        new("UX_AdminRequests_PendingPerAccount", "AdminRequests", ["TargetUserName"], "该账号已有待审批的三员申请，审批后再提交"),
    ];

    private const string Fallback = "同样的记录已经存在（可能是他人同时提交了相同的内容），请刷新后重试";

    /// <summary>The 409 for a write a unique index refused; null when <paramref name="error"/> is something else.</summary>
    public static ProblemException? Conflict(DbUpdateException error)
    {
        var rule = error.InnerException switch
        {
            Npgsql.PostgresException { SqlState: "23505" } pg => All.FirstOrDefault(r => r.Index == pg.ConstraintName) ?? Unknown,
            // SQLite names the columns, not the index: "UNIQUE constraint failed: NetworkZones.Name".
            Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } lite =>
                All.FirstOrDefault(r => lite.Message.Contains(": " + string.Join(", ", r.Columns.Select(c => r.Table + "." + c)) + "'")) ?? Unknown,
            _ => null,
        };
        return rule is null ? null : new ProblemException(409, "数据冲突", rule.Message == "" ? Fallback : rule.Message);
    }

    private static readonly Rule Unknown = new("", "", [], "");
}
