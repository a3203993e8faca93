using GovCloud.Domain.DataAccess;

namespace GovCloud.Domain.Tests;

// nobody views or changes an agency's hosts, databases or storage without the agency's grant.
public class AccessGrantRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly AccessLimits Limits = new();

    [Fact]
    public void R_28_1_a_request_names_its_purpose_case_mode_targets_and_a_window_within_the_limits()
    {
        Assert.Empty(AccessGrantRules.ValidateRequest("排查数据库慢查询", AccessMode.Read, AccessTicketKind.Change, "BG2026-0001", null, 8, 2, Now, Limits));
        Assert.Equal(["purpose", "mode", "ticketKind", "ticketNumber", "hours", "targets"],
            AccessGrantRules.ValidateRequest(" ", null, null, "", null, null, 0, Now, Limits).Select(p => p.Field));
        Assert.Equal("访问时长须为 1 至 8 小时",
            AccessGrantRules.ValidateRequest("排查", AccessMode.Read, AccessTicketKind.Change, "BG2026-0001", null, 9, 1, Now, Limits).Single().Message);
        Assert.Equal("访问时长须为 1 至 12 小时",
            AccessGrantRules.ValidateRequest("排查", AccessMode.Read, AccessTicketKind.Change, "BG2026-0001", null, 13, 1, Now, Limits with { MaxHours = 12 }).Single().Message);
        Assert.Equal("开始时间不能早于现在",
            AccessGrantRules.ValidateRequest("排查", AccessMode.Read, AccessTicketKind.Change, "BG2026-0001", Now.AddHours(-1), 2, 1, Now, Limits).Single().Message);
        Assert.Equal("开始时间不能晚于 7 天之后",
            AccessGrantRules.ValidateRequest("排查", AccessMode.Read, AccessTicketKind.Change, "BG2026-0001", Now.AddDays(8), 2, 1, Now, Limits).Single().Message);
        Assert.Equal("targets",
            AccessGrantRules.ValidateRequest("排查", AccessMode.Read, AccessTicketKind.Change, "BG2026-0001", null, 2, AccessGrantRules.MaxTargets + 1, Now, Limits).Single().Field);
        Assert.Equal("请选择只读或变更",
            AccessGrantRules.ValidateRequest("排查", (AccessMode)7, AccessTicketKind.Change, "BG2026-0001", null, 2, 1, Now, Limits).Single().Message);
    }

    [Fact]
    public void R_28_1_an_emergency_access_gives_its_reason_and_lasts_at_most_the_emergency_window()
    {
        Assert.Empty(AccessGrantRules.ValidateEmergency("核心业务中断，需立即登录排查", AccessMode.Change, 2, 1, Limits));
        Assert.Equal(["reason", "hours"], AccessGrantRules.ValidateEmergency("", AccessMode.Change, 3, 1, Limits).Select(p => p.Field));
        Assert.Equal("访问时长须为 1 至 2 小时", AccessGrantRules.ValidateEmergency("中断", AccessMode.Read, 3, 1, Limits).Single().Message);
    }

    [Fact]
    public void R_28_1_a_grant_is_in_force_only_between_its_start_and_end_once_approved()
    {
        var (start, end) = AccessGrantRules.Window(Now.AddHours(1), 4, Now);
        Assert.Equal((Now.AddHours(1), Now.AddHours(5)), (start, end));
        Assert.Equal((Now, Now.AddHours(2)), AccessGrantRules.Window(null, 2, Now));

        Assert.Equal(AccessGrantStanding.Waiting, AccessGrantRules.Standing(AccessGrantState.Requested, start, end, Now));
        Assert.Equal(AccessGrantStanding.Ended, AccessGrantRules.Standing(AccessGrantState.Requested, start, end, end));
        Assert.Equal(AccessGrantStanding.NotYetStarted, AccessGrantRules.Standing(AccessGrantState.Approved, start, end, Now));
        Assert.Equal(AccessGrantStanding.InForce, AccessGrantRules.Standing(AccessGrantState.Approved, start, end, start));
        Assert.Equal(AccessGrantStanding.Ended, AccessGrantRules.Standing(AccessGrantState.Approved, start, end, end));
        Assert.Equal(AccessGrantStanding.Revoked, AccessGrantRules.Standing(AccessGrantState.Revoked, start, end, start));
    }

    [Fact]
    public void R_28_1_the_check_allows_only_a_grant_in_force_and_a_change_only_by_a_change_grant()
    {
        var (start, end) = (Now, Now.AddHours(8));
        Assert.Equal(AccessCheckOutcome.Allowed, AccessGrantRules.Check(AccessGrantState.Approved, AccessMode.Read, start, end, AccessMode.Read, Now.AddHours(1)));
        Assert.Equal(AccessCheckOutcome.ReadOnly, AccessGrantRules.Check(AccessGrantState.Approved, AccessMode.Read, start, end, AccessMode.Change, Now.AddHours(1)));
        Assert.Equal(AccessCheckOutcome.Allowed, AccessGrantRules.Check(AccessGrantState.Approved, AccessMode.Change, start, end, AccessMode.Read, Now.AddHours(1)));
        Assert.Equal(AccessCheckOutcome.NotInForce, AccessGrantRules.Check(AccessGrantState.Approved, AccessMode.Change, start, end, AccessMode.Read, end));
        Assert.Equal(AccessCheckOutcome.NotInForce, AccessGrantRules.Check(AccessGrantState.Revoked, AccessMode.Change, start, end, AccessMode.Read, Now));
        Assert.Equal(AccessCheckOutcome.NotInForce, AccessGrantRules.Check(AccessGrantState.Requested, AccessMode.Change, start, end, AccessMode.Read, Now));

        Assert.Equal(AccessCheckOutcome.NoGrant, AccessGrantRules.Best([]));
        Assert.Equal(AccessCheckOutcome.Allowed, AccessGrantRules.Best([AccessCheckOutcome.NotInForce, AccessCheckOutcome.Allowed]));
        Assert.Equal(AccessCheckOutcome.ReadOnly, AccessGrantRules.Best([AccessCheckOutcome.NotInForce, AccessCheckOutcome.ReadOnly, AccessCheckOutcome.NotInForce]));
    }

    [Fact]
    public void R_26_2_the_agency_decides_a_waiting_request_revokes_a_grant_not_over_and_reviews_an_emergency_once()
    {
        Assert.Null(AccessGrantRules.WhyNotDecide(AccessGrantState.Requested, Now.AddHours(1), Now));
        Assert.Equal("申请的访问时段已过，无需再审批", AccessGrantRules.WhyNotDecide(AccessGrantState.Requested, Now, Now));
        Assert.Equal("该申请已处理，不能再审批", AccessGrantRules.WhyNotDecide(AccessGrantState.Approved, Now.AddHours(1), Now));
        Assert.Null(AccessGrantRules.WhyNotRevoke(AccessGrantState.Approved, Now.AddHours(1), Now));
        Assert.Equal("授权已到期，无需撤销", AccessGrantRules.WhyNotRevoke(AccessGrantState.Approved, Now, Now));
        Assert.Equal("只能撤销已批准的授权", AccessGrantRules.WhyNotRevoke(AccessGrantState.Revoked, Now.AddHours(1), Now));
        Assert.Null(AccessGrantRules.WhyNotWithdraw(AccessGrantState.Requested));
        Assert.NotNull(AccessGrantRules.WhyNotWithdraw(AccessGrantState.Approved));

        Assert.Empty(AccessGrantRules.ValidateReview(true, null, EmergencyReview.Accepted, null));
        Assert.Equal("有异议时请写明异议内容", AccessGrantRules.ValidateReview(true, null, EmergencyReview.Disputed, " ").Single().Message);
        Assert.Equal("该应急访问已审查", AccessGrantRules.ValidateReview(true, EmergencyReview.Accepted, EmergencyReview.Accepted, null).Single().Message);
        Assert.Equal("只有应急访问需要事后审查", AccessGrantRules.ValidateReview(false, null, EmergencyReview.Accepted, null).Single().Message);
    }
}

