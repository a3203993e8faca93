using GovCloud.Domain.Calendar;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Domain.Work;

namespace GovCloud.Domain.Tests;

// risks found get deadlines for rectification: the Center pushes agencies with problems to rectify;
// notices from the Bureau, the regulators or the Center are acted on by their deadline.
public class RectificationRulesTests
{
    private static readonly NoticeItemText[] OneItem = [new("未开启数据库审计日志", RiskLevel.High)];

    [Theory]
    [InlineData(OrganisationType.Bureau, OrganisationType.Agency, true)]
    [InlineData(OrganisationType.PublicSecurity, OrganisationType.Agency, true)]
    [InlineData(OrganisationType.ConfidentialOffice, OrganisationType.CountyDepartment, true)]
    [InlineData(OrganisationType.CyberspaceOffice, OrganisationType.County, true)]
    [InlineData(OrganisationType.Center, OrganisationType.Agency, true)]
    [InlineData(OrganisationType.Bureau, OrganisationType.Center, true)]
    [InlineData(OrganisationType.PublicSecurity, OrganisationType.Center, true)]
    [InlineData(OrganisationType.Center, OrganisationType.Center, false)]
    [InlineData(OrganisationType.Agency, OrganisationType.Agency, false)]
    [InlineData(OrganisationType.Finance, OrganisationType.Agency, false)]
    [InlineData(OrganisationType.Bureau, OrganisationType.PublicSecurity, false)]
    [InlineData(OrganisationType.Bureau, OrganisationType.Finance, false)]
    public void R_29_1_the_bureau_the_center_and_the_regulators_issue_to_agencies_and_for_the_cloud_to_the_center(
        OrganisationType issuer, OrganisationType recipient, bool allowed) =>
        Assert.Equal(allowed, RectificationRules.WhyNotAddressable(issuer, recipient) is null);

    [Fact]
    public void R_25_1_a_notice_holds_a_title_its_basis_items_with_their_risk_a_period_and_a_contact()
    {
        Assert.Empty(RectificationRules.ValidateNotice("关于限期整改网络安全问题的通知", "《中华人民共和国网络安全法》第二十一条", OneItem, 15, PeriodUnit.WorkingDays,
            "张警官", "0772-2801234"));
        Assert.Equal(["title", "legalBasis", "items", "periodUnit", "periodLength", "contactName", "contactPhone"],
            RectificationRules.ValidateNotice(" ", null, [], null, null, null, null).Select(p => p.Field));
        var wrong = RectificationRules.ValidateNotice("通知", "依据", [new("", RiskLevel.Low), new("弱口令", null)], 400, PeriodUnit.CalendarDays, "李", "12345");
        Assert.Equal(["items[0].text", "items[1].risk", "periodLength", "contactPhone"], wrong.Select(p => p.Field));
        Assert.Equal("第 1 项：请填写问题及整改要求", wrong[0].Message);
        Assert.Equal("整改期限须为 1 至 365 天", wrong[2].Message);
        Assert.Equal("整改期限按工作日或自然日计算",
            RectificationRules.ValidateNotice("通知", "依据", OneItem, 1, PeriodUnit.Months, "李", "13800000000").Single().Message);
        Assert.Equal("一份通知书最多 30 项整改事项",
            RectificationRules.ValidateNotice("通知", "依据", Enumerable.Repeat(OneItem[0], 31).ToList(), 5, PeriodUnit.WorkingDays, "李", "13800000000").Single().Message);
    }

    [Fact]
    public void R_29_1_the_number_follows_its_issuers_pattern_and_a_pattern_must_hold_year_and_number()
    {
        Assert.Equal("柳大数安整〔2026〕12号", RectificationRules.Number("柳大数安整〔{year}〕{seq}号", 2026, 12));
        Assert.Null(RectificationRules.CheckPattern("柳公网安〔{year}〕{seq}号"));
        Assert.NotNull(RectificationRules.CheckPattern("柳公网安〔2026〕{seq}号"));
        Assert.NotNull(RectificationRules.CheckPattern(""));
    }

