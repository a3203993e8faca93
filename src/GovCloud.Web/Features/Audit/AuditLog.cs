using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;

namespace GovCloud.Web.Features.Audit;

/// <summary>
/// Adds audit entries to the caller's unit of work; they are sealed into the hash chain and saved
/// with the change itself by <see cref="GovCloudDbContext.SaveChangesAsync(bool, CancellationToken)"/>.
/// </summary>
public sealed class AuditLog(GovCloudDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Keep Chinese readable in the stored before/after text.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public void Record(Actor actor, string action, string entityType, object? entityId, object? before = null, object? after = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            Time = clock.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = actor.UserName,
            OrganisationId = actor.OrganisationId,
            ClientIp = actor.ClientIp,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Before = Snapshot(before),
            After = Snapshot(after),
        });
    }

    /// <summary>
    /// Saves at once that <paramref name="actor"/> was shown personal data of a record whole: lists and exports show them
    /// masked, and each whole view is accounted for, naming the record as people know it, the fields that had a value, and how
    /// (a page, or a document downloaded). Nothing is recorded when none of the fields had a value.
    /// </summary>
    public async Task PersonalDataViewedAsync(Actor actor, string entityType, object entityId, string record,
        IEnumerable<(string Field, string? Value)> fields, CancellationToken ct, string? via = null)
    {
        var shown = fields.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => f.Field).ToList();
        if (shown.Count == 0) return;
        Record(actor, AuditActions.PersonalDataViewed, entityType, entityId, after: new { record, fields = string.Join("、", shown), via = via ?? "查看" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The before/after text, with every mobile, phone and e-mail in it masked (a property named so, at any depth): the log
    /// is kept for years and read by auditors, and personal data is stored only sealed (see PersonalDataModel).
    /// </summary>
    private static string? Snapshot(object? value)
    {
        if (value is null) return null;
        var node = JsonSerializer.SerializeToNode(value, Json);
        MaskPersonalData(node);
        return node?.ToJsonString(Json);
    }

    private static void MaskPersonalData(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    if (child is JsonValue v && v.TryGetValue<string>(out var text) && Mask(name, text) is { } masked) o[name] = masked;
                    else MaskPersonalData(child);
                }
                break;
            case JsonArray a:
                foreach (var child in a) MaskPersonalData(child);
                break;
        }
    }

    private static string? Mask(string name, string text) =>
        name.Contains("mobile", StringComparison.OrdinalIgnoreCase) || name.Contains("phone", StringComparison.OrdinalIgnoreCase)
            ? Domain.Organisations.ContactRules.MaskPhone(text)
            : name.Contains("email", StringComparison.OrdinalIgnoreCase) ? Domain.Organisations.ContactRules.MaskEmail(text) : null;
}

