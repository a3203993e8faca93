using GovCloud.Domain.Organisations;

namespace GovCloud.Domain.Supervision;

/// <summary>A joint inspection is planned, then carried out (findings recorded) until the Bureau closes it.</summary>
public enum InspectionState
{
    Planned,
    Completed,
}

/// <summary>One thing an inspection looks at: an agency (or one of its systems), or the cloud itself (the Center).</summary>
public sealed record InspectionTargetText(Guid? OrganisationId, OrganisationType? OrganisationType, Guid? SystemId);

/// <summary>
/// 联合安全检查: the Bureau inspects regularly with the Cyberspace Office, the Confidential Office and Public Security
/// (and the Center); what a plan must hold, who takes part, and what a finding must say.
/// </summary>
public static class InspectionRules
{
    public const int MaxTargets = 200;
    public const int MaxChecklistItems = 50;

    /// <summary>Who takes part beside the Bureau: the three regulators and the Center .</summary>
    public static bool MayTakePart(OrganisationType type) => type.IsRegulator() || type == OrganisationType.Center;

    /// <summary>A plan: a name, a period not ending before it starts, at least one target and one participant, a checklist.</summary>
    public static IReadOnlyList<RectificationProblem> ValidatePlan(string? name, DateOnly? startsOn, DateOnly? endsOn,
        IReadOnlyList<InspectionTargetText> targets, IReadOnlyList<OrganisationType?> participants, IReadOnlyList<string> checklist)
    {
        var problems = new List<RectificationProblem>();
        if (TextRules.IsBlank(name)) problems.Add(new("name", "请填写检查名称"));
        else if (TextRules.OneLine(name).Length > 100) problems.Add(new("name", "检查名称不超过 100 个字"));
        if (startsOn is null) problems.Add(new("startsOn", "请填写检查开始日期"));
        if (endsOn is null) problems.Add(new("endsOn", "请填写检查结束日期"));
        else if (startsOn is { } s && endsOn < s) problems.Add(new("endsOn", "结束日期不能早于开始日期"));
        if (targets.Count == 0) problems.Add(new("targets", "请至少选择一个检查对象（单位、信息系统或云平台）"));
        else if (targets.Count > MaxTargets) problems.Add(new("targets", $"一次检查最多 {MaxTargets} 个检查对象"));
        for (var i = 0; i < targets.Count && i < MaxTargets; i++)
        {
            var t = targets[i];
            if (t.OrganisationType is null) problems.Add(new($"targets[{i}]", $"第 {i + 1} 个检查对象不存在"));
            else if (!t.OrganisationType.Value.IsTenant() && t.OrganisationType != OrganisationType.Center)
                problems.Add(new($"targets[{i}]", $"第 {i + 1} 个检查对象须为使用单位或云平台（信息化中心）"));
        }
        if (targets.GroupBy(t => (t.OrganisationId, t.SystemId)).Any(g => g.Count() > 1)) problems.Add(new("targets", "检查对象有重复"));
        if (participants.Count == 0) problems.Add(new("participants", "请选择参加检查的监管部门或信息化中心"));
        else if (participants.Any(p => p is null || !MayTakePart(p.Value)))
            problems.Add(new("participants", "参加检查的须为网信、保密、公安等监管部门或信息化中心"));
        if (checklist.Count == 0) problems.Add(new("checklist", "请至少列出一项检查内容"));
        else if (checklist.Count > MaxChecklistItems) problems.Add(new("checklist", $"检查内容最多 {MaxChecklistItems} 项"));
        else if (checklist.Any(c => c.Length > 200)) problems.Add(new("checklist", "每项检查内容不超过 200 个字"));
        return problems;
    }

    /// <summary>A finding: which checklist item, its risk, what was found; recorded while the inspection is open.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateFinding(InspectionState state, string? checklistItem, IReadOnlyCollection<string> checklist,
        RiskLevel? risk, string? description)
    {
        var problems = new List<RectificationProblem>();
        if (state == InspectionState.Completed) problems.Add(new("state", "检查已结束，不能再记录问题"));
        if (TextRules.IsBlank(checklistItem)) problems.Add(new("checklistItem", "请选择检查内容"));
        else if (!checklist.Contains(TextRules.OneLine(checklistItem))) problems.Add(new("checklistItem", "检查内容须为本次检查所列的一项"));
        if (risk is null) problems.Add(new("risk", "请选择风险等级"));
        if (TextRules.IsBlank(description)) problems.Add(new("description", "请描述发现的问题"));
        else if (TextRules.MultiLine(description).Length > RectificationRules.MaxItemLength)
            problems.Add(new("description", $"问题描述不超过 {RectificationRules.MaxItemLength} 个字"));
        return problems;
    }

    public static string DisplayName(this InspectionState state) => state switch
    {
        InspectionState.Planned => "检查中",
        InspectionState.Completed => "已结束",
        _ => state.ToString(),
    };
}