    [Fact]
    public void R_29_1_an_item_is_answered_then_accepted_or_reopened_with_a_reason_and_answered_again()
    {
        Assert.Empty(RectificationRules.ValidateResponse(ItemState.Pending, "已开启审计并留存 6 个月"));
        Assert.Empty(RectificationRules.ValidateResponse(ItemState.Reopened, "已补充留存策略"));
        Assert.Equal(["state"], RectificationRules.ValidateResponse(ItemState.Answered, "再答一次").Select(p => p.Field));
        Assert.Equal("该事项已核验通过，无需再答复", RectificationRules.ValidateResponse(ItemState.Accepted, "x").Single().Message);
        Assert.Equal("请填写整改情况", RectificationRules.ValidateResponse(ItemState.Pending, "\u200b ").Single().Message);

        Assert.Empty(RectificationRules.ValidateVerification(ItemState.Answered, Verdict.Accept, null));
        Assert.Equal("退回重改须写明理由", RectificationRules.ValidateVerification(ItemState.Answered, Verdict.Reopen, " ").Single().Message);
        Assert.Equal("该事项尚未答复，不能核验", RectificationRules.ValidateVerification(ItemState.Pending, Verdict.Accept, null).Single().Message);
        Assert.Equal((ItemState.Accepted, ItemState.Reopened), (RectificationRules.After(Verdict.Accept), RectificationRules.After(Verdict.Reopen)));
    }

    [Fact]
    public void R_29_1_a_notice_closes_with_its_last_accepted_item_and_the_recipients_clock_stands_while_only_the_issuer_acts()
    {
        Assert.Equal(RectificationState.Open, RectificationRules.StateOf([ItemState.Accepted, ItemState.Answered]));
        Assert.Equal(RectificationState.Closed, RectificationRules.StateOf([ItemState.Accepted, ItemState.Accepted]));
        Assert.True(RectificationRules.RecipientsTurn([ItemState.Accepted, ItemState.Reopened]));
        Assert.False(RectificationRules.RecipientsTurn([ItemState.Accepted, ItemState.Answered]));
    }

    [Fact]
    public void R_29_1_the_recipient_answers_and_the_issuer_checks_in_their_turn()
    {
        var waiting = WaitingFor.Rectification([ItemState.Pending, ItemState.Answered], Role.AgencySecurityOfficer, Role.Inspector);
        Assert.Equal([new Waiting(Party.Agency, Role.AgencySecurityOfficer, "整改并逐项答复"), new Waiting(Party.Issuer, Role.Inspector, "核验整改情况")], waiting);
        Assert.Empty(WaitingFor.Rectification([ItemState.Accepted], Role.AgencySecurityOfficer, Role.Inspector));
        Assert.Equal((Role.Inspector, Role.BureauApprover, Role.CenterOperator, Role.AgencySecurityOfficer),
            (RectificationRules.ActingRole(OrganisationType.PublicSecurity), RectificationRules.ActingRole(OrganisationType.Bureau),
                RectificationRules.ActingRole(OrganisationType.Center), RectificationRules.ActingRole(OrganisationType.CountyDepartment)));
    }

    [Fact]
    public void R_30_1_the_on_time_rate_counts_closed_notices_and_those_already_overdue()
    {
        Assert.Equal(75.0m, RectificationRules.OnTimeRate(3, 0, 1));
        Assert.Equal(50.0m, RectificationRules.OnTimeRate(1, 1, 0));
        Assert.Null(RectificationRules.OnTimeRate(0, 0, 0));
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(30, "三十")]
    public void Items_are_numbered_as_an_official_document_numbers_them(int n, string expected) =>
        Assert.Equal(expected, RectificationRules.ChineseOrdinal(n));

    [Theory]
    [InlineData("0772-2801234", true)]
    [InlineData("2801234", true)]
    [InlineData("13800000000", true)]
    [InlineData("0772-2801234-8001", true)]
    [InlineData("12345", false)]
    [InlineData("电话", false)]
    public void A_contact_phone_is_a_mobile_or_a_fixed_line(string phone, bool ok) => Assert.Equal(ok, ContactRules.IsPhone(phone));
}
