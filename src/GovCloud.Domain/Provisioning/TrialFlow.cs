using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Provisioning;

/// <summary>Where the trial of an approved application stands .</summary>
public enum TrialState
{
    /// <summary>Approved; the Center builds the trial environment within its working days.</summary>
    AwaitingDelivery,
    InTrial,
    /// <summary>正式开通: the resources are in the inventory.</summary>
    Live,
    /// <summary>The trial ended without formal use and its resources were taken back.</summary>
    Reclaimed,
}

public enum TrialAction
{
    Deliver,
    /// <summary>The agency's security officer confirms the usage agreement on screen.</summary>
    ConfirmAgreementOnScreen,
    /// <summary>The agency uploads the signed agreement, which confirms its side.</summary>
    UploadSignedAgreement,
    CenterConfirmAgreement,
    ReportResult,
    Extend,
    GoLive,
    Reclaim,
}

/// <summary>
/// Who may do what to a trial in which state: the Center delivers, extends, puts into formal use or
/// reclaims; the agency confirms the agreement and reports the result. Refusals are in Chinese and
/// typed as role (403) or state (409), like the application process.
/// </summary>
public static class TrialFlow
{
    public static string DisplayName(this TrialState state) => state switch
    {
        TrialState.AwaitingDelivery => "待交付试用环境",
        TrialState.InTrial => "试用中",
        TrialState.Live => "已正式开通",
        TrialState.Reclaimed => "试用后已回收",
        _ => state.ToString(),
    };

    public static string DisplayName(this TrialAction action) => action switch
    {
        TrialAction.Deliver => "交付试用环境",
        TrialAction.ConfirmAgreementOnScreen or TrialAction.CenterConfirmAgreement => "确认使用协议",
        TrialAction.UploadSignedAgreement => "上传使用协议",
        TrialAction.ReportResult => "报告试用结果",
        TrialAction.Extend => "延长试用期",
        TrialAction.GoLive => "正式开通",
        TrialAction.Reclaim => "回收试用资源",
        _ => action.ToString(),
    };

    /// <summary>Null when the actor's roles and the trial's state allow the action, else why not.</summary>
    public static FlowRefusal? Check(TrialAction action, TrialState state, IReadOnlySet<Role> roles)
    {
        var (allowed, who) = action switch
        {
            TrialAction.Deliver or TrialAction.CenterConfirmAgreement or TrialAction.Extend or TrialAction.GoLive or TrialAction.Reclaim =>
                (roles.Contains(Role.CenterOperator), "信息化建设管理中心运维人员"),
            TrialAction.ConfirmAgreementOnScreen => (roles.Contains(Role.AgencySecurityOfficer), "使用单位安全负责人"),
            TrialAction.UploadSignedAgreement => (roles.Contains(Role.AgencyOperator) || roles.Contains(Role.AgencySecurityOfficer), "使用单位经办人或安全负责人"),
            TrialAction.ReportResult => (roles.Contains(Role.AgencyOperator), "使用单位经办人"),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        if (!allowed) return new FlowRefusal(RefusalKind.Role, $"只有{who}可以{action.DisplayName()}");
        var expected = action == TrialAction.Deliver ? TrialState.AwaitingDelivery : TrialState.InTrial;
        return state == expected ? null : new FlowRefusal(RefusalKind.State, $"试用当前为“{state.DisplayName()}”，不能{action.DisplayName()}");
    }

    /// <summary>Who acts next, for queues: the Center until delivered and at the end, the agency during the trial.</summary>
    public static Role? NextActor(TrialState state) => state switch
    {
        TrialState.AwaitingDelivery => Role.CenterOperator,
        TrialState.InTrial => Role.AgencyOperator,
        _ => null,
    };
}
