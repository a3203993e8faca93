namespace GovCloud.Domain.Operations;

/// <summary>The papers an agency keeps on file for each system .</summary>
public enum OperationsDocumentKind
{
    /// <summary>运维管理制度.</summary>
    Rules,
    /// <summary>应急处置预案.</summary>
    EmergencyPlan,
    /// <summary>应急演练报告, with its drill.</summary>
    DrillReport,
}

public static class OperationsDocumentKindNames
{
    public static string DisplayName(this OperationsDocumentKind kind) => kind switch
    {
        OperationsDocumentKind.Rules => "运维管理制度",
        OperationsDocumentKind.EmergencyPlan => "应急处置预案",
        OperationsDocumentKind.DrillReport => "应急演练报告",
        _ => kind.ToString(),
    };
}

/// <summary>How old each paper may grow before it counts as stale, and the shortest log retention (configuration).</summary>
public sealed record OperationsPolicy(int MinLogRetentionMonths = 6, int RulesMaxAgeMonths = 36, int PlanMaxAgeMonths = 12, int DrillMaxAgeMonths = 12);

/// <summary>
/// agencies keep their systems' run and operation logs at least 6 months and have operations rules and emergency plans on
/// file. What is missing or stale for one system, in Chinese, from what is on file.
/// </summary>
public static class OperationsOnFile
{
    public const int MaxTextLength = 500;

    public static IReadOnlyList<string> Problems(string? logLocation, int? logRetentionMonths, DateOnly? rulesIssuedOn, DateOnly? planIssuedOn,
        DateOnly? lastDrillOn, DateOnly today, OperationsPolicy policy)
    {
        var problems = new List<string>();
        if (TextRules.IsBlank(logLocation) || logRetentionMonths is null) problems.Add("未登记运行和操作日志的保存位置与保存期限");
        else if (logRetentionMonths < policy.MinLogRetentionMonths) problems.Add($"日志保存期限 {logRetentionMonths} 个月，少于 {policy.MinLogRetentionMonths} 个月");
        Age(problems, rulesIssuedOn, "运维管理制度", policy.RulesMaxAgeMonths, today);
        Age(problems, planIssuedOn, "应急处置预案", policy.PlanMaxAgeMonths, today);
        if (lastDrillOn is null) problems.Add("未登记应急演练");
        else if (lastDrillOn.Value.AddMonths(policy.DrillMaxAgeMonths) < today) problems.Add($"最近一次应急演练在 {lastDrillOn:yyyy-MM-dd}，已超过 {policy.DrillMaxAgeMonths} 个月");
        return problems;
    }

    private static void Age(List<string> problems, DateOnly? issuedOn, string name, int maxAgeMonths, DateOnly today)
    {
        if (issuedOn is null) problems.Add($"未上传{name}");
        else if (issuedOn.Value.AddMonths(maxAgeMonths) < today) problems.Add($"{name}印发于 {issuedOn:yyyy-MM-dd}，已超过 {maxAgeMonths} 个月未修订");
    }

    /// <summary>The log facts as typed: where (not blank, not too long) and how long (1–600 months).</summary>
    public static IEnumerable<(string Field, string Message)> ValidateLogs(string? logLocation, int? logRetentionMonths)
    {
        if (TextRules.IsBlank(logLocation)) yield return ("logLocation", "请填写日志保存位置（如日志服务器、审计系统名称）");
        else if (TextRules.OneLine(logLocation).Length > MaxTextLength) yield return ("logLocation", $"日志保存位置不超过 {MaxTextLength} 个字");
        if (logRetentionMonths is null) yield return ("logRetentionMonths", "请填写日志保存期限（月）");
        else if (logRetentionMonths is < 1 or > 600) yield return ("logRetentionMonths", "日志保存期限应在 1 至 600 个月之间");
    }

    /// <summary>A drill as recorded: when (not in the future), what was rehearsed, how it went.</summary>
    public static IEnumerable<(string Field, string Message)> ValidateDrill(DateOnly? heldOn, string? scenario, string? result, DateOnly today)
    {
        if (heldOn is null) yield return ("heldOn", "请填写演练日期");
        else if (heldOn > today) yield return ("heldOn", "演练日期不能晚于今天");
        if (TextRules.IsBlank(scenario)) yield return ("scenario", "请填写演练场景");
        else if (TextRules.MultiLine(scenario).Length > MaxTextLength) yield return ("scenario", $"演练场景不超过 {MaxTextLength} 个字");
        if (TextRules.IsBlank(result)) yield return ("result", "请填写演练结果");
        else if (TextRules.MultiLine(result).Length > MaxTextLength) yield return ("result", $"演练结果不超过 {MaxTextLength} 个字");
    }
}
