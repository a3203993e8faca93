using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.DataCenters;

/// <summary>The acts forbids an agency; each is recorded as a violation the Bureau follows up.</summary>
public enum ViolationKind
{
    NewDataCenter,
    Expansion,
    NewLease,
    LeaseExtension,
    ThirdPartyCloudPurchase,
}

/// <summary>Where a certification stands .</summary>
public enum CertificationState
{
    Submitted,
    Evaluated,
    Certified,
    NotCertified,
}

public enum CertificationAction
{
    Evaluate,
    Decide,
}

/// <summary>
/// what counts as a violation, and the leased centre's migration deadline (the lease end, never
/// extended).: who moves a certification along.
/// </summary>
public static class DataCenterRules
{
    public static string DisplayName(this ViolationKind kind) => kind switch
    {
        ViolationKind.NewDataCenter => "新建数据中心",
        ViolationKind.Expansion => "扩建数据中心",
        ViolationKind.NewLease => "新租用第三方数据中心",
        ViolationKind.LeaseExtension => "延长租用合约",
        ViolationKind.ThirdPartyCloudPurchase => "购买第三方云服务",
        _ => kind.ToString(),
    };

    public static string DisplayName(this CertificationState state) => state switch
    {
        CertificationState.Submitted => "待评估",
        CertificationState.Evaluated => "待认定",
        CertificationState.Certified => "通过认定",
        CertificationState.NotCertified => "未通过认定",
        _ => state.ToString(),
    };

    /// <summary>
    /// a leased centre's systems move within the current lease. A new end later than the recorded one is an
    /// extension: refused, and to be recorded as a violation. Null when the new end is not later.
    /// </summary>
    public static string? CheckLeaseEnd(DateOnly recordedEnd, DateOnly newEnd) =>
        newEnd > recordedEnd ? $"租用合约期不得延长（原至 {recordedEnd:yyyy-MM-dd}，拟至 {newEnd:yyyy-MM-dd}），已记为违规事项" : null;

    /// <summary>The Center evaluates (15 working days, or the sensitive-data path of ); the Bureau decides (5 working days).</summary>
    public static FlowRefusal? Check(CertificationAction action, CertificationState state, IReadOnlySet<Role> roles)
    {
        var (role, who, from, verb) = action == CertificationAction.Evaluate
            ? (Role.CenterEvaluator, "信息化建设管理中心评估人员", CertificationState.Submitted, "评估")
            : (Role.BureauApprover, "大数据局审批人员", CertificationState.Evaluated, "认定");
        if (!roles.Contains(role)) return new FlowRefusal(RefusalKind.Role, $"只有{who}可以{verb}");
        return state == from ? null : new FlowRefusal(RefusalKind.State, $"认定申请当前为“{state.DisplayName()}”，不能{verb}");
    }
}
