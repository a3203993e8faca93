using GovCloud.Domain.Provisioning;

namespace GovCloud.Domain.DataAccess;

/// <summary>What an operator may do on an agency's hosts, databases or storage: look (只读) or change (变更, which includes looking).</summary>
public enum AccessMode
{
    Read,
    Change,
}

/// <summary>The case an access serves: a change, a security event (事件), a rectification notice; the number names it.</summary>
public enum AccessTicketKind
{
    Change,
    Incident,
    Rectification,
}

/// <summary>
/// Where a grant is in its life. <see cref="Requested"/> waits for the agency; <see cref="Approved"/> is a grant, in force between its
/// start and end (an emergency access is approved from the start); <see cref="Refused"/>, <see cref="Withdrawn"/> and <see cref="Revoked"/>
/// end it early. Whether an approved grant has not begun or has run out is read from the clock, never stored.
/// </summary>
public enum AccessGrantState
{
    Requested,
    Approved,
    Refused,
    Withdrawn,
    Revoked,
}

/// <summary>How a grant stands at a moment, as users read it.</summary>
public enum AccessGrantStanding
{
    /// <summary>待审批.</summary>
    Waiting,
    /// <summary>未开始: approved, its window not yet begun.</summary>
    NotYetStarted,
    /// <summary>生效中.</summary>
    InForce,
    /// <summary>已到期: its window is over (a request nobody decided in time ends here too).</summary>
    Ended,
    /// <summary>已拒绝.</summary>
    Refused,
    /// <summary>已撤回 by the operator who asked.</summary>
    Withdrawn,
    /// <summary>已撤销 by the agency.</summary>
    Revoked,
}

/// <summary>The agency's look back at an emergency access (事后审查): it accepts it, or disputes it and the Center must answer for it.</summary>
public enum EmergencyReview
{
    Accepted,
    Disputed,
}

/// <summary>The answer the bastion host gets: why a check denied, or that a grant allowed it.</summary>
public enum AccessCheckOutcome
{
    Allowed,
    /// <summary>No grant of this operator names the target.</summary>
    NoGrant,
    /// <summary>A grant names it but is not in force now (not begun, over, revoked, refused, waiting).</summary>
    NotInForce,
    /// <summary>A read grant, and the operator wants to change.</summary>
    ReadOnly,
    /// <summary>The target is no VM, host name, address or service the platform knows.</summary>
    UnknownTarget,
    /// <summary>The operator's account is unknown, disabled or locked, or no longer a Center operator: no grant counts for it.</summary>
    OperatorNotAllowed,
}

/// <summary>The limits a grant keeps: configuration, so a county may choose its own.</summary>
/// <param name="MaxHours">The longest window an agency can be asked for (default 8 h).</param>
/// <param name="MaxEmergencyHours">The longest emergency access (default 2 h).</param>
/// <param name="MaxDaysAhead">How far ahead a window may start.</param>
public sealed record AccessLimits(int MaxHours = 8, int MaxEmergencyHours = 2, int MaxDaysAhead = 7);

/// <summary>
/// 访问授权 (R-26.2, R-28.1; seed Art. 26 未经使用单位授权，不得访问、修改…使用单位数据资源, Art. 28): nobody of the Center views or
/// changes an agency's cloud hosts, databases or storage without the agency's grant. A Center operator asks for named targets of one
/// system, read or change, for a purpose and the case it serves, for a window of a few hours; the agency's security officer approves
/// or refuses, and may revoke at any time; the grant ends by itself with its window. In an emergency (应急) the operator opens the
/// access himself with a reason, for a short window; the agency and the Bureau hear at once and the agency reviews it afterwards.
/// The bastion host asks before each session whether an operator may reach a target; these rules answer.
/// </summary>
public static class AccessGrantRules
{
    public const int MaxTargets = 50;
    public const int MaxPurposeLength = 500;

    public static string DisplayName(this AccessMode mode) => mode switch
    {
        AccessMode.Read => "只读",
        AccessMode.Change => "变更",
        _ => mode.ToString(),
    };

    public static string DisplayName(this AccessTicketKind kind) => kind switch
    {
        AccessTicketKind.Change => "变更",
        AccessTicketKind.Incident => "安全事件",
        AccessTicketKind.Rectification => "整改通知书",
        _ => kind.ToString(),
    };

