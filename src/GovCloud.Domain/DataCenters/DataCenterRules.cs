using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.DataCenters;

/// <summary>The acts R-4.1 forbids an agency; each is recorded as a violation the Bureau follows up.</summary>
public enum ViolationKind
{
    NewDataCenter,
    Expansion,
    NewLease,
    LeaseExtension,
    ThirdPartyCloudPurchase,
}

/// <summary>Where a certification stands (R-14.1, R-17.1).</summary>
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

/// <summary>What the register holds of a centre that R-4.1 watches: its kind, its size and when it came into use.</summary>
public sealed record RegisterFacts(DataCenterKind Kind, decimal AreaM2, int ExistingRacks, int UsableRacks, DateOnly? InServiceSince, DateOnly? LeaseStart);

/// <summary>A violation the register itself shows (R-4.1), with what it saw.</summary>
public sealed record FoundViolation(ViolationKind Kind, string Description);

/// <summary>
/// R-4.1 and R-19.1: what counts as a violation, and the leased centre's migration deadline (the lease end, never
/// extended). R-14.1/R-17.1: who moves a certification along.
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
    /// R-19.1: a leased centre's systems move within the current lease. A new end later than the recorded one is an
    /// extension: refused, and to be recorded as a violation. Null when the new end is not later.
    /// </summary>
    public static string? CheckLeaseEnd(DateOnly recordedEnd, DateOnly newEnd) =>
        newEnd > recordedEnd ? $"租用合约期不得延长（原至 {recordedEnd:yyyy-MM-dd}，拟至 {newEnd:yyyy-MM-dd}），已记为违规事项" : null;

    /// <summary>
    /// R-4.1: the acts the register shows by itself, found when a centre is registered or changed rather than waiting to
    /// be typed in — a self-built centre that came into use after the rules took effect (新建), a lease that began after
    /// it (新租用), more floor area or racks than before (扩建). <paramref name="before"/> is null for a new entry.
    /// </summary>
    public static IReadOnlyList<FoundViolation> Violations(RegisterFacts? before, RegisterFacts after, DateOnly rulesEffectiveOn)
    {
        var found = new List<FoundViolation>();
        var effective = $"《细则》施行日期 {rulesEffectiveOn:yyyy-MM-dd}";
        if (before is null && after.Kind == DataCenterKind.SelfBuilt && after.InServiceSince > rulesEffectiveOn)
            found.Add(new(ViolationKind.NewDataCenter, $"登记的自建数据中心于 {after.InServiceSince:yyyy-MM-dd} 投入使用，晚于{effective}（不得新建数据中心）"));
        if (after.Kind == DataCenterKind.Leased && after.LeaseStart > rulesEffectiveOn && (before is null || before.LeaseStart != after.LeaseStart))
            found.Add(new(ViolationKind.NewLease, $"租用合约自 {after.LeaseStart:yyyy-MM-dd} 起，晚于{effective}（不得新租用第三方数据中心）"));
        if (before is not null)
        {
            var grown = new List<string>();
            if (after.AreaM2 > before.AreaM2) grown.Add($"机房面积由 {before.AreaM2:0.##} 平方米增至 {after.AreaM2:0.##} 平方米");
            if (after.ExistingRacks > before.ExistingRacks) grown.Add($"现有机架由 {before.ExistingRacks} 个增至 {after.ExistingRacks} 个");
            if (after.UsableRacks > before.UsableRacks) grown.Add($"可用机柜由 {before.UsableRacks} 个增至 {after.UsableRacks} 个");
            if (grown.Count > 0) found.Add(new(ViolationKind.Expansion, $"{string.Join("；", grown)}（不得扩建数据中心；如系登记有误，请大数据局核实后标记已整改）"));
        }
        return found;
    }

    /// <summary>
    /// R-19.1: the kind of a centre is fixed once registered. An agency cannot change it (turning a lease into a
    /// "self-built" centre would end its lease deadline: that is recorded as a violation); the Bureau corrects a wrong entry.
    /// </summary>
    public static string? CheckKindChange(DataCenterKind before, DataCenterKind after, bool byBureau) =>
        before == after || byBureau ? null
        : before == DataCenterKind.Leased ? "租用第三方的数据中心不能改登记为自建：其系统须在现有租期内迁移上云，不得以任何形式延长租用合约期，已记为违规事项"
        : "数据中心类型登记后不能更改；如登记有误，请联系大数据局更正";

    /// <summary>The Center evaluates (15 working days, or the sensitive-data path of R-17.1); the Bureau decides (5 working days).</summary>
    public static FlowRefusal? Check(CertificationAction action, CertificationState state, IReadOnlySet<Role> roles)
    {
        var (role, who, from, verb) = action == CertificationAction.Evaluate
            ? (Role.CenterEvaluator, "信息化建设管理中心评估人员", CertificationState.Submitted, "评估")
            : (Role.BureauApprover, "大数据局审批人员", CertificationState.Evaluated, "认定");
        if (!roles.Contains(role)) return new FlowRefusal(RefusalKind.Role, $"只有{who}可以{verb}");
        return state == from ? null : new FlowRefusal(RefusalKind.State, $"认定申请当前为“{state.DisplayName()}”，不能{verb}");
    }
}
