using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Tests;

// Art. 21 / Annex 2: the resource application process, its attachments, the Center's opinion and the fee estimate.
public class ApplicationFlowTests
{
    private static readonly IReadOnlySet<Role> Agency = new HashSet<Role> { Role.AgencyOperator };
    private static readonly IReadOnlySet<Role> Center = new HashSet<Role> { Role.CenterEvaluator, Role.CenterOperator };
    private static readonly IReadOnlySet<Role> Bureau = new HashSet<Role> { Role.BureauApprover };

    [Theory]
    [InlineData(ApplicationState.Draft)]
    [InlineData(ApplicationState.Returned)]
    public void R_21_1_the_agency_submits_a_draft_or_a_returned_application(ApplicationState from) =>
        Assert.Equal(ApplicationState.Submitted, ApplicationFlow.Decide(ApplicationAction.Submit, from, Agency).To);

    [Fact]
    public void R_21_2_only_the_center_evaluates_and_only_a_submitted_application()
    {
        Assert.Equal(ApplicationState.Evaluated, ApplicationFlow.Decide(ApplicationAction.Evaluate, ApplicationState.Submitted, Center).To);
        var byAgency = ApplicationFlow.Decide(ApplicationAction.Evaluate, ApplicationState.Submitted, Agency);
        Assert.Equal(RefusalKind.Role, byAgency.Refusal!.Kind);
        Assert.Equal("只有信息化建设管理中心评估人员可以评估申请", byAgency.Refusal.Message);
        var draft = ApplicationFlow.Decide(ApplicationAction.Evaluate, ApplicationState.Draft, Center);
        Assert.Equal(RefusalKind.State, draft.Refusal!.Kind);
        Assert.Equal("申请当前为“草稿”，不能评估", draft.Refusal.Message);
    }

    [Theory]
    [InlineData(ApplicationAction.Approve, ApplicationState.Approved)]
    [InlineData(ApplicationAction.Reject, ApplicationState.Rejected)]
    public void R_21_3_the_bureau_decides_after_the_evaluation(ApplicationAction action, ApplicationState to)
    {
        Assert.Equal(to, ApplicationFlow.Decide(action, ApplicationState.Evaluated, Bureau).To);
        Assert.Equal(RefusalKind.State, ApplicationFlow.Decide(action, ApplicationState.Submitted, Bureau).Refusal!.Kind);
        Assert.Equal(RefusalKind.Role, ApplicationFlow.Decide(action, ApplicationState.Evaluated, Center).Refusal!.Kind);
    }