    public static string DisplayName(this AccessGrantStanding standing) => standing switch
    {
        AccessGrantStanding.Waiting => "待审批",
        AccessGrantStanding.NotYetStarted => "未开始",
        AccessGrantStanding.InForce => "生效中",
        AccessGrantStanding.Ended => "已到期",
        AccessGrantStanding.Refused => "已拒绝",
        AccessGrantStanding.Withdrawn => "已撤回",
        AccessGrantStanding.Revoked => "已撤销",
        _ => standing.ToString(),
    };

    public static string DisplayName(this EmergencyReview review) => review switch
    {
        EmergencyReview.Accepted => "认可",
        EmergencyReview.Disputed => "有异议",
        _ => review.ToString(),
    };

    public static string DisplayName(this AccessCheckOutcome outcome) => outcome switch
    {
        AccessCheckOutcome.Allowed => "允许",
        AccessCheckOutcome.NoGrant => "拒绝：无授权",
        AccessCheckOutcome.NotInForce => "拒绝：授权未生效或已结束",
        AccessCheckOutcome.ReadOnly => "拒绝：只读授权不能变更",
        AccessCheckOutcome.UnknownTarget => "拒绝：目标不存在",
        AccessCheckOutcome.OperatorNotAllowed => "拒绝：账号不存在、已停用或不是运维人员",
        _ => outcome.ToString(),
    };

    /// <summary>A request as the operator sends it: a purpose, the case it serves, what it needs, and a window the limits allow.</summary>
    public static IReadOnlyList<RuleProblem> ValidateRequest(string? purpose, AccessMode? mode, AccessTicketKind? ticketKind, string? ticketNumber,
        DateTimeOffset? startsAt, int? hours, int targetCount, DateTimeOffset now, AccessLimits limits)
    {
        var problems = new List<RuleProblem>();
        Purpose(problems, "purpose", purpose, "请说明访问目的");
        if (mode is null || !Enum.IsDefined(mode.Value)) problems.Add(new("mode", "请选择只读或变更"));
        if (ticketKind is null || !Enum.IsDefined(ticketKind.Value)) problems.Add(new("ticketKind", "请选择所服务的工单类别（变更、安全事件或整改通知书）"));
        if (TextRules.IsBlank(ticketNumber)) problems.Add(new("ticketNumber", "请填写所服务的工单编号"));
        else if (TextRules.OneLine(ticketNumber).Length > 50) problems.Add(new("ticketNumber", "工单编号不超过 50 个字"));
        if (startsAt is { } s)
        {
            if (s < now.AddMinutes(-5)) problems.Add(new("startsAt", "开始时间不能早于现在"));
            else if (s > now.AddDays(limits.MaxDaysAhead)) problems.Add(new("startsAt", $"开始时间不能晚于 {limits.MaxDaysAhead} 天之后"));
        }
        Hours(problems, hours, limits.MaxHours);
        Targets(problems, targetCount);
        return problems;
    }

    /// <summary>An emergency access: the reason, what it needs, at most the emergency window; it begins now.</summary>
    public static IReadOnlyList<RuleProblem> ValidateEmergency(string? reason, AccessMode? mode, int? hours, int targetCount, AccessLimits limits)
    {
        var problems = new List<RuleProblem>();
        Purpose(problems, "reason", reason, "请说明紧急情况和必须立即访问的原因");
        if (mode is null || !Enum.IsDefined(mode.Value)) problems.Add(new("mode", "请选择只读或变更"));
        Hours(problems, hours, limits.MaxEmergencyHours);
        Targets(problems, targetCount);
        return problems;
    }

    /// <summary>The window a request or an emergency access opens: from its start (now when not given) for its hours.</summary>
    public static (DateTimeOffset StartsAt, DateTimeOffset EndsAt) Window(DateTimeOffset? startsAt, int hours, DateTimeOffset now)
    {
        var start = startsAt is { } s && s > now ? s : now;
        return (start, start.AddHours(hours));
    }

    public static AccessGrantStanding Standing(AccessGrantState state, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now) => state switch
    {
        AccessGrantState.Requested => endsAt <= now ? AccessGrantStanding.Ended : AccessGrantStanding.Waiting,
        AccessGrantState.Approved => now < startsAt ? AccessGrantStanding.NotYetStarted : now < endsAt ? AccessGrantStanding.InForce : AccessGrantStanding.Ended,
        AccessGrantState.Refused => AccessGrantStanding.Refused,
        AccessGrantState.Withdrawn => AccessGrantStanding.Withdrawn,
        AccessGrantState.Revoked => AccessGrantStanding.Revoked,
        _ => AccessGrantStanding.Ended,
    };

