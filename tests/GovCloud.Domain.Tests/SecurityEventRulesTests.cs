using GovCloud.Domain.Supervision;

namespace GovCloud.Domain.Tests;

// the Center detects and handles security events and reports the cloud's security state regularly.
public class SecurityEventRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void R_26_1_an_event_names_what_how_severe_when_and_what_happened()
    {
        Assert.Empty(SecurityEventRules.ValidateEvent("SSH 暴力破解", SecurityEventKind.NetworkAttack, SecuritySeverity.General, Now.AddHours(-1), Now, "经过", 1));
        Assert.Equal(["title", "kind", "severity", "occurredAt", "description"],
            SecurityEventRules.ValidateEvent(" ", null, null, null, Now, "", 0).Select(p => p.Field));
        Assert.Equal("发生时间不能晚于现在",
            SecurityEventRules.ValidateEvent("告警", SecurityEventKind.Other, SecuritySeverity.General, Now.AddHours(1), Now, "经过", 0).Single().Message);
        Assert.Equal("请选择事件类别",
            SecurityEventRules.ValidateEvent("告警", (SecurityEventKind)99, SecuritySeverity.General, Now, Now, "经过", 0).Single().Message);
        Assert.Equal("affected", SecurityEventRules.ValidateEvent("告警", SecurityEventKind.Other, SecuritySeverity.General, Now, Now, "经过",
            SecurityEventRules.MaxAffected + 1).Single().Field);
    }

    [Fact]
    public void R_26_1_an_event_closes_with_its_result_after_at_least_one_handling_step_and_takes_no_steps_after()
    {
        Assert.Equal("请先登记至少一条处置措施",
            SecurityEventRules.ValidateClosing(SecurityEventState.Handling, 0, "已阻断", Now.AddHours(-1), Now).Single().Message);
        Assert.Empty(SecurityEventRules.ValidateClosing(SecurityEventState.Handling, 1, "已阻断", Now.AddHours(-1), Now));
        Assert.Equal(["state", "conclusion"], SecurityEventRules.ValidateClosing(SecurityEventState.Closed, 1, " ", Now, Now).Select(p => p.Field));
        Assert.Equal("事件已处置完毕，不能再添加处置措施", SecurityEventRules.ValidateStep(SecurityEventState.Closed, "补记").Single().Message);
    }

    [Theory]
    [InlineData(SecuritySeverity.Critical, true)]
    [InlineData(SecuritySeverity.Major, true)]
    [InlineData(SecuritySeverity.Significant, true)]
    [InlineData(SecuritySeverity.General, false)]
    public void R_26_1_the_regulators_hear_of_events_from_significant_up(SecuritySeverity severity, bool told) =>
        Assert.Equal(told, SecurityEventRules.RegulatorsTold(severity));

    [Theory]
    [InlineData("2026-10-01", "2026-12-31", "政务云安全状况通报（2026年第四季度）")]
    [InlineData("2026-11-01", "2026-11-30", "政务云安全状况通报（2026年11月）")]
    [InlineData("2026-01-01", "2026-12-31", "政务云安全状况通报（2026年度）")]
    [InlineData("2026-11-03", "2026-11-20", "政务云安全状况通报（2026年11月3日至2026年11月20日）")]
    public void R_26_1_a_bulletin_is_titled_by_its_period(string from, string to, string title) =>
        Assert.Equal(title, SecurityEventRules.BulletinTitle(DateOnly.Parse(from), DateOnly.Parse(to)));

    [Fact]
    public void R_26_1_a_bulletin_covers_a_past_period_of_at_most_a_year()
    {
        var today = new DateOnly(2026, 12, 1);
        Assert.Empty(SecurityEventRules.ValidateBulletin(new(2026, 11, 1), new(2026, 11, 30), today, "总体平稳"));
        Assert.Equal("通报期间尚未结束，结束日期不能晚于今天", SecurityEventRules.ValidateBulletin(new(2026, 12, 1), new(2026, 12, 31), today, "总体平稳").Single().Message);
        Assert.Equal("结束日期不能早于开始日期", SecurityEventRules.ValidateBulletin(new(2026, 11, 2), new(2026, 11, 1), today, "总体平稳").Single().Message);
        Assert.Equal("一期通报最长一年", SecurityEventRules.ValidateBulletin(new(2025, 1, 1), new(2026, 11, 30), today, "总体平稳").Single().Message);
        Assert.Equal(["periodFrom", "periodTo", "summary"], SecurityEventRules.ValidateBulletin(null, null, today, " ").Select(p => p.Field));
    }

    [Fact]
    public void R_26_1_a_bulletin_counts_the_events_of_its_period_and_those_still_being_handled_when_it_began()
    {
        DateOnly from = new(2026, 11, 1), to = new(2026, 11, 30);
        Assert.True(SecurityEventRules.InPeriod(new(2026, 11, 5), null, from, to));
        Assert.True(SecurityEventRules.InPeriod(new(2026, 10, 20), null, from, to), "still being handled");
        Assert.True(SecurityEventRules.InPeriod(new(2026, 10, 20), new(2026, 11, 2), from, to), "closed within the period");
        Assert.False(SecurityEventRules.InPeriod(new(2026, 10, 20), new(2026, 10, 25), from, to), "closed before it");
        Assert.False(SecurityEventRules.InPeriod(new(2026, 12, 1), null, from, to), "after it");
    }
}
