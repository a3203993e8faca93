using GovCloud.Domain.Calendar;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Supervision;

/// <summary>风险等级 of a problem found (高/中/低): how a finding and a notice's item are weighed.</summary>
public enum RiskLevel
{
    High,
    Medium,
    Low,
}

/// <summary>A 整改通知书 is open until every item has been accepted by its issuer .</summary>
public enum RectificationState
{
    Open,
    Closed,
}

/// <summary>Where one item of a notice stands.</summary>
public enum ItemState
{
    /// <summary>待整改: not yet answered.</summary>
    Pending,
    /// <summary>待核验: answered, the issuer checks.</summary>
    Answered,
    /// <summary>已通过.</summary>
    Accepted,
    /// <summary>退回重改: the issuer found the answer not enough; the recipient answers again.</summary>
    Reopened,
}

/// <summary>The issuer's word on one answered item.</summary>
public enum Verdict
{
    Accept,
    Reopen,
}

/// <summary>One item of a notice as the issuer writes it.</summary>
public sealed record NoticeItemText(string? Text, RiskLevel? Risk);

/// <summary>A field of a notice, a response or a verification and what is wrong with it, in Chinese.</summary>
public sealed record RectificationProblem(string Field, string Message);

/// <summary>
/// 整改通知书: who may issue one to whom, what a notice must hold, how it is numbered, and how its
/// items move from 待整改 through the recipient's answer and the issuer's check to 已通过; the notice closes with its last item.
/// </summary>
public static class RectificationRules
{
    public const int MaxItems = 30;
    public const int MaxItemLength = 1000;
    public const int MaxCalendarDays = 365;
    public const int MaxWorkingDays = 250;

    /// <summary>
    /// The issuers of: the Bureau, the Center (pushing agencies with problems, R-26.1) and the three regulators.
    /// </summary>
    public static bool MayIssue(OrganisationType issuer) =>
        issuer is OrganisationType.Bureau or OrganisationType.Center || issuer.IsRegulator();

    /// <summary>
    /// Why <paramref name="issuer"/> cannot address a notice to <paramref name="recipient"/>; null when it can. A notice goes to an
    /// agency (a county or its department too) — or, for the cloud itself, to the Center from the Bureau or a regulator.
    /// </summary>
    public static string? WhyNotAddressable(OrganisationType issuer, OrganisationType recipient)
    {
        if (!MayIssue(issuer)) return "只有市大数据发展局、市信息化建设管理中心和网信、保密、公安等监管部门可以下发整改通知书";
        if (recipient.IsTenant()) return null;
        if (recipient == OrganisationType.Center)
            return issuer == OrganisationType.Center ? "信息化中心不能向本单位下发整改通知书" : null;
        return "整改通知书只能下发给使用单位，或就云平台本身下发给信息化中心";
    }

    /// <summary>
    /// The role that acts for an organisation on a notice: an agency's security officer answers (the agency keeps its security,
    /// ), the Center's operators answer for the cloud and issue for the Center, the Bureau's approvers and the regulators'
    /// inspectors issue and check.
    /// </summary>
    public static Role ActingRole(OrganisationType type) => type switch
    {
        OrganisationType.Bureau => Role.BureauApprover,
        OrganisationType.Center => Role.CenterOperator,
        _ when type.IsRegulator() => Role.Inspector,
        _ => Role.AgencySecurityOfficer,
    };