/// <summary>The action names written to the log; the UI shows their Chinese labels.</summary>
public static class AuditActions
{
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignOut = "SignOut";
    public const string TokenIssued = "TokenIssued";
    public const string TokenRevoked = "TokenRevoked";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string UserCreated = "UserCreated";
    public const string UserUpdated = "UserUpdated";
    public const string UserUnlocked = "UserUnlocked";
    public const string OrganisationCreated = "OrganisationCreated";
    public const string OrganisationUpdated = "OrganisationUpdated";
    public const string AuditExported = "AuditExported";
    public const string SystemBootstrapped = "SystemBootstrapped";
    public const string DemoDataLoaded = "DemoDataLoaded";
    public const string CalendarImported = "CalendarImported";
    public const string CalendarDayChanged = "CalendarDayChanged";
    public const string ClockStarted = "ClockStarted";
    public const string ClockPaused = "ClockPaused";
    public const string ClockResumed = "ClockResumed";
    public const string ClockCompleted = "ClockCompleted";
    public const string ClockCancelled = "ClockCancelled";
    public const string ClockRecomputed = "ClockRecomputed";
    public const string ClockOverdue = "ClockOverdue";
    public const string SystemRegistered = "SystemRegistered";
    public const string MlpsRecorded = "MlpsRecorded";
    public const string MlpsAssessed = "MlpsAssessed";
    public const string MlpsExceptionRecorded = "MlpsExceptionRecorded";
    public const string MlpsDocumentAdded = "MlpsDocumentAdded";
    public const string RectificationIssued = "RectificationIssued";
    public const string RectificationAnswered = "RectificationAnswered";
    public const string RectificationVerified = "RectificationVerified";
    public const string RectificationClosed = "RectificationClosed";
    public const string InspectionPlanned = "InspectionPlanned";
    public const string FindingRecorded = "FindingRecorded";
    public const string FindingEvidenceAdded = "FindingEvidenceAdded";
    public const string InspectionCompleted = "InspectionCompleted";
    public const string SecurityEventRecorded = "SecurityEventRecorded";
    public const string SecurityEventStepAdded = "SecurityEventStepAdded";
    public const string SecurityEventClosed = "SecurityEventClosed";
    public const string SecurityBulletinPublished = "SecurityBulletinPublished";
    public const string AccessRequested = "AccessRequested";
    public const string AccessApproved = "AccessApproved";
    public const string AccessRefused = "AccessRefused";
    public const string AccessWithdrawn = "AccessWithdrawn";
    public const string AccessRevoked = "AccessRevoked";
    public const string EmergencyAccessOpened = "EmergencyAccessOpened";
    public const string EmergencyAccessReviewed = "EmergencyAccessReviewed";
    public const string ConfidentialityAgreementAdded = "ConfidentialityAgreementAdded";
    public const string ConfidentialityAgreementVoided = "ConfidentialityAgreementVoided";
    public const string PersonalDataViewed = "PersonalDataViewed";
    public const string PersonalDataResealed = "PersonalDataResealed";
    public const string UsageSummarised = "UsageSummarised";
    public const string UsagePulled = "UsagePulled";
    public const string SizingProposed = "SizingProposed";
    public const string SizingProposalAccepted = "SizingProposalAccepted";
    public const string SizingProposalDeclined = "SizingProposalDeclined";
    public const string IncidentRecorded = "IncidentRecorded";
    public const string IncidentClosed = "IncidentClosed";
    public const string SystemOperationsSaved = "SystemOperationsSaved";
    public const string EmergencyDrillRecorded = "EmergencyDrillRecorded";
    public const string OperationsDocumentAdded = "OperationsDocumentAdded";
    public const string OperationsBulletinCounted = "OperationsBulletinCounted";
    public const string OperationsBulletinPublished = "OperationsBulletinPublished";
    public const string SystemUpdated = "SystemUpdated";
    public const string SystemsImported = "SystemsImported";
    public const string MigrationSnapshotTaken = "MigrationSnapshotTaken";
    public const string CatalogItemCreated = "CatalogItemCreated";
    public const string CatalogItemUpdated = "CatalogItemUpdated";
    public const string CatalogPriceSet = "CatalogPriceSet";
    public const string NetworkZoneCreated = "NetworkZoneCreated";
    public const string NetworkZoneUpdated = "NetworkZoneUpdated";
    public const string PoolCapacityChanged = "PoolCapacityChanged";
    public const string PoolOverridden = "PoolOverridden";
    public const string PoolSnapshotTaken = "PoolSnapshotTaken";
    public const string ApplicationCreated = "ApplicationCreated";
    public const string ApplicationUpdated = "ApplicationUpdated";
    public const string ApplicationVmsReplaced = "ApplicationVmsReplaced";
    public const string AttachmentAdded = "AttachmentAdded";
    public const string AttachmentRemoved = "AttachmentRemoved";
    public const string ApplicationSubmitted = "ApplicationSubmitted";
    public const string ApplicationEvaluated = "ApplicationEvaluated";
    public const string ApplicationApproved = "ApplicationApproved";
    public const string ApplicationRejected = "ApplicationRejected";
    public const string ApplicationReturned = "ApplicationReturned";
    public const string TrialOpened = "TrialOpened";
    public const string TrialDelivered = "TrialDelivered";
    public const string TrialAgreementConfirmed = "TrialAgreementConfirmed";
    public const string TrialResultReported = "TrialResultReported";
    public const string TrialExtended = "TrialExtended";
    public const string TrialWentLive = "TrialWentLive";
    public const string TrialReclaimed = "TrialReclaimed";
    public const string ChangeSubmitted = "ChangeSubmitted";
    public const string ChangeEvaluated = "ChangeEvaluated";
    public const string ChangeApproved = "ChangeApproved";
    public const string ChangeRejected = "ChangeRejected";
    public const string ChangeCompleted = "ChangeCompleted";
    public const string VmScaled = "VmScaled";
    public const string InventoryReconciled = "InventoryReconciled";
    public const string SystemOffCloudException = "SystemOffCloudException";
    public const string DataCenterRegistered = "DataCenterRegistered";
    public const string DataCenterUpdated = "DataCenterUpdated";
    public const string DataCenterKindCorrected = "DataCenterKindCorrected";
    public const string DataCenterDeemedNotCertified = "DataCenterDeemedNotCertified";
    public const string ViolationRecorded = "ViolationRecorded";
    public const string CertificationSubmitted = "CertificationSubmitted";
    public const string CertificationEvaluated = "CertificationEvaluated";
    public const string CertificationDecided = "CertificationDecided";
    public const string EvidenceUploaded = "EvidenceUploaded";
    public const string ViolationFollowedUp = "ViolationFollowedUp";
    public const string MigrationPlanSubmitted = "MigrationPlanSubmitted";
    public const string MigrationPlanReviewed = "MigrationPlanReviewed";
    public const string DataHandlingRecorded = "DataHandlingRecorded";
    public const string DataCenterRevoked = "DataCenterRevoked";
    public const string DataCenterRevocationConfirmed = "DataCenterRevocationConfirmed";
    public const string AdminRequestSubmitted = "AdminRequestSubmitted";
    public const string AdminRequestApproved = "AdminRequestApproved";
    public const string AdminRequestRejected = "AdminRequestRejected";
    public const string AdminRequestWithdrawn = "AdminRequestWithdrawn";
    public const string SecondFactorEnrolled = "SecondFactorEnrolled";
    public const string SecondFactorReset = "SecondFactorReset";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";

