using GovCloud.Domain.Calendar;

namespace GovCloud.Domain.DataCenters;

/// <summary>自建 or 租用第三方 .</summary>
public enum DataCenterKind
{
    SelfBuilt,
    Leased,
}

/// <summary>GB 50174-2017 data-centre classes, A the highest.</summary>
public enum RoomClass
{
    A,
    B,
    C,
    Unclassified,
}

/// <summary>The five criteria of, in the order the rules list them.</summary>
public enum Criterion
{
    Network,
    Technology,
    Scale,
    Operations,
    Security,
}

/// <summary>
/// The thresholds of — configuration, so a county may set its own. <see cref="SmallCentreMaxRacks"/> is
/// R-15.1's: it counts the racks the room has (现有机架数), not the usable racks of the scale criterion.
/// </summary>
public sealed record CertificationCriteria(decimal MinAreaM2 = 40m, int MinUsableRacks = 6, RoomClass MinRoomClass = RoomClass.B, int MinFullTimeStaff = 2,
    int MinMlpsLevel = 3, int SmallCentreMaxRacks = 5);

/// <summary>What the Center measured and saw of a centre when evaluating it (its evidence is filed per criterion).</summary>
public sealed record CentreFacts(
    bool ExtranetConnected, bool UsesExtranetInternetExit, bool SupportsIpv6,
    bool HasCloudPlatform, bool CloudPlatformConforms, bool HasDataInterface,
    RoomClass RoomClass, decimal AreaM2, int UsableRacks,
    int FullTimeStaff, bool Service7x24,
    int? MlpsLevel, bool CloudExtensionMet, bool MlpsAssessmentPassed, int? ExistingRacks = null);

/// <summary>One criterion's verdict with the reasons it failed (in Chinese).</summary>
public sealed record CriterionResult(Criterion Criterion, bool Passed, IReadOnlyList<string> Failures);

/// <summary>What follows a decision: the retention or transition, and the last day to have migrated.</summary>
public sealed record DecisionOutcome(bool Certified, DateOnly? RetentionEndsOn, DateOnly? MigrationDueOn, DateOnly? TransitionEndsOn);

/// <summary>
/// Certification of an agency's self-built data centre (Art. 13–19): the five criteria of against the
/// configured thresholds, and the dates a decision sets — retained 2 years then migrated within 1 (certified), or a
/// transition of 1 year for a small centre (≤ 5 existing racks, Art. 15) or 2 years otherwise (not certified) — computed with the
/// period rules (a year later on the same date, Feb 29 → Feb 28; a non-working last day rolls to the next working day).
/// </summary>
public static class CertificationRules
{
    public static string DisplayName(this Criterion c) => c switch
    {
        Criterion.Network => "网络条件",
        Criterion.Technology => "技术条件",
        Criterion.Scale => "规模条件",
        Criterion.Operations => "运维条件",
        Criterion.Security => "安全条件",
        _ => c.ToString(),
    };

    public static string DisplayName(this DataCenterKind kind) => kind == DataCenterKind.SelfBuilt ? "自建" : "租用第三方";

    public static string DisplayName(this RoomClass c) => c == RoomClass.Unclassified ? "未达标" : $"{c} 级";

    public static IReadOnlyList<CriterionResult> Evaluate(CentreFacts f, CertificationCriteria c)
    {
        List<string> network = [], technology = [], scale = [], operations = [], security = [];
        if (!f.ExtranetConnected) network.Add("未接入柳州市电子政务外网");
        if (!f.UsesExtranetInternetExit) network.Add("未使用市电子政务外网统一互联网出口");
        if (!f.SupportsIpv6) network.Add("不支持 IPv6");
        if (f.HasCloudPlatform && !f.CloudPlatformConforms) technology.Add("云平台不符合 GB/T 33780-2017");
        if (f.HasCloudPlatform && !f.HasDataInterface) technology.Add("未与市政务云平台建立数据接口");
        if (f.RoomClass > c.MinRoomClass) scale.Add($"机房等级为{f.RoomClass.DisplayName()}，须达到 GB 50174-2017 {c.MinRoomClass.DisplayName()}");
        if (f.AreaM2 < c.MinAreaM2) scale.Add($"机房面积 {f.AreaM2:0.##} 平方米，不足 {c.MinAreaM2:0.##} 平方米");
        if (f.UsableRacks < c.MinUsableRacks) scale.Add($"可用机柜 {f.UsableRacks} 个，不足 {c.MinUsableRacks} 个");
        if (f.FullTimeStaff < c.MinFullTimeStaff) operations.Add($"专职运维人员 {f.FullTimeStaff} 人，不足 {c.MinFullTimeStaff} 人");
        if (!f.Service7x24) operations.Add("未提供 7×24 小时运维服务");
        if (f.MlpsLevel is null || f.MlpsLevel < c.MinMlpsLevel) security.Add($"等级保护为{(f.MlpsLevel is { } l ? $"第{l}级" : "未定级")}，须达到第{c.MinMlpsLevel}级");
        if (!f.CloudExtensionMet) security.Add("未满足 GB/T 22239-2019 云计算安全扩展要求");
        if (!f.MlpsAssessmentPassed) security.Add("未通过等级保护测评");
        return
        [
            new(Criterion.Network, network.Count == 0, network), new(Criterion.Technology, technology.Count == 0, technology),
            new(Criterion.Scale, scale.Count == 0, scale), new(Criterion.Operations, operations.Count == 0, operations),
            new(Criterion.Security, security.Count == 0, security),
        ];
    }

    /// <summary>
    /// The dates a decision sets, counted from the decision date with the period rules. The transition follows the racks
    /// the room has (<paramref name="existingRacks"/>, Art. 15: 现有机架数少于5（含）个的，迁移过渡期为1年).
    /// </summary>
    public static DecisionOutcome Outcome(WorkCalendar calendar, DateOnly decidedOn, bool certified, int existingRacks, CertificationCriteria c,
        int retentionYears = 2, int migrationYears = 1, int smallTransitionYears = 1, int largeTransitionYears = 2)
    {
        if (certified)
        {
            var retention = DeadlineRules.Compute(calendar, decidedOn, Period.Years(retentionYears)).LastDay;
            var migration = DeadlineRules.Compute(calendar, retention, Period.Years(migrationYears)).LastDay;
            return new DecisionOutcome(true, retention, migration, null);
        }
        var years = existingRacks <= c.SmallCentreMaxRacks ? smallTransitionYears : largeTransitionYears;
        return new DecisionOutcome(false, null, null, DeadlineRules.Compute(calendar, decidedOn, Period.Years(years)).LastDay);
    }
}