    [Fact]
    public void R_A2_the_center_returns_while_evaluating_and_the_bureau_while_deciding()
    {
        Assert.Equal(ApplicationState.Returned, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.Submitted, Center).To);
        Assert.Equal(ApplicationState.Returned, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.Evaluated, Bureau).To);
        Assert.Equal(RefusalKind.Role, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.Evaluated, Center).Refusal!.Kind);
        Assert.Equal(RefusalKind.State, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.Approved, Bureau).Refusal!.Kind);
    }

    [Fact]
    public void R_11_a_county_departments_application_goes_to_the_city_through_its_county_government()
    {
        // Art. 5: 县区部门由各县区政府统一向市政务云申请资源.
        var department = new ApplicationRoute(ThroughCounty: true, ActorIsCountyGovernment: false);
        var county = new ApplicationRoute(ThroughCounty: true, ActorIsCountyGovernment: true);
        Assert.Equal(ApplicationState.AwaitingCounty, ApplicationFlow.Decide(ApplicationAction.Submit, ApplicationState.Draft, Agency, department).To);
        Assert.Equal(ApplicationState.AwaitingCounty, ApplicationFlow.Decide(ApplicationAction.Submit, ApplicationState.Returned, Agency, department).To);
        Assert.Equal("待县区审核", ApplicationState.AwaitingCounty.DisplayName());
        // The department cannot push it on itself, nor return it to itself; the county does both.
        Assert.Equal("申请当前为“待县区审核”，不能提交",
            ApplicationFlow.Decide(ApplicationAction.Submit, ApplicationState.AwaitingCounty, Agency, department).Refusal!.Message);
        Assert.Equal(RefusalKind.Role, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.AwaitingCounty, Agency, department).Refusal!.Kind);
        Assert.Equal(ApplicationState.Submitted, ApplicationFlow.Decide(ApplicationAction.Submit, ApplicationState.AwaitingCounty, Agency, county).To);
        Assert.Equal(ApplicationState.Returned, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.AwaitingCounty, Agency, county).To);
        // Nobody else acts for the county: not the Center, not the Bureau.
        Assert.Equal(RefusalKind.Role, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.AwaitingCounty, Center).Refusal!.Kind);
        Assert.Equal(RefusalKind.Role, ApplicationFlow.Decide(ApplicationAction.Return, ApplicationState.AwaitingCounty, Bureau).Refusal!.Kind);
        // A county department's application is not the agency's to edit while the county reviews it.
        Assert.False(ApplicationFlow.IsEditable(ApplicationState.AwaitingCounty));
        Assert.True(ApplicationFlow.IsInProgress(ApplicationState.AwaitingCounty));
        // A municipal agency (or the county for itself) still submits straight to the Center.
        Assert.Equal(ApplicationState.Submitted, ApplicationFlow.Decide(ApplicationAction.Submit, ApplicationState.Draft, Agency, ApplicationRoute.Direct).To);
    }

    [Fact]
    public void A_closed_application_cannot_be_submitted_again()
    {
        Assert.False(ApplicationFlow.IsEditable(ApplicationState.Approved));
        Assert.Equal("申请当前为“已批准”，不能提交", ApplicationFlow.Decide(ApplicationAction.Submit, ApplicationState.Approved, Agency).Refusal!.Message);
    }

    [Fact]
    public void R_21_1_an_existing_system_attaches_its_plan_and_test_reports_a_new_one_its_approval_and_plan()
    {
        Assert.Equal([AttachmentKind.PerformanceTestReport, AttachmentKind.SecurityTestReport],
            AttachmentRules.Missing(SystemKind.Existing, [AttachmentKind.MigrationPlan, AttachmentKind.Other]));
        Assert.Equal([AttachmentKind.ProjectApproval, AttachmentKind.ProjectPlan], AttachmentRules.Missing(SystemKind.Upgraded, [AttachmentKind.MigrationPlan]));
        Assert.Empty(AttachmentRules.Missing(SystemKind.New, [AttachmentKind.ProjectPlan, AttachmentKind.ProjectApproval]));
    }

    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void R_21_2_every_row_gets_a_decision_and_adjust_or_refuse_give_reasons()
    {
        var problems = EvaluationRules.Validate(SystemKind.New, [1, 2, 3], "同意部署", [
            new RowOpinion(1, RowDecision.Agree),
            new RowOpinion(2, RowDecision.Adjust, Reason: "偏大"),
            new RowOpinion(4, RowDecision.Refuse, Reason: "x"),
        ], null, null, Today, new VmLimits());
        Assert.Contains(problems, p => p.Message == "第 2 台虚拟机选择了调整，请填写调整后的配置");
        Assert.Contains(problems, p => p.Message == "第 3 台虚拟机未给出评估结论");
        Assert.Contains(problems, p => p.Message == "申请中没有序号为 4 的虚拟机");

        var refuseWithoutReason = EvaluationRules.Validate(SystemKind.New, [1], "意见", [new RowOpinion(1, RowDecision.Refuse)], null, null, Today, new VmLimits());
        Assert.Equal("第 1 台虚拟机不同意，须说明理由", Assert.Single(refuseWithoutReason).Message);

        var tooBig = EvaluationRules.Validate(SystemKind.New, [1], "意见", [new RowOpinion(1, RowDecision.Adjust, Vcpu: 999, Reason: "r")], null, null, Today, new VmLimits());
        Assert.Equal("rows[1].vcpu", Assert.Single(tooBig).Field);
    }

    [Fact]
    public void R_21_2_an_existing_system_needs_a_site_survey_and_a_recorded_review_names_experts_and_conclusion()
    {
        var rows = new[] { new RowOpinion(1, RowDecision.Agree) };
        var noSurvey = EvaluationRules.Validate(SystemKind.Existing, [1], "意见", rows, null, null, Today, new VmLimits());
        Assert.Equal(["survey.date", "survey.people", "survey.findings"], noSurvey.Select(p => p.Field));
        var future = EvaluationRules.Validate(SystemKind.Existing, [1], "意见", rows, new SiteSurvey(Today.AddDays(1), "刘运", "机房环境良好"), null, Today, new VmLimits());
        Assert.Equal("勘查日期不能晚于今天", Assert.Single(future).Message);
        // A new system's survey is optional, but one recorded has taken place (2040 was accepted).
        var futureOfNew = EvaluationRules.Validate(SystemKind.New, [1], "意见", rows, new SiteSurvey(Today.AddYears(14), "刘运", "机房环境良好"), null, Today, new VmLimits());
        Assert.Equal(("survey.date", "勘查日期不能晚于今天"), (Assert.Single(futureOfNew).Field, futureOfNew[0].Message));
        Assert.Empty(EvaluationRules.Validate(SystemKind.Existing, [1], "意见", rows, new SiteSurvey(Today, "刘运", "机房环境良好"), null, Today, new VmLimits()));

        var halfReview = EvaluationRules.Validate(SystemKind.New, [1], "意见", rows, null, new TechnicalReview("张教授", null, null), Today, new VmLimits());
        Assert.Equal("请填写技术评审结论", Assert.Single(halfReview).Message);
    }

    [Fact]
    public void R_A4_1_the_fee_is_priced_from_the_catalogue_and_an_unpriced_item_is_named_not_guessed()
    {
        var totals = FeeRules.VmTotals([(4, 8, 100, 500), (2, 4, 100, 0)]);
        Assert.Equal((6, 12, 700), totals);
        var prices = new Dictionary<(string, string), (string, string, string, decimal)>
        {
            [("vm", "vcpu")] = ("云虚拟机", "vCPU", "核·月", 30m),
            [("vm", "memory")] = ("云虚拟机", "内存", "GB·月", 12.5m),
            [("vm", "storage")] = ("云虚拟机", "存储", "GB·月", 0.35m),
        };
        var estimate = FeeRules.Estimate(
            [("vm", "vcpu", 6), ("vm", "memory", 12), ("vm", "storage", 700), ("lb", "instance", 1), ("dns", "domain", 0)],
            (item, component) => prices.TryGetValue((item, component), out var p) ? p : null);
        Assert.Equal(6 * 30m + 12 * 12.5m + 700 * 0.35m, estimate.Monthly);
        Assert.Equal(estimate.Monthly * 12, estimate.Yearly);
        Assert.Equal(["lb/instance"], estimate.Unpriced);
    }

    [Fact]
    public void R_A4_1_a_service_is_shown_with_its_quantity_in_the_unit_it_is_billed_by()
    {
        Assert.Equal("数据备份与灾备 500 GB", FeeRules.ServiceQuantity("数据备份与灾备", 500, "GB·月"));
        Assert.Equal("负载均衡 1 个", FeeRules.ServiceQuantity("负载均衡", 1, "个·月"));
        Assert.Equal("对象存储 12,000 GB", FeeRules.ServiceQuantity("对象存储", 12000, "GB/月"));
        Assert.Equal("域名解析 2", FeeRules.ServiceQuantity("域名解析", 2, null)); // unpriced: no unit to say
    }

    [Fact]
    public void R_32_1_a_zone_allows_only_its_server_types_and_os_images()
    {
        var limits = new VmLimits
        {
            ZoneRules = new Dictionary<string, ZoneRule> { ["互联网区"] = new([ServerType.WEB, ServerType.APP], ["麒麟 V10", "统信 UOS"]) },
        };
        VmRequest Row(ServerType type, string os) => new(1, "互联网区", "v", "s", null, type,
            [new BastionOwner("张三", "zs@example.com", "13800000000")], 2, 4, 50, 0, os, false, null, null);
        Assert.Empty(VmRules.Validate([Row(ServerType.WEB, "银河麒麟V10 SP1")], limits));
        var refused = VmRules.Validate([Row(ServerType.DAT, "Windows Server 2019")], limits);
        Assert.Contains(refused, p => p.Message == "网络分区“互联网区”不允许部署 DAT（数据库）类服务器");
        Assert.Contains(refused, p => p.Field == "operatingSystem" && p.Message.Contains("可选：麒麟 V10、统信 UOS"));
    }
}