    public static string Label(string action) => action switch
    {
        SignIn => "登录",
        SignInFailed => "登录失败",
        SignOut => "退出登录",
        TokenIssued => "签发访问令牌",
        TokenRevoked => "吊销访问令牌",
        PasswordChanged => "修改密码",
        PasswordReset => "重置密码",
        UserCreated => "新建用户",
        UserUpdated => "修改用户",
        UserUnlocked => "解锁用户",
        OrganisationCreated => "新建单位",
        OrganisationUpdated => "修改单位",
        AuditExported => "导出审计日志",
        SystemBootstrapped => "系统初始化",
        DemoDataLoaded => "载入演示数据",
        CalendarImported => "导入节假日安排",
        CalendarDayChanged => "修改工作日历",
        ClockStarted => "开始计时",
        ClockPaused => "暂停计时",
        ClockResumed => "恢复计时",
        ClockCompleted => "办结",
        ClockCancelled => "取消计时",
        ClockRecomputed => "重算截止日",
        ClockOverdue => "超期",
        SystemRegistered => "登记信息系统",
        MlpsRecorded => "登记等级保护（定级、备案、敏感数据）",
        MlpsAssessed => "登记等级测评",
        MlpsExceptionRecorded => "登记等保备案例外",
        MlpsDocumentAdded => "上传等级保护材料",
        RectificationIssued => "下发整改通知书",
        RectificationAnswered => "答复整改事项",
        RectificationVerified => "核验整改事项",
        RectificationClosed => "整改通知书办结",
        InspectionPlanned => "制定联合安全检查",
        FindingRecorded => "记录检查发现的问题",
        FindingEvidenceAdded => "上传检查证据材料",
        InspectionCompleted => "结束联合安全检查",
        SecurityEventRecorded => "登记安全事件",
        SecurityEventStepAdded => "登记安全事件处置措施",
        SecurityEventClosed => "安全事件处置完毕",
        SecurityBulletinPublished => "发布云安全状况通报",
        AccessRequested => "申请访问使用单位系统",
        AccessApproved => "批准访问授权",
        AccessRefused => "拒绝访问授权",
        AccessWithdrawn => "撤回访问申请",
        AccessRevoked => "撤销访问授权",
        EmergencyAccessOpened => "开启应急访问",
        EmergencyAccessReviewed => "事后审查应急访问",
        ConfidentialityAgreementAdded => "登记保密协议",
        ConfidentialityAgreementVoided => "作废保密协议登记",
        PersonalDataViewed => "查看完整个人信息",
        PersonalDataResealed => "个人信息重新加密",
        UsageSummarised => "汇总云平台推送的监测数据",
        UsagePulled => "从监测系统取得日使用数据",
        SizingProposed => "提出资源调整建议",
        SizingProposalAccepted => "采纳资源调整建议",
        SizingProposalDeclined => "不采纳资源调整建议",
        IncidentRecorded => "登记运行故障",
        IncidentClosed => "登记运行故障恢复",
        SystemOperationsSaved => "登记日志保存情况",
        EmergencyDrillRecorded => "登记应急演练",
        OperationsDocumentAdded => "上传运维制度或预案",
        OperationsBulletinCounted => "统计运行情况通报数据",
        OperationsBulletinPublished => "发布运行情况通报",
        SystemUpdated => "修改信息系统",
        SystemsImported => "导入信息系统台账",
        MigrationSnapshotTaken => "记录月度迁移上云率",
        CatalogItemCreated => "新增服务目录项",
        CatalogItemUpdated => "修改服务目录项",
        CatalogPriceSet => "设定服务单价",
        NetworkZoneCreated => "新增网络分区",
        NetworkZoneUpdated => "修改网络分区",
        PoolCapacityChanged => "调整资源池容量",
        PoolOverridden => "超出资源池批准",
        PoolSnapshotTaken => "记录月末资源池",
        ApplicationCreated => "新建云资源申请",
        ApplicationUpdated => "修改云资源申请",
        ApplicationVmsReplaced => "更新虚拟机需求",
        AttachmentAdded => "上传附件",
        AttachmentRemoved => "删除附件",
        ApplicationSubmitted => "提交申请",
        ApplicationEvaluated => "评估申请",
        ApplicationApproved => "批准申请",
        ApplicationRejected => "驳回申请",
        ApplicationReturned => "退回修改",
        TrialOpened => "开始交付试用环境",
        TrialDelivered => "交付试用环境",
        TrialAgreementConfirmed => "确认使用协议",
        TrialResultReported => "报告试用结果",
        TrialExtended => "延长试用期",
        TrialWentLive => "正式开通",
        TrialReclaimed => "回收试用资源",
        ChangeSubmitted => "提交变更/终止申请",
        ChangeEvaluated => "评估变更/终止申请",
        ChangeApproved => "批准变更/终止申请",
        ChangeRejected => "不予批准变更/终止申请",
        ChangeCompleted => "实施变更/回收资源",
        VmScaled => "弹性调整",
        InventoryReconciled => "比对云平台清单",
        SystemOffCloudException => "登记新建/升级系统不上云的例外",
        DataCenterRegistered => "登记数据中心",
        DataCenterUpdated => "修改数据中心",
        DataCenterKindCorrected => "更正数据中心类型",
        DataCenterDeemedNotCertified => "逾期未申请认定，视为未通过",
        ViolationRecorded => "记录违规事项",
        CertificationSubmitted => "提交数据中心认定申请",
        CertificationEvaluated => "评估数据中心认定申请",
        CertificationDecided => "数据中心认定决定",
        EvidenceUploaded => "上传认定佐证材料",
        ViolationFollowedUp => "跟进违规事项",
        MigrationPlanSubmitted => "提交迁移计划",
        MigrationPlanReviewed => "审核迁移计划",
        DataHandlingRecorded => "记录关停系统数据处置",
        DataCenterRevoked => "撤销数据中心",
        DataCenterRevocationConfirmed => "确认撤销并统筹利用设备",
        AdminRequestSubmitted => "提交三员审批申请",
        AdminRequestApproved => "批准三员审批申请",
        AdminRequestRejected => "驳回三员审批申请",
        AdminRequestWithdrawn => "撤回三员审批申请",
        SecondFactorEnrolled => "绑定动态口令",
        SecondFactorReset => "重置动态口令",
        RecoveryCodeUsed => "使用恢复码登录",
        _ => action,
    };

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, SignOut, TokenIssued, TokenRevoked, PasswordChanged, PasswordReset, UserCreated,
        UserUpdated, UserUnlocked, OrganisationCreated, OrganisationUpdated, AuditExported, SystemBootstrapped, DemoDataLoaded,
        CalendarImported, CalendarDayChanged, ClockStarted, ClockPaused, ClockResumed, ClockCompleted, ClockCancelled,
        ClockRecomputed, ClockOverdue, SystemRegistered, SystemUpdated, SystemsImported, MigrationSnapshotTaken, CatalogItemCreated, CatalogItemUpdated, CatalogPriceSet, NetworkZoneCreated, NetworkZoneUpdated, PoolCapacityChanged, PoolOverridden, PoolSnapshotTaken, ApplicationCreated, ApplicationUpdated, ApplicationVmsReplaced, AttachmentAdded, AttachmentRemoved, ApplicationSubmitted, ApplicationEvaluated, ApplicationApproved, ApplicationRejected, ApplicationReturned,
        TrialOpened, TrialDelivered, TrialAgreementConfirmed, TrialResultReported, TrialExtended, TrialWentLive, TrialReclaimed,
        ChangeSubmitted, ChangeEvaluated, ChangeApproved, ChangeRejected, ChangeCompleted, VmScaled, InventoryReconciled,
        SystemOffCloudException, DataCenterRegistered, DataCenterUpdated, DataCenterKindCorrected, DataCenterDeemedNotCertified, ViolationRecorded, CertificationSubmitted, CertificationEvaluated, CertificationDecided,
        EvidenceUploaded, ViolationFollowedUp, MigrationPlanSubmitted, MigrationPlanReviewed, DataHandlingRecorded, DataCenterRevoked, DataCenterRevocationConfirmed,
        AdminRequestSubmitted, AdminRequestApproved, AdminRequestRejected, AdminRequestWithdrawn, SecondFactorEnrolled, SecondFactorReset,
        RecoveryCodeUsed, MlpsRecorded, MlpsAssessed, MlpsExceptionRecorded, RectificationIssued, RectificationAnswered, RectificationVerified,
        RectificationClosed, InspectionPlanned, FindingRecorded, FindingEvidenceAdded, InspectionCompleted, SecurityEventRecorded,
        SecurityEventStepAdded, SecurityEventClosed, SecurityBulletinPublished, MlpsDocumentAdded,
        AccessRequested, AccessApproved, AccessRefused, AccessWithdrawn, AccessRevoked, EmergencyAccessOpened, EmergencyAccessReviewed,
        ConfidentialityAgreementAdded, ConfidentialityAgreementVoided, PersonalDataViewed, PersonalDataResealed,
        UsageSummarised, UsagePulled, SizingProposed, SizingProposalAccepted, SizingProposalDeclined,
        IncidentRecorded, IncidentClosed, SystemOperationsSaved, EmergencyDrillRecorded, OperationsDocumentAdded,
    ];
}
