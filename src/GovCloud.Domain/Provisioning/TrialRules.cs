using GovCloud.Domain.Calendar;

namespace GovCloud.Domain.Provisioning;

/// <summary>How long a trial may last (R-21.4: 15–30 calendar days); configuration, so a county may set its own.</summary>
public sealed record TrialLimits(int MinDays = 15, int MaxDays = 30, int DefaultDays = 30);

/// <summary>What the agency reports at the end of its trial.</summary>
public enum TrialResult
{
    Passed,
    Problems,
}

/// <summary>
/// The trial of: its length and last day, extensions within the longest length, and what must
/// be true before the resources go into formal use (the usage agreement confirmed by both sides and
/// a passed trial).
/// </summary>
public static class TrialRules
{
    public static string DisplayName(this TrialResult result) => result switch
    {
        TrialResult.Passed => "试用通过",
        TrialResult.Problems => "试用发现问题",
        _ => result.ToString(),
    };

    /// <summary>Null when the length is allowed, else why not.</summary>
    public static string? CheckLength(int? days, TrialLimits limits) =>
        days is null ? "请填写试用天数"
        : days < limits.MinDays || days > limits.MaxDays ? $"试用期须为 {limits.MinDays} 至 {limits.MaxDays} 个自然日"
        : null;

    /// <summary>The trial's last day: the period rules for calendar days, counted from the day after it starts.</summary>
    public static DateOnly LastDay(WorkCalendar calendar, DateOnly start, int days) =>
        DeadlineRules.Compute(calendar, start, Period.CalendarDays(days)).LastDay;

    /// <summary>An extension keeps the whole trial within the longest length; null when allowed.</summary>
    public static string? CheckExtension(int daysSoFar, int extraDays, TrialLimits limits)
    {
        if (extraDays < 1) return "延长天数须为正整数";
        var left = limits.MaxDays - daysSoFar;
        return extraDays > left
            ? left <= 0 ? $"试用期已达 {limits.MaxDays} 天上限，不能再延长，请转正式使用或回收资源" : $"试用期合计不能超过 {limits.MaxDays} 天，最多还能延长 {left} 天"
            : null;
    }

    /// <summary>
    /// Everything that stands between a trial and formal use (正式开通), in Chinese; empty when it may go live.
    /// <paramref name="mlpsBlocker"/>: what the system's MLPS duties still ask first (R-27.1, see Supervision.MlpsRules).
    /// </summary>
    public static IReadOnlyList<string> BlockersOfFormalUse(bool agencyConfirmedAgreement, bool centerConfirmedAgreement, TrialResult? result,
        string? mlpsBlocker = null, string? agreementBlocker = null)
    {
        var blockers = new List<string>();
        if (!agencyConfirmedAgreement) blockers.Add("使用单位尚未确认使用协议");
        if (!centerConfirmedAgreement) blockers.Add("信息化建设管理中心尚未确认使用协议");
        if (result is null) blockers.Add("使用单位尚未报告试用结果");
        else if (result == TrialResult.Problems) blockers.Add("试用发现问题，须整改后重新报告试用通过");
        if (mlpsBlocker is not null) blockers.Add(mlpsBlocker);
        if (agreementBlocker is not null) blockers.Add(agreementBlocker);
        return blockers;
    }
}
