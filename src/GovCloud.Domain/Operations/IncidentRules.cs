using GovCloud.Domain.Supervision;

namespace GovCloud.Domain.Operations;

/// <summary>What an incident did to the service: it stopped (counts against availability) or it was slow (recorded, not counted).</summary>
public enum IncidentKind
{
    /// <summary>服务中断.</summary>
    Outage,
    /// <summary>性能下降.</summary>
    Degradation,
}

public static class IncidentKindNames
{
    public static string DisplayName(this IncidentKind kind) => kind switch
    {
        IncidentKind.Outage => "服务中断",
        IncidentKind.Degradation => "性能下降",
        _ => kind.ToString(),
    };
}

/// <summary>
/// 运行故障: the Center records outages and degradations of the cloud — when they began and ended, the zones and systems
/// they touched, the cause and the handling — and the month's availability per zone and per system follows from them.
/// </summary>
public static class IncidentRules
{
    public const int MaxAffected = 200;
    public const int MaxTextLength = 2000;

    public static IReadOnlyList<RectificationProblem> Validate(string? title, IncidentKind? kind, DateTimeOffset? startedAt, DateTimeOffset? endedAt,
        DateTimeOffset now, string? cause, string? handling, int affectedCount)
    {
        var problems = new List<RectificationProblem>();
        if (TextRules.IsBlank(title)) problems.Add(new("title", "请填写故障名称"));
        else if (TextRules.OneLine(title).Length > 100) problems.Add(new("title", "故障名称不超过 100 个字"));
        if (kind is null || !Enum.IsDefined(kind.Value)) problems.Add(new("kind", "请选择故障类型"));
        if (startedAt is null) problems.Add(new("startedAt", "请填写开始时间"));
        else if (startedAt > now.AddMinutes(5)) problems.Add(new("startedAt", "开始时间不能晚于现在"));
        else if (startedAt < now.AddYears(-5)) problems.Add(new("startedAt", "开始时间不能早于五年前"));
        problems.AddRange(ValidateEnd(startedAt, endedAt, now));
        if (affectedCount == 0) problems.Add(new("zones", "请选择受影响的网络分区或信息系统"));
        else if (affectedCount > MaxAffected) problems.Add(new("zones", $"受影响的网络分区和信息系统合计不超过 {MaxAffected} 个"));
        problems.AddRange(ValidateTexts(cause, handling));
        return problems;
    }

    /// <summary>An incident ends once, after it began and not in the future; cause and handling may be written then.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateClosing(DateTimeOffset startedAt, DateTimeOffset? previousEnd, DateTimeOffset? endedAt,
        DateTimeOffset now, string? cause, string? handling)
    {
        var problems = new List<RectificationProblem>();
        if (previousEnd is not null) problems.Add(new("endedAt", "该故障已登记恢复时间"));
        else if (endedAt is null) problems.Add(new("endedAt", "请填写恢复时间"));
        else problems.AddRange(ValidateEnd(startedAt, endedAt, now));
        if (TextRules.IsBlank(handling)) problems.Add(new("handling", "请填写处置情况"));
        problems.AddRange(ValidateTexts(cause, handling));
        return problems;
    }

    private static IEnumerable<RectificationProblem> ValidateEnd(DateTimeOffset? startedAt, DateTimeOffset? endedAt, DateTimeOffset now)
    {
        if (endedAt is null) yield break;
        if (endedAt > now.AddMinutes(5)) yield return new("endedAt", "恢复时间不能晚于现在");
        else if (startedAt is not null && endedAt <= startedAt) yield return new("endedAt", "恢复时间应晚于开始时间");
    }

    private static IEnumerable<RectificationProblem> ValidateTexts(string? cause, string? handling)
    {
        if (TextRules.MultiLine(cause).Length > MaxTextLength) yield return new("cause", $"故障原因不超过 {MaxTextLength} 个字");
        if (TextRules.MultiLine(handling).Length > MaxTextLength) yield return new("handling", $"处置情况不超过 {MaxTextLength} 个字");
    }
}

/// <summary>
/// 可用率: the share of a period the service was up. Outages that overlap (a zone down while one of its systems was already down)
/// count once; an outage not yet over counts up to the period's end; only the part inside the period counts.
/// </summary>
public static class Availability
{
    public static TimeSpan Downtime(IEnumerable<(DateTimeOffset Start, DateTimeOffset? End)> outages, DateTimeOffset from, DateTimeOffset to)
    {
        var down = TimeSpan.Zero;
        var reached = from;
        foreach (var (start, end) in outages
                     .Select(o => (Start: o.Start < from ? from : o.Start, End: o.End is { } e && e < to ? e : to))
                     .Where(o => o.End > o.Start)
                     .OrderBy(o => o.Start))
        {
            var begin = start > reached ? start : reached;
            if (end > begin) down += end - begin;
            if (end > reached) reached = end;
        }
        return down;
    }

    /// <summary>Up time as a percentage of the period, 100 for an empty period.</summary>
    public static double Percent(TimeSpan downtime, DateTimeOffset from, DateTimeOffset to)
    {
        var period = to - from;
        return period <= TimeSpan.Zero ? 100 : Math.Max(0, 100 * (1 - downtime / period));
    }
}
