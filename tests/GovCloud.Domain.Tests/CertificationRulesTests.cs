using GovCloud.Domain.Calendar;
using GovCloud.Domain.DataCenters;

namespace GovCloud.Domain.Tests;

// criteria, R-14.2 retention and migration, R-15.1 transition by size.
public class CertificationRulesTests
{
    private static readonly CertificationCriteria Criteria = new();
    private static readonly WorkCalendar Calendar = BuiltInCalendar.Create();

    private static CentreFacts Good() => new(true, true, true, true, true, true, RoomClass.B, 40m, 6, 2, true, 3, true, true);

    [Fact]
    public void R_13_1_a_centre_meeting_every_threshold_passes_all_five_criteria()
    {
        var results = CertificationRules.Evaluate(Good(), Criteria);
        Assert.Equal([Criterion.Network, Criterion.Technology, Criterion.Scale, Criterion.Operations, Criterion.Security], results.Select(r => r.Criterion));
        Assert.All(results, r => Assert.True(r.Passed));
    }

    [Fact]
    public void R_13_1_39_9_square_metres_and_5_racks_fail_the_scale_criterion_and_say_why()
    {
        var scale = CertificationRules.Evaluate(Good() with { AreaM2 = 39.9m, UsableRacks = 5, RoomClass = RoomClass.C }, Criteria).Single(r => r.Criterion == Criterion.Scale);
        Assert.False(scale.Passed);
        Assert.Equal(["机房等级为C 级，须达到 GB 50174-2017 B 级", "机房面积 39.9 平方米，不足 40 平方米", "可用机柜 5 个，不足 6 个"], scale.Failures);
    }

    [Fact]
    public void R_13_1_a_centre_without_a_cloud_platform_is_not_judged_on_the_platform_and_class_A_is_above_B()
    {
        var results = CertificationRules.Evaluate(Good() with { HasCloudPlatform = false, CloudPlatformConforms = false, HasDataInterface = false, RoomClass = RoomClass.A },
            Criteria);
        Assert.All(results, r => Assert.True(r.Passed));
    }

    [Fact]
    public void R_13_1_operations_and_security_name_what_is_missing()
    {
        var results = CertificationRules.Evaluate(Good() with { FullTimeStaff = 1, Service7x24 = false, MlpsLevel = 2, MlpsAssessmentPassed = false }, Criteria);
        Assert.Equal(["专职运维人员 1 人，不足 2 人", "未提供 7×24 小时运维服务"], results.Single(r => r.Criterion == Criterion.Operations).Failures);
        Assert.Equal(["等级保护为第2级，须达到第3级", "未通过等级保护测评"], results.Single(r => r.Criterion == Criterion.Security).Failures);
    }

    [Fact]
    public void R_13_1_thresholds_are_configuration()
    {
        var county = new CertificationCriteria(MinAreaM2: 30m, MinUsableRacks: 4);
        Assert.True(CertificationRules.Evaluate(Good() with { AreaM2 = 30m, UsableRacks = 4 }, county).Single(r => r.Criterion == Criterion.Scale).Passed);
    }

    [Fact]
    public void R_14_2_certified_on_a_working_day_is_retained_2_years_then_migrated_within_1()
    {
        // Decided Wednesday 2026-03-04: retention ends 2028-03-04 (a Saturday → Monday 2028-03-06), migration a year after that.
        var outcome = CertificationRules.Outcome(Calendar, new DateOnly(2026, 3, 4), true, 8, Criteria);
        Assert.Equal(new DateOnly(2028, 3, 6), outcome.RetentionEndsOn);
        Assert.Equal(new DateOnly(2029, 3, 6), outcome.MigrationDueOn);
        Assert.Null(outcome.TransitionEndsOn);
    }

    [Fact]
    public void R_14_2_a_decision_on_Feb_29_ends_two_years_later_on_Feb_28_or_the_next_working_day()
    {
        // 2028-02-29 is a Tuesday; 2030 has no Feb 29 → 2030-02-28 (a Thursday, a working day).
        var outcome = CertificationRules.Outcome(Calendar, new DateOnly(2028, 2, 29), true, 8, Criteria);
        Assert.Equal(new DateOnly(2030, 2, 28), outcome.RetentionEndsOn);
    }

    [Theory]
    [InlineData(5, 2027)] // ≤ 5 existing racks (5 included): 1 year
    [InlineData(6, 2028)] // otherwise 2 years
    public void R_15_1_not_certified_gives_a_transition_of_1_year_up_to_5_existing_racks_else_2(int racks, int year)
    {
        // Decided 2026-03-04; 2027-03-04 is a Thursday, 2028-03-04 a Saturday (→ Monday the 6th).
        var outcome = CertificationRules.Outcome(Calendar, new DateOnly(2026, 3, 4), false, racks, Criteria);
        Assert.False(outcome.Certified);
        Assert.Equal(year == 2027 ? new DateOnly(2027, 3, 4) : new DateOnly(2028, 3, 6), outcome.TransitionEndsOn);
        Assert.Null(outcome.RetentionEndsOn);
    }

    [Fact]
    public void R_32_1_the_periods_are_configuration_for_a_county()
    {
        // Decided Thursday 2026-03-05: retained 3 years to 2029-03-05 (a Monday), migrated within 2 more to 2031-03-05 (a Wednesday).
        var outcome = CertificationRules.Outcome(Calendar, new DateOnly(2026, 3, 5), true, 8, Criteria, retentionYears: 3, migrationYears: 2);
        Assert.Equal((new DateOnly(2029, 3, 5), new DateOnly(2031, 3, 5)), (outcome.RetentionEndsOn, outcome.MigrationDueOn));
    }

