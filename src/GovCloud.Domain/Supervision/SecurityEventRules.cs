namespace GovCloud.Domain.Supervision;

/// <summary>安全事件分类 as GB/Z 20986《信息安全事件分类分级指南》 names them.</summary>
public enum SecurityEventKind
{
    /// <summary>有害程序事件: viruses, worms, trojans, ransomware.</summary>
    MaliciousCode,
    /// <summary>网络攻击事件: denial of service, scanning, intrusion, password guessing.</summary>
    NetworkAttack,
    /// <summary>信息破坏事件: information tampered with, leaked, stolen or lost.</summary>
    InformationDestruction,
    /// <summary>信息内容安全事件: unlawful content spread through the systems.</summary>
    ContentSecurity,
    /// <summary>设备设施故障: hardware, software or supporting facilities failing.</summary>
    EquipmentFailure,
    /// <summary>灾害性事件: natural disasters and other emergencies.</summary>
    Disaster,
    /// <summary>其他事件.</summary>
    Other,
}

/// <summary>安全事件分级 (GB/Z 20986): 特别重大、重大、较大、一般.</summary>
public enum SecuritySeverity
{
    Critical,
    Major,
    Significant,
    General,
}

/// <summary>An event is being handled (处置中) until the Center closes it with its conclusion.</summary>
public enum SecurityEventState
{
    Handling,
    Closed,
}

/// <summary>
/// The cloud's own security state: the Center detects and handles security events — when, what kind, how severe, whom
/// they touch, each step taken, when closed — and reports the state regularly in a 云安全状况通报 to the agencies and the
/// regulators (the bulletin's period and what it counts are checked here).
/// </summary>
public static class SecurityEventRules
{
    public const int MaxAffected = 200;
    public const int MaxTextLength = 2000;
    /// <summary>A bulletin covers at most a year: the regular report is monthly or quarterly, a yearly one the longest.</summary>
    public const int MaxBulletinDays = 366;