    /// <summary>Why the agency cannot approve or refuse the request now; null when it can. A window already over is decided by the clock.</summary>
    public static string? WhyNotDecide(AccessGrantState state, DateTimeOffset endsAt, DateTimeOffset now) => state switch
    {
        AccessGrantState.Requested when endsAt <= now => "申请的访问时段已过，无需再审批",
        AccessGrantState.Requested => null,
        _ => "该申请已处理，不能再审批",
    };

    /// <summary>Why the operator cannot withdraw the request; null when he can (only while it waits).</summary>
    public static string? WhyNotWithdraw(AccessGrantState state) => state == AccessGrantState.Requested ? null : "只能撤回待审批的申请";

    /// <summary>Why the agency cannot revoke the grant; null when it can: any approved grant whose window is not over.</summary>
    public static string? WhyNotRevoke(AccessGrantState state, DateTimeOffset endsAt, DateTimeOffset now) => state switch
    {
        AccessGrantState.Approved when endsAt <= now => "授权已到期，无需撤销",
        AccessGrantState.Approved => null,
        _ => "只能撤销已批准的授权",
    };

    /// <summary>Why the agency cannot review the emergency access; null when it can: once, with a comment when it disputes.</summary>
    public static IReadOnlyList<RuleProblem> ValidateReview(bool isEmergency, EmergencyReview? existing, EmergencyReview? review, string? comment)
    {
        var problems = new List<RuleProblem>();
        if (!isEmergency) problems.Add(new("review", "只有应急访问需要事后审查"));
        else if (existing is not null) problems.Add(new("review", "该应急访问已审查"));
        if (review is null || !Enum.IsDefined(review.Value)) problems.Add(new("review", "请选择认可或有异议"));
        else if (review == EmergencyReview.Disputed && TextRules.IsBlank(comment)) problems.Add(new("comment", "有异议时请写明异议内容"));
        if (comment is not null && TextRules.MultiLine(comment).Length > MaxPurposeLength) problems.Add(new("comment", $"审查意见不超过 {MaxPurposeLength} 个字"));
        return problems;
    }

    /// <summary>
    /// The bastion's question for one grant that names the target: may the operator do <paramref name="action"/> now? Allowed only in
    /// force and, for a change, only by a change grant.
    /// </summary>
    public static AccessCheckOutcome Check(AccessGrantState state, AccessMode mode, DateTimeOffset startsAt, DateTimeOffset endsAt, AccessMode action,
        DateTimeOffset now)
    {
        if (Standing(state, startsAt, endsAt, now) != AccessGrantStanding.InForce) return AccessCheckOutcome.NotInForce;
        return action == AccessMode.Change && mode != AccessMode.Change ? AccessCheckOutcome.ReadOnly : AccessCheckOutcome.Allowed;
    }

    /// <summary>
    /// Of several grants naming the target, the answer: allowed by any one; else the most telling refusal (a read grant in force
    /// says more than one that ended).
    /// </summary>
    public static AccessCheckOutcome Best(IEnumerable<AccessCheckOutcome> outcomes)
    {
        var best = AccessCheckOutcome.NoGrant;
        foreach (var o in outcomes)
        {
            if (o == AccessCheckOutcome.Allowed) return o;
            if (o == AccessCheckOutcome.ReadOnly || best == AccessCheckOutcome.NoGrant) best = o;
        }
        return best;
    }

    private static void Purpose(List<RuleProblem> problems, string field, string? text, string blank)
    {
        if (TextRules.IsBlank(text)) problems.Add(new(field, blank));
        else if (TextRules.MultiLine(text).Length > MaxPurposeLength) problems.Add(new(field, $"不超过 {MaxPurposeLength} 个字"));
    }

    private static void Hours(List<RuleProblem> problems, int? hours, int max)
    {
        if (hours is null) problems.Add(new("hours", "请填写访问时长（小时）"));
        else if (hours < 1 || hours > max) problems.Add(new("hours", $"访问时长须为 1 至 {max} 小时"));
    }

    private static void Targets(List<RuleProblem> problems, int count)
    {
        if (count == 0) problems.Add(new("targets", "请选择要访问的虚拟机、数据库或存储"));
        else if (count > MaxTargets) problems.Add(new("targets", $"一次最多申请 {MaxTargets} 个访问对象"));
    }
}
