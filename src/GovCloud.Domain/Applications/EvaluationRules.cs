using GovCloud.Domain;
namespace GovCloud.Domain.Applications;

/// <summary>The Center's opinion on one requested VM: 同意 / 调整 / 不同意.</summary>
public enum RowDecision
{
    Agree,
    Adjust,
    Refuse,
}

/// <summary>One row's opinion; for Adjust the new values stand beside the requested ones (null keeps the requested value).</summary>
public sealed record RowOpinion(int No, RowDecision? Decision, int? Vcpu = null, int? MemoryGb = null, int? SystemDiskGb = null,
    int? DataDiskGb = null, string? Reason = null);

/// <summary>现场勘查: required for existing systems .</summary>
public sealed record SiteSurvey(DateOnly? Date, string? People, string? Findings);

/// <summary>技术评审: optional.</summary>
public sealed record TechnicalReview(string? Experts, string? Minutes, string? Conclusion);

/// <summary>A field of the evaluation and what is wrong with it.</summary>
public sealed record EvaluationProblem(string Field, string Message);

/// <summary>What a complete evaluation opinion of the Center holds .</summary>
public static class EvaluationRules
{
    public static string DisplayName(this RowDecision decision) => decision switch
    {
        RowDecision.Agree => "同意",
        RowDecision.Adjust => "调整",
        RowDecision.Refuse => "不同意",
        _ => decision.ToString(),
    };

    public static IReadOnlyList<EvaluationProblem> Validate(SystemKind kind, IReadOnlyCollection<int> rowNos, string? opinion,
        IReadOnlyList<RowOpinion> rows, SiteSurvey? survey, TechnicalReview? review, DateOnly today, VmLimits limits)
    {
        var problems = new List<EvaluationProblem>();
        void Add(string field, string message) => problems.Add(new EvaluationProblem(field, message));
        // One opinion per row at most: a longer list is refused whole rather than answered line by line.
        if (rows.Count > rowNos.Count)
        {
            Add("rows", $"评估结论有 {rows.Count} 行，多于申请的 {rowNos.Count} 台虚拟机");
            return problems;
        }
        if (rows.Any(r => r is null)) Add("rows", "评估结论中有空行");
        rows = rows.Where(r => r is not null).ToList();

        if (TextRules.IsBlank(opinion)) Add("opinion", "请填写评估意见");
        void Long(string? value, int max, string field, string label)
        {
            if (value?.Length > max) Add(field, $"{label}不能超过 {max} 个字");
        }
        Long(opinion, 2000, "opinion", "评估意见");
        Long(survey?.People, 200, "survey.people", "现场勘查人员");
        Long(survey?.Findings, 2000, "survey.findings", "现场勘查情况");
        Long(review?.Experts, 200, "review.experts", "技术评审专家");
        Long(review?.Minutes, 4000, "review.minutes", "技术评审纪要");
        Long(review?.Conclusion, 2000, "review.conclusion", "技术评审结论");
        foreach (var r in rows) Long(r.Reason, 500, $"rows[{r.No}].reason", $"第 {r.No} 台虚拟机的理由");
        var given = rows.GroupBy(r => r.No).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var no in rowNos.Order())
        {
            if (!given.TryGetValue(no, out var list) || list[0].Decision is null) { Add($"rows[{no}]", $"第 {no} 台虚拟机未给出评估结论"); continue; }
            if (list.Count > 1) Add($"rows[{no}]", $"第 {no} 台虚拟机给出了多个评估结论");
            var row = list[0];
            if (row.Decision is RowDecision.Adjust or RowDecision.Refuse && TextRules.IsBlank(row.Reason))
                Add($"rows[{no}].reason", $"第 {no} 台虚拟机{row.Decision.Value.DisplayName()}，须说明理由");
            if (row.Decision == RowDecision.Adjust)
            {
                if (row.Vcpu is null && row.MemoryGb is null && row.SystemDiskGb is null && row.DataDiskGb is null)
                    Add($"rows[{no}]", $"第 {no} 台虚拟机选择了调整，请填写调整后的配置");
                Check(row.Vcpu, 1, limits.MaxVcpu, $"rows[{no}].vcpu", $"第 {no} 台调整后的 vCPU", Add);
                Check(row.MemoryGb, 1, limits.MaxMemoryGb, $"rows[{no}].memoryGb", $"第 {no} 台调整后的内存", Add);
                Check(row.SystemDiskGb, 1, limits.MaxSystemDiskGb, $"rows[{no}].systemDiskGb", $"第 {no} 台调整后的系统盘", Add);
                Check(row.DataDiskGb, 0, limits.MaxDataDiskGb, $"rows[{no}].dataDiskGb", $"第 {no} 台调整后的数据盘", Add);
            }
        }
        foreach (var extra in given.Keys.Where(k => !rowNos.Contains(k)))
            Add($"rows[{extra}]", $"申请中没有序号为 {extra} 的虚拟机");

        if (kind == SystemKind.Existing)
        {
            if (survey?.Date is null) Add("survey.date", "存量系统须进行现场勘查，请填写勘查日期");
            if (TextRules.IsBlank(survey?.People)) Add("survey.people", "请填写现场勘查人员");
            if (TextRules.IsBlank(survey?.Findings)) Add("survey.findings", "请填写现场勘查情况");
        }
        // A survey is recorded once it took place, whatever the kind of system (a new system's is optional, not a plan).
        if (survey?.Date > today) Add("survey.date", "勘查日期不能晚于今天");
        // A review is optional, but one that is recorded says who reviewed and what they concluded.
        if (review is not null && !(TextRules.IsBlank(review.Experts) && TextRules.IsBlank(review.Conclusion) && TextRules.IsBlank(review.Minutes)))
        {
            if (TextRules.IsBlank(review.Experts)) Add("review.experts", "请填写技术评审专家");
            if (TextRules.IsBlank(review.Conclusion)) Add("review.conclusion", "请填写技术评审结论");
        }
        return problems;
    }

    private static void Check(int? value, int min, int max, string field, string label, Action<string, string> add)
    {
        if (value is { } v && (v < min || v > max)) add(field, $"{label}须在 {min} 至 {max} 之间");
    }
}