    /// <summary>A notice as issued: a title, its legal basis, one to thirty items each with its risk, a period, and a contact.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateNotice(string? title, string? legalBasis, IReadOnlyList<NoticeItemText>? items,
        int? periodLength, PeriodUnit? periodUnit, string? contactName, string? contactPhone)
    {
        var problems = new List<RectificationProblem>();
        if (TextRules.IsBlank(title)) problems.Add(new("title", "请填写通知标题（事由）"));
        else if (TextRules.OneLine(title).Length > 100) problems.Add(new("title", "通知标题不超过 100 个字"));
        if (TextRules.IsBlank(legalBasis)) problems.Add(new("legalBasis", "请填写整改依据"));
        else if (TextRules.MultiLine(legalBasis).Length > 1000) problems.Add(new("legalBasis", "整改依据不超过 1000 个字"));
        if (items is null || items.Count == 0) problems.Add(new("items", "请至少填写一项整改事项"));
        else if (items.Count > MaxItems) problems.Add(new("items", $"一份通知书最多 {MaxItems} 项整改事项"));
        else
            for (var i = 0; i < items.Count; i++)
            {
                if (TextRules.IsBlank(items[i].Text)) problems.Add(new($"items[{i}].text", $"第 {i + 1} 项：请填写问题及整改要求"));
                else if (TextRules.MultiLine(items[i].Text).Length > MaxItemLength) problems.Add(new($"items[{i}].text", $"第 {i + 1} 项不超过 {MaxItemLength} 个字"));
                if (items[i].Risk is null) problems.Add(new($"items[{i}].risk", $"第 {i + 1} 项：请选择风险等级"));
            }
        if (periodUnit is not (PeriodUnit.WorkingDays or PeriodUnit.CalendarDays)) problems.Add(new("periodUnit", "整改期限按工作日或自然日计算"));
        var max = periodUnit == PeriodUnit.WorkingDays ? MaxWorkingDays : MaxCalendarDays;
        if (periodLength is null) problems.Add(new("periodLength", "请填写整改期限"));
        else if (periodLength < 1 || periodLength > max) problems.Add(new("periodLength", $"整改期限须为 1 至 {max} 天"));
        if (TextRules.IsBlank(contactName)) problems.Add(new("contactName", "请填写联系人"));
        else if (TextRules.OneLine(contactName).Length > 50) problems.Add(new("contactName", "联系人不超过 50 个字"));
        if (TextRules.IsBlank(contactPhone)) problems.Add(new("contactPhone", "请填写联系电话"));
        else if (!ContactRules.IsPhone(contactPhone)) problems.Add(new("contactPhone", "联系电话须为手机号码或固定电话（如 0772-2801234）"));
        return problems;
    }

    /// <summary>
    /// The notice's number in official style from its issuer's pattern: <c>{year}</c> and <c>{seq}</c> are replaced, e.g.
    /// 柳大数安整〔{year}〕{seq}号 → 柳大数安整〔2026〕12号.
    /// </summary>
    public static string Number(string pattern, int year, int sequence) =>
        pattern.Replace("{year}", year.ToString()).Replace("{seq}", sequence.ToString());

    /// <summary>A pattern must place both the year and the running number, or two notices could read the same.</summary>
    public static string? CheckPattern(string? pattern) =>
        string.IsNullOrWhiteSpace(pattern) || !pattern.Contains("{year}") || !pattern.Contains("{seq}")
            ? "文号格式须包含 {year}（年份）和 {seq}（序号），如 柳大数安整〔{year}〕{seq}号"
            : null;

    /// <summary>The recipient answers an item not yet answered, or answered and reopened: what was done, with its evidence.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateResponse(ItemState state, string? action)
    {
        var problems = new List<RectificationProblem>();
        if (state is ItemState.Answered) problems.Add(new("state", "该事项已答复，正在等待下发单位核验"));
        else if (state is ItemState.Accepted) problems.Add(new("state", "该事项已核验通过，无需再答复"));
        if (TextRules.IsBlank(action)) problems.Add(new("answer", "请填写整改情况"));
        else if (TextRules.MultiLine(action).Length > 2000) problems.Add(new("answer", "整改情况不超过 2000 个字"));
        return problems;
    }

    /// <summary>The issuer checks an answered item: accepted, or reopened with the reason the recipient must read.</summary>
    public static IReadOnlyList<RectificationProblem> ValidateVerification(ItemState state, Verdict? verdict, string? reason)
    {
        var problems = new List<RectificationProblem>();
        if (state != ItemState.Answered)
            problems.Add(new("state", state == ItemState.Accepted ? "该事项已核验通过" : "该事项尚未答复，不能核验"));
        if (verdict is null) problems.Add(new("verdict", "请选择核验结论"));
        else if (verdict == Verdict.Reopen && TextRules.IsBlank(reason)) problems.Add(new("reason", "退回重改须写明理由"));
        if (TextRules.MultiLine(reason).Length > 1000) problems.Add(new("reason", "核验意见不超过 1000 个字"));
        return problems;
    }

    public static ItemState After(Verdict verdict) => verdict == Verdict.Accept ? ItemState.Accepted : ItemState.Reopened;

    /// <summary>A notice closes when every one of its items has been accepted.</summary>
    public static RectificationState StateOf(IEnumerable<ItemState> items) =>
        items.All(i => i == ItemState.Accepted) ? RectificationState.Closed : RectificationState.Open;

    /// <summary>
    /// Whether the recipient's clock runs: it stands still while every open item waits for the issuer's check (the
    /// issuer's days are not the recipient's delay), and runs again when an item is reopened.
    /// </summary>
    public static bool RecipientsTurn(IEnumerable<ItemState> items) => items.Any(i => i is ItemState.Pending or ItemState.Reopened);

    /// <summary>
    /// On-time closing rate (按期办结率) of a set of notices, for the evaluation: closed within their period over every
    /// notice that is closed or already overdue; null when there is none to count.
    /// </summary>
    public static decimal? OnTimeRate(int closedOnTime, int closedLate, int openOverdue)
    {
        var counted = closedOnTime + closedLate + openOverdue;
        return counted == 0 ? null : Math.Round(100m * closedOnTime / counted, 1);
    }

    public static string DisplayName(this RiskLevel risk) => risk switch
    {
        RiskLevel.High => "高",
        RiskLevel.Medium => "中",
        RiskLevel.Low => "低",
        _ => risk.ToString(),
    };

    public static string DisplayName(this RectificationState state) => state switch
    {
        RectificationState.Open => "整改中",
        RectificationState.Closed => "已办结",
        _ => state.ToString(),
    };

    public static string DisplayName(this ItemState state) => state switch
    {
        ItemState.Pending => "待整改",
        ItemState.Answered => "待核验",
        ItemState.Accepted => "已通过",
        ItemState.Reopened => "退回重改",
        _ => state.ToString(),
    };

    /// <summary>一、二、… as items are numbered in an official document.</summary>
    public static string ChineseOrdinal(int n)
    {
        string[] digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        if (n is < 1 or > 99) return n.ToString();
        if (n < 10) return digits[n];
        var tens = n / 10;
        var ones = n % 10;
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones]);
    }
}
