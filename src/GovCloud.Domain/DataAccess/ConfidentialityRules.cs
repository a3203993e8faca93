using GovCloud.Domain.Provisioning;

namespace GovCloud.Domain.DataAccess;

/// <summary>Where an agency stands with its 保密协议 on a day.</summary>
public enum AgreementStanding
{
    /// <summary>未签订: none was ever uploaded.</summary>
    None,
    /// <summary>有效.</summary>
    Valid,
    /// <summary>即将到期: valid, ending within the reminder period.</summary>
    ExpiringSoon,
    /// <summary>已过期.</summary>
    Expired,
    /// <summary>未生效: signed, its validity not yet begun.</summary>
    NotYetValid,
}

/// <summary>
/// 保密协议 (R-26.2: 市信息化建设管理中心与使用单位签订保密协议): the Center signs one with each agency, for a stated period; the signed
/// scan is kept. An agency without one in force may apply for resources, but its systems do not go into formal use until it has one.
/// </summary>
public static class ConfidentialityRules
{
    /// <summary>An agreement runs for at most this many years; a longer one is a typo of the year.</summary>
    public const int MaxYears = 10;

    public static string DisplayName(this AgreementStanding standing) => standing switch
    {
        AgreementStanding.None => "未签订",
        AgreementStanding.Valid => "有效",
        AgreementStanding.ExpiringSoon => "即将到期",
        AgreementStanding.Expired => "已过期",
        AgreementStanding.NotYetValid => "未生效",
        _ => standing.ToString(),
    };

    /// <summary>Signed on a day not in the future; valid from a day to a later one, within <see cref="MaxYears"/>.</summary>
    public static IReadOnlyList<RuleProblem> Validate(DateOnly? signedOn, DateOnly? validFrom, DateOnly? validTo, DateOnly today)
    {
        var problems = new List<RuleProblem>();
        if (signedOn is null) problems.Add(new("signedOn", "请填写签订日期"));
        else if (signedOn > today) problems.Add(new("signedOn", "签订日期不能晚于今天"));
        if (validFrom is null) problems.Add(new("validFrom", "请填写有效期起始日"));
        if (validTo is null) problems.Add(new("validTo", "请填写有效期截止日"));
        else if (validFrom is { } from && validTo <= from) problems.Add(new("validTo", "有效期截止日须晚于起始日"));
        else if (validFrom is { } start && validTo > start.AddYears(MaxYears)) problems.Add(new("validTo", $"有效期不超过 {MaxYears} 年"));
        else if (signedOn is { } signed && validTo < signed) problems.Add(new("validTo", "有效期截止日不能早于签订日期"));
        return problems;
    }

    /// <summary>
    /// The agency's standing from its agreements' periods: valid when one covers today (expiring soon when the latest day covered is
    /// within <paramref name="soonDays"/>), else not yet valid when one starts later, expired when one ended, none when there is none.
    /// </summary>
    public static (AgreementStanding Standing, DateOnly? ValidTo) Standing(IEnumerable<(DateOnly From, DateOnly To)> periods, DateOnly today, int soonDays)
    {
        var list = periods.ToList();
        if (list.Count == 0) return (AgreementStanding.None, null);
        var covering = list.Where(p => p.From <= today && today <= p.To).ToList();
        if (covering.Count > 0)
        {
            // A renewal that starts before the current one ends carries the cover on.
            var until = covering.Max(p => p.To);
            foreach (var next in list.OrderBy(p => p.From))
                if (next.From <= until.AddDays(1) && next.To > until) until = next.To;
            return (until.DayNumber - today.DayNumber <= soonDays ? AgreementStanding.ExpiringSoon : AgreementStanding.Valid, until);
        }
        if (list.Any(p => p.From > today)) return (AgreementStanding.NotYetValid, list.Where(p => p.From > today).Max(p => p.To));
        return (AgreementStanding.Expired, list.Max(p => p.To));
    }

    public static bool InForce(AgreementStanding standing) => standing is AgreementStanding.Valid or AgreementStanding.ExpiringSoon;

    /// <summary>What stops formal use while the agency has no agreement in force; null when it has one.</summary>
    public static string? BlockerOfFormalUse(AgreementStanding standing, string agency) => InForce(standing) ? null : standing switch
    {
        AgreementStanding.Expired => $"{agency}与信息化中心的保密协议已过期，须续签后才能正式开通",
        AgreementStanding.NotYetValid => $"{agency}与信息化中心的保密协议尚未生效，生效后才能正式开通",
        _ => $"{agency}尚未与信息化中心签订保密协议，签订后才能正式开通",
    };
}
