using GovCloud.Domain.Organisations;
using GovCloud.Domain.Supervision;

namespace GovCloud.Domain.Tests;

// the Bureau inspects regularly with the Cyberspace Office, the Confidential Office and Public Security.
public class InspectionRulesTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly InspectionTargetText Agency = new(Guid.NewGuid(), OrganisationType.Agency, null);
    private static readonly InspectionTargetText Cloud = new(Guid.NewGuid(), OrganisationType.Center, null);
    private static readonly string[] Checklist = ["口令与身份鉴别", "安全审计"];

    [Fact]
    public void R_25_1_a_plan_names_its_period_targets_participants_and_checklist()
    {
        Assert.Empty(InspectionRules.ValidatePlan("2026 年第四季度联合安全检查", Day, Day.AddDays(14), [Agency, Cloud],
            [OrganisationType.PublicSecurity, OrganisationType.Center], Checklist));
        Assert.Equal(["name", "startsOn", "endsOn", "targets", "participants", "checklist"],
            InspectionRules.ValidatePlan(" ", null, null, [], [], []).Select(p => p.Field));
        Assert.Equal("结束日期不能早于开始日期",
            InspectionRules.ValidatePlan("检查", Day, Day.AddDays(-1), [Agency], [OrganisationType.PublicSecurity], Checklist).Single().Message);
    }

    [Fact]
    public void R_25_1_targets_are_agencies_or_the_cloud_and_participants_are_regulators_or_the_center()
    {
        Assert.Equal("第 1 个检查对象须为使用单位或云平台（信息化中心）",
            InspectionRules.ValidatePlan("检查", Day, Day, [new(Guid.NewGuid(), OrganisationType.Finance, null)], [OrganisationType.PublicSecurity], Checklist).Single().Message);
        Assert.Equal("检查对象有重复",
            InspectionRules.ValidatePlan("检查", Day, Day, [Agency, Agency], [OrganisationType.PublicSecurity], Checklist).Single().Message);
        Assert.Equal("参加检查的须为网信、保密、公安等监管部门或信息化中心",
            InspectionRules.ValidatePlan("检查", Day, Day, [Agency], [OrganisationType.Finance], Checklist).Single().Message);
    }

    [Fact]
    public void R_25_1_a_finding_names_a_checklist_item_its_risk_and_what_was_found_while_the_inspection_is_open()
    {
        Assert.Empty(InspectionRules.ValidateFinding(InspectionState.Planned, "安全审计", Checklist, RiskLevel.High, "数据库未开启审计"));
        Assert.Equal(["checklistItem", "risk", "description"],
            InspectionRules.ValidateFinding(InspectionState.Planned, "", Checklist, null, null).Select(p => p.Field));
        Assert.Equal("检查内容须为本次检查所列的一项",
            InspectionRules.ValidateFinding(InspectionState.Planned, "机房消防", Checklist, RiskLevel.Low, "x").Single().Message);
        Assert.Equal("检查已结束，不能再记录问题",
            InspectionRules.ValidateFinding(InspectionState.Completed, "安全审计", Checklist, RiskLevel.Low, "x").Single().Message);
    }
}
