namespace GovCloud.Domain.Applications;

/// <summary>The documents asks for, and the records of the evaluation.</summary>
public enum AttachmentKind
{
    MigrationPlan,
    PerformanceTestReport,
    SecurityTestReport,
    ProjectApproval,
    ProjectPlan,
    SurveyPhoto,
    ReviewMinutes,
    Other,
    /// <summary>The signed usage agreement of the trial, uploaded by the agency.</summary>
    UsageAgreement,
}

public static class AttachmentRules
{
    public static string DisplayName(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.MigrationPlan => "迁移方案",
        AttachmentKind.PerformanceTestReport => "性能测试报告",
        AttachmentKind.SecurityTestReport => "安全测试报告",
        AttachmentKind.ProjectApproval => "立项批复文件",
        AttachmentKind.ProjectPlan => "建设方案/可行性研究报告/初步设计",
        AttachmentKind.SurveyPhoto => "现场勘查照片",
        AttachmentKind.ReviewMinutes => "技术评审纪要",
        AttachmentKind.Other => "其他材料",
        AttachmentKind.UsageAgreement => "使用协议（签署件）",
        _ => kind.ToString(),
    };

    /// <summary>
    /// an existing system brings its migration plan and its performance and security test
    /// reports; a new or upgraded one its project approval and the approved plan.
    /// </summary>
    public static IReadOnlyList<AttachmentKind> RequiredFor(SystemKind kind) => kind == SystemKind.Existing
        ? [AttachmentKind.MigrationPlan, AttachmentKind.PerformanceTestReport, AttachmentKind.SecurityTestReport]
        : [AttachmentKind.ProjectApproval, AttachmentKind.ProjectPlan];

    /// <summary>The kinds the agency may attach (the Center adds survey photos and review minutes).</summary>
    public static bool IsAgencyKind(AttachmentKind kind) => kind is not (AttachmentKind.SurveyPhoto or AttachmentKind.ReviewMinutes or AttachmentKind.UsageAgreement);

    public static IReadOnlyList<AttachmentKind> Missing(SystemKind kind, IEnumerable<AttachmentKind> present)
    {
        var have = present.ToHashSet();
        return RequiredFor(kind).Where(k => !have.Contains(k)).ToList();
    }
}
