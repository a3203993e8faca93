using GovCloud.Domain.Calendar;
using GovCloud.Domain.Supervision;

namespace GovCloud.Domain.Operations;

/// <summary>Where a month's operations bulletin stands: drafted (figures counted, the Center reviewing) or published.</summary>
public enum OperationsBulletinState
{
    /// <summary>待审核.</summary>
    Draft,
    /// <summary>已发布.</summary>
    Published,
}

/// <summary>
/// 政务云运行情况通报: each month's availability, incidents, utilisation, idle resources and their cost, the
/// processes' on-time rates and the resources given out and taken back, drafted on the first working day of the next month,
/// reviewed by the Center and published to the agencies, the Bureau and Finance.
/// </summary>
public static class OperationsBulletinRules
{
    public const int MaxSummaryLength = 2000;

    public static string StateName(this OperationsBulletinState state) => state switch
    {
        OperationsBulletinState.Draft => "待审核",
        OperationsBulletinState.Published => "已发布",
        _ => state.ToString(),
    };

    /// <summary>
    /// The month whose bulletin is due on <paramref name="today"/>: the month before, once the first working day of this month
    /// has come (a holiday on the 1st moves it); null before that.
    /// </summary>
    public static DateOnly? MonthDue(DateOnly today, WorkCalendar calendar)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        return today >= calendar.OnOrNextWorkingDay(first) ? first.AddMonths(-1) : null;
    }

    /// <summary>2026年11月政务云运行情况通报.</summary>
    public static string Title(DateOnly month) => $"{month.Year}年{month.Month}月政务云运行情况通报";

    /// <summary>"yyyy-MM" of a month's first day.</summary>
    public static string Key(DateOnly month) => month.ToString("yyyy-MM");

    /// <summary>The first day of "yyyy-MM", or null when it is not one.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", out var d) ? d : null;

    /// <summary>The share done on time, as a percentage with one decimal; null when nothing fell due.</summary>
    public static double? OnTimePercent(int met, int total) => total == 0 ? null : Math.Round(100.0 * met / total, 1);

    /// <summary>总体情况 as the Center writes it before publishing (kept as <see cref="TextRules.MultiLine"/>).</summary>
    public static IReadOnlyList<RectificationProblem> ValidateSummary(string? summary)
    {
        var problems = new List<RectificationProblem>();
        if (TextRules.IsBlank(summary)) problems.Add(new("summary", "请填写总体情况"));
        else if (TextRules.MultiLine(summary).Length > MaxSummaryLength) problems.Add(new("summary", $"总体情况不超过 {MaxSummaryLength} 个字"));
        return problems;
    }
}