    /// <summary>An event as recorded: a title, its kind and severity, when it happened (not in the future), what it is.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateEvent(string? title, SecurityEventKind? kind, SecuritySeverity? severity,
        DateTimeOffset? occurredAt, DateTimeOffset now, string? description, int affectedCount)
    {
        var problems = new List<RectificationProblem>();
        if (TextRules.IsBlank(title)) problems.Add(new("title", "请填写事件名称"));
        else if (TextRules.OneLine(title).Length > 100) problems.Add(new("title", "事件名称不超过 100 个字"));
        if (kind is null || !Enum.IsDefined(kind.Value)) problems.Add(new("kind", "请选择事件类别"));
        if (severity is null || !Enum.IsDefined(severity.Value)) problems.Add(new("severity", "请选择事件级别"));
        if (occurredAt is null) problems.Add(new("occurredAt", "请填写发生时间"));
        else if (occurredAt > now.AddMinutes(5)) problems.Add(new("occurredAt", "发生时间不能晚于现在"));
        else if (occurredAt < now.AddYears(-5)) problems.Add(new("occurredAt", "发生时间不能早于五年前"));
        if (TextRules.IsBlank(description)) problems.Add(new("description", "请描述事件经过与影响"));
        else if (TextRules.MultiLine(description).Length > MaxTextLength) problems.Add(new("description", $"事件描述不超过 {MaxTextLength} 个字"));
        if (affectedCount > MaxAffected) problems.Add(new("affected", $"受影响的单位、系统和虚拟机合计不超过 {MaxAffected} 个"));
        return problems;
    }

    /// <summary>A handling step (处置措施) is added while the event is being handled.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateStep(SecurityEventState state, string? text)
    {
        var problems = new List<RectificationProblem>();
        if (state == SecurityEventState.Closed) problems.Add(new("state", "事件已处置完毕，不能再添加处置措施"));
        if (TextRules.IsBlank(text)) problems.Add(new("text", "请填写处置措施"));
        else if (TextRules.MultiLine(text).Length > MaxTextLength) problems.Add(new("text", $"处置措施不超过 {MaxTextLength} 个字"));
        return problems;
    }

    /// <summary>
    /// An event closes with its conclusion (处置结果) once at least one handling step says what was done, and not before it
    /// happened.
    /// </summary>
    public static IReadOnlyList<RectificationProblem> ValidateClosing(SecurityEventState state, int steps, string? conclusion,
        DateTimeOffset occurredAt, DateTimeOffset closedAt)
    {
        var problems = new List<RectificationProblem>();
        if (state == SecurityEventState.Closed) problems.Add(new("state", "事件已处置完毕"));
        if (steps == 0) problems.Add(new("steps", "请先登记至少一条处置措施"));
        if (TextRules.IsBlank(conclusion)) problems.Add(new("conclusion", "请填写处置结果"));
        else if (TextRules.MultiLine(conclusion).Length > MaxTextLength) problems.Add(new("conclusion", $"处置结果不超过 {MaxTextLength} 个字"));
        if (closedAt < occurredAt) problems.Add(new("closedAt", "处置完毕时间不能早于发生时间"));
        return problems;
    }

    /// <summary>
    /// Who hears of a new event besides the agencies it touches and the Bureau: the regulators, from 较大 up (an event of that
    /// size is reported upward under the emergency plans).
    /// </summary>
    public static bool RegulatorsTold(SecuritySeverity severity) => severity <= SecuritySeverity.Significant;

    /// <summary>A bulletin's period: both ends, the end not before the start nor after today, at most a year.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateBulletin(DateOnly? from, DateOnly? to, DateOnly today, string? summary)
    {
        var problems = new List<RectificationProblem>();
        if (from is null) problems.Add(new("periodFrom", "请填写通报期间的开始日期"));
        if (to is null) problems.Add(new("periodTo", "请填写通报期间的结束日期"));
        else if (to > today) problems.Add(new("periodTo", "通报期间尚未结束，结束日期不能晚于今天"));
        else if (from is { } f && to < f) problems.Add(new("periodTo", "结束日期不能早于开始日期"));
        else if (from is { } f2 && to.Value.DayNumber - f2.DayNumber + 1 > MaxBulletinDays) problems.Add(new("periodTo", "一期通报最长一年"));
        if (TextRules.IsBlank(summary)) problems.Add(new("summary", "请填写总体情况"));
        else if (TextRules.MultiLine(summary).Length > MaxTextLength) problems.Add(new("summary", $"总体情况不超过 {MaxTextLength} 个字"));
        return problems;
    }

    /// <summary>The bulletin's title from its period: a whole quarter, month or year is named so, anything else by its dates.</summary>
    public static string BulletinTitle(DateOnly from, DateOnly to)
    {
        string period;
        if (from.Day == 1 && to == from.AddMonths(1).AddDays(-1)) period = $"{from.Year}年{from.Month}月";
        else if (from.Day == 1 && from.Month % 3 == 1 && to == from.AddMonths(3).AddDays(-1))
            period = $"{from.Year}年第{RectificationRules.ChineseOrdinal(from.Month / 3 + 1)}季度";
        else if (from is { Month: 1, Day: 1 } && to == new DateOnly(from.Year, 12, 31)) period = $"{from.Year}年度";
        else period = $"{from:yyyy年M月d日}至{to:yyyy年M月d日}";
        return $"政务云安全状况通报（{period}）";
    }

    /// <summary>Whether an event belongs to a bulletin's period: it happened in it, or was still being handled when it began.</summary>
    public static bool InPeriod(DateOnly occurredOn, DateOnly? closedOn, DateOnly from, DateOnly to) =>
        occurredOn <= to && (occurredOn >= from || closedOn is null || closedOn >= from);

    public static string DisplayName(this SecurityEventKind kind) => kind switch
    {
        SecurityEventKind.MaliciousCode => "有害程序事件",
        SecurityEventKind.NetworkAttack => "网络攻击事件",
        SecurityEventKind.InformationDestruction => "信息破坏事件",
        SecurityEventKind.ContentSecurity => "信息内容安全事件",
        SecurityEventKind.EquipmentFailure => "设备设施故障",
        SecurityEventKind.Disaster => "灾害性事件",
        SecurityEventKind.Other => "其他事件",
        _ => kind.ToString(),
    };

    public static string DisplayName(this SecuritySeverity severity) => severity switch
    {
        SecuritySeverity.Critical => "特别重大",
        SecuritySeverity.Major => "重大",
        SecuritySeverity.Significant => "较大",
        SecuritySeverity.General => "一般",
        _ => severity.ToString(),
    };

    public static string DisplayName(this SecurityEventState state) => state switch
    {
        SecurityEventState.Handling => "处置中",
        SecurityEventState.Closed => "已处置",
        _ => state.ToString(),
    };
}
