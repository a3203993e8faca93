using GovCloud.Domain.Calendar;
using GovCloud.Domain.Provisioning;

namespace GovCloud.Domain.Tests;

// the trial lasts 15–30 calendar days and needs a confirmed agreement and a passed result before formal use.
public class TrialRulesTests
{
    private static readonly TrialLimits Limits = new();

    [Theory]
    [InlineData(15, null)]
    [InlineData(30, null)]
    [InlineData(14, "试用期须为 15 至 30 个自然日")]
    [InlineData(31, "试用期须为 15 至 30 个自然日")]
    [InlineData(null, "请填写试用天数")]
    public void R_21_4_the_trial_lasts_15_to_30_calendar_days(int? days, string? problem) => Assert.Equal(problem, TrialRules.CheckLength(days, Limits));

    [Fact]
    public void R_21_4_the_last_day_counts_calendar_days_from_the_day_after_and_rolls_past_a_holiday()
    {
        var calendar = BuiltInCalendar.Create();
        // Started Monday 2026-03-02: 30 calendar days end on 2026-04-01 (a Wednesday, a working day).
        Assert.Equal(new DateOnly(2026, 4, 1), TrialRules.LastDay(calendar, new DateOnly(2026, 3, 2), 30));
        // Started 2026-09-01: 30 days fall on 2026-10-01, inside the National Day holiday; the last day moves to 2026-10-08.
        Assert.Equal(new DateOnly(2026, 10, 8), TrialRules.LastDay(calendar, new DateOnly(2026, 9, 1), 30));
    }

    [Fact]
    public void R_21_4_an_extension_keeps_the_whole_trial_within_30_days()
    {
        Assert.Null(TrialRules.CheckExtension(15, 15, Limits));
        Assert.Equal("试用期合计不能超过 30 天，最多还能延长 10 天", TrialRules.CheckExtension(20, 11, Limits));
        Assert.StartsWith("试用期已达 30 天上限", TrialRules.CheckExtension(30, 1, Limits));
    }

    [Fact]
    public void R_21_4_formal_use_needs_the_agreement_of_both_sides_and_a_passed_trial()
    {
        Assert.Empty(TrialRules.BlockersOfFormalUse(true, true, TrialResult.Passed));
        Assert.Equal(["信息化建设管理中心尚未确认使用协议", "使用单位尚未报告试用结果"], TrialRules.BlockersOfFormalUse(true, false, null));
        Assert.Equal(["使用单位尚未确认使用协议", "试用发现问题，须整改后重新报告试用通过"], TrialRules.BlockersOfFormalUse(false, true, TrialResult.Problems));
    }
}