    [Fact]
    public void R_15_1_a_transition_ending_in_the_National_Day_holiday_rolls_past_it()
    {
        // Decided 2025-10-01 (itself a holiday): one year later, 2026-10-01, is in the National Day holiday → 2026-10-08.
        var outcome = CertificationRules.Outcome(Calendar, new DateOnly(2025, 10, 1), false, 3, Criteria);
        Assert.Equal(new DateOnly(2026, 10, 8), outcome.TransitionEndsOn);
    }
}

// violations, R-19.1 leases, R-14.1 who evaluates and decides.
public class DataCenterRulesTests
{
    [Fact]
    public void R_19_1_a_lease_is_never_extended()
    {
        var end = new DateOnly(2027, 6, 30);
        Assert.Null(DataCenterRules.CheckLeaseEnd(end, end));
        Assert.Null(DataCenterRules.CheckLeaseEnd(end, end.AddMonths(-3)));
        Assert.Equal("租用合约期不得延长（原至 2027-06-30，拟至 2027-07-01），已记为违规事项", DataCenterRules.CheckLeaseEnd(end, end.AddDays(1)));
    }

    private static readonly DateOnly Effective = new(2021, 1, 1);
    private static RegisterFacts Room(decimal area = 45m, int existing = 6, int usable = 5, string? since = "2016-01-01") =>
        new(DataCenterKind.SelfBuilt, area, existing, usable, since is null ? null : DateOnly.Parse(since), null);

    [Fact]
    public void R_4_1_a_centre_in_use_after_the_rules_is_new_one_in_use_before_is_not()
    {
        Assert.Empty(DataCenterRules.Violations(null, Room(), Effective));
        Assert.Empty(DataCenterRules.Violations(null, Room(since: "2021-01-01"), Effective));
        var found = Assert.Single(DataCenterRules.Violations(null, Room(since: "2021-01-02"), Effective));
        Assert.Equal(ViolationKind.NewDataCenter, found.Kind);
        Assert.Equal("登记的自建数据中心于 2021-01-02 投入使用，晚于《细则》施行日期 2021-01-01（不得新建数据中心）", found.Description);
    }

    [Fact]
    public void R_4_1_a_lease_begun_after_the_rules_is_a_new_lease()
    {
        var lease = new RegisterFacts(DataCenterKind.Leased, 30m, 4, 4, null, new DateOnly(2023, 5, 1));
        Assert.Equal(ViolationKind.NewLease, Assert.Single(DataCenterRules.Violations(null, lease, Effective)).Kind);
        // Saved again unchanged: found once, not at every save.
        Assert.Empty(DataCenterRules.Violations(lease, lease, Effective));
        Assert.Empty(DataCenterRules.Violations(null, lease with { LeaseStart = new DateOnly(2019, 5, 1) }, Effective));
    }

    [Fact]
    public void R_4_1_more_area_or_racks_is_an_expansion_less_is_not()
    {
        var found = Assert.Single(DataCenterRules.Violations(Room(), Room(area: 50m, existing: 7), Effective));
        Assert.Equal(ViolationKind.Expansion, found.Kind);
        Assert.StartsWith("机房面积由 45 平方米增至 50 平方米；现有机架由 6 个增至 7 个", found.Description);
        Assert.Empty(DataCenterRules.Violations(Room(), Room(area: 40m, existing: 6, usable: 3), Effective));
    }

    [Fact]
    public void R_19_1_an_agency_cannot_change_the_kind_of_its_centre_the_Bureau_corrects_it()
    {
        Assert.Null(DataCenterRules.CheckKindChange(DataCenterKind.Leased, DataCenterKind.Leased, byBureau: false));
        Assert.StartsWith("租用第三方的数据中心不能改登记为自建", DataCenterRules.CheckKindChange(DataCenterKind.Leased, DataCenterKind.SelfBuilt, byBureau: false));
        Assert.StartsWith("数据中心类型登记后不能更改", DataCenterRules.CheckKindChange(DataCenterKind.SelfBuilt, DataCenterKind.Leased, byBureau: false));
        Assert.Null(DataCenterRules.CheckKindChange(DataCenterKind.Leased, DataCenterKind.SelfBuilt, byBureau: true));
    }

    [Fact]
    public void R_4_1_every_forbidden_act_has_a_Chinese_name() =>
        Assert.All(Enum.GetValues<ViolationKind>(), k => Assert.DoesNotContain(k.ToString(), k.DisplayName()));

    [Fact]
    public void R_14_1_the_Center_evaluates_and_the_Bureau_decides_in_that_order()
    {
        var center = new HashSet<GovCloud.Domain.Security.Role> { GovCloud.Domain.Security.Role.CenterEvaluator };
        var bureau = new HashSet<GovCloud.Domain.Security.Role> { GovCloud.Domain.Security.Role.BureauApprover };
        Assert.Null(DataCenterRules.Check(CertificationAction.Evaluate, CertificationState.Submitted, center));
        Assert.Null(DataCenterRules.Check(CertificationAction.Decide, CertificationState.Evaluated, bureau));
        Assert.Equal("只有大数据局审批人员可以认定", DataCenterRules.Check(CertificationAction.Decide, CertificationState.Evaluated, center)!.Message);
        Assert.Equal("认定申请当前为“待评估”，不能认定", DataCenterRules.Check(CertificationAction.Decide, CertificationState.Submitted, bureau)!.Message);
    }
}