// the Center signs a confidentiality agreement with each agency; formal use waits for one in force.
public class ConfidentialityRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void R_26_2_an_agreement_is_signed_by_today_and_runs_from_one_day_to_a_later_one_within_ten_years()
    {
        Assert.Empty(ConfidentialityRules.Validate(Today, Today, Today.AddYears(3), Today));
        Assert.Equal(["signedOn", "validFrom", "validTo"], ConfidentialityRules.Validate(null, null, null, Today).Select(p => p.Field));
        Assert.Equal("签订日期不能晚于今天", ConfidentialityRules.Validate(Today.AddDays(1), Today, Today.AddYears(1), Today).Single().Message);
        Assert.Equal("有效期截止日须晚于起始日", ConfidentialityRules.Validate(Today, Today, Today, Today).Single().Message);
        Assert.Equal("有效期不超过 10 年", ConfidentialityRules.Validate(Today, Today, Today.AddYears(30), Today).Single().Message);
    }

    [Fact]
    public void R_26_2_the_standing_follows_the_periods_and_a_renewal_carries_the_cover_on()
    {
        Assert.Equal((AgreementStanding.None, (DateOnly?)null), ConfidentialityRules.Standing([], Today, 60));
        Assert.Equal(AgreementStanding.Valid, ConfidentialityRules.Standing([(Today.AddYears(-1), Today.AddYears(1))], Today, 60).Standing);
        Assert.Equal(AgreementStanding.ExpiringSoon, ConfidentialityRules.Standing([(Today.AddYears(-1), Today.AddDays(30))], Today, 60).Standing);
        Assert.Equal((AgreementStanding.Valid, (DateOnly?)Today.AddYears(3)),
            ConfidentialityRules.Standing([(Today.AddYears(-1), Today.AddDays(30)), (Today.AddDays(31), Today.AddYears(3))], Today, 60));
        Assert.Equal(AgreementStanding.Expired, ConfidentialityRules.Standing([(Today.AddYears(-3), Today.AddDays(-1))], Today, 60).Standing);
        Assert.Equal(AgreementStanding.NotYetValid, ConfidentialityRules.Standing([(Today.AddDays(5), Today.AddYears(1))], Today, 60).Standing);

        Assert.Null(ConfidentialityRules.BlockerOfFormalUse(AgreementStanding.ExpiringSoon, "市教育局"));
        Assert.Equal("市教育局尚未与信息化中心签订保密协议，签订后才能正式开通", ConfidentialityRules.BlockerOfFormalUse(AgreementStanding.None, "市教育局"));
        Assert.Equal("市教育局与信息化中心的保密协议已过期，须续签后才能正式开通", ConfidentialityRules.BlockerOfFormalUse(AgreementStanding.Expired, "市教育局"));
    }
}
