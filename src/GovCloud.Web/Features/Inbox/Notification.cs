namespace GovCloud.Web.Features.Inbox;

/// <summary>A message in a user's in-app inbox (and by e-mail when SMTP is configured).</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }

    /// <summary>What this message is about; with the user, unique, so a message is never sent twice.</summary>
    public required string DedupKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? EmailedAt { get; set; }
}

public static class NotificationKinds
{
    public const string DueSoon = "DueSoon";
    public const string DueToday = "DueToday";
    public const string Overdue = "Overdue";
    public const string Escalated = "Escalated";
    public const string CaseProgress = "CaseProgress";
    public const string AdminApproval = "AdminApproval";
    public const string SecurityEvent = "SecurityEvent";
    public const string SecurityBulletin = "SecurityBulletin";
    public const string DataAccess = "DataAccess";
    public const string Utilisation = "Utilisation";
    public const string Incident = "Incident";
    public const string Operations = "Operations";
    public const string OperationsBulletin = "OperationsBulletin";

    public static string Label(string kind) => kind switch
    {
        DueSoon => "即将到期",
        DueToday => "今日到期",
        Overdue => "已超期",
        Escalated => "超期督办",
        CaseProgress => "办理进度",
        AdminApproval => "三员审批",
        SecurityEvent => "安全事件",
        SecurityBulletin => "安全通报",
        DataAccess => "访问授权",
        Utilisation => "资源调整建议",
        Incident => "运行故障",
        Operations => "运维日志与预案",
        OperationsBulletin => "运行通报",
        _ => kind,
    };
}
