using GovCloud.Domain;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Security;

namespace GovCloud.Domain.Tests;

/// <summary>Input hygiene, 三员分立 and the second factor as plain rules.</summary>
public class TextRulesTests
{
    [Theory]
    [InlineData("\u202Egpj.exe.pdf", "gpj.exe.pdf")]
    [InlineData("a\r\nb\nc", "a b c")]
    [InlineData("\u0000\u200B\uFEFF", "")]
    [InlineData("  王\u00A0五  ", "王 五")]
    public void A_one_line_text_keeps_only_what_is_visible(string typed, string kept) => Assert.Equal(kept, TextRules.OneLine(typed));

    [Fact]
    public void Several_lines_keep_their_breaks_but_lose_controls_and_bidi_overrides() =>
        Assert.Equal("第一行\n第二行", TextRules.MultiLine("\u202E第一行\r\n第二行\u0007 "));

    [Theory]
    [InlineData("\u200B\u200B", true)]
    [InlineData("\t\r\n", true)]
    [InlineData("x", false)]
    public void Blank_means_nothing_visible(string text, bool blank) => Assert.Equal(blank, TextRules.IsBlank(text));

    [Fact]
    public void Dates_of_year_1_and_9999_are_not_plausible()
    {
        var range = PlausibleDates.Around(new DateOnly(2026, 12, 1), new DateOnly(1990, 1, 1), 30);
        Assert.NotNull(range.Check(DateOnly.MinValue, "日期"));
        Assert.NotNull(range.Check(DateOnly.MaxValue, "日期"));
        Assert.Null(range.Check(new DateOnly(2056, 12, 1), "日期"));
        Assert.Equal("租期止须在 1990-01-01 至 2056-12-01 之间", range.Check(new DateOnly(2056, 12, 2), "租期止"));
    }

    [Fact]
    public void GB22239_only_changes_that_touch_the_administrators_need_a_second_administrator()
    {
        Assert.True(AdminApproval.NeedsApproval(AccountChangeKind.CreateUser, [], [Role.AuditAdmin], false));
        Assert.False(AdminApproval.NeedsApproval(AccountChangeKind.CreateUser, [], [Role.AgencyOperator], false));
        Assert.True(AdminApproval.NeedsApproval(AccountChangeKind.UpdateUser, [Role.BureauApprover], [Role.SecurityAdmin], false));
        Assert.True(AdminApproval.NeedsApproval(AccountChangeKind.UpdateUser, [Role.AuditAdmin], [Role.AuditAdmin], deactivates: true));
        Assert.False(AdminApproval.NeedsApproval(AccountChangeKind.UpdateUser, [Role.AuditAdmin], [Role.AuditAdmin], false));
        Assert.True(AdminApproval.NeedsApproval(AccountChangeKind.ResetPassword, [Role.SecurityAdmin], [Role.SecurityAdmin], false));
        Assert.False(AdminApproval.NeedsApproval(AccountChangeKind.ResetPassword, [Role.CenterOperator], [Role.CenterOperator], false));
    }

    [Fact]
    public void GB22239_a_request_is_decided_by_an_administrator_of_another_role_never_by_its_requester()
    {
        var requester = Guid.NewGuid();
        Guid? target = Guid.NewGuid();
        Assert.NotNull(AdminApproval.CheckDecider(requester, [Role.SystemAdmin], target, requester, [Role.SystemAdmin]));
        Assert.NotNull(AdminApproval.CheckDecider(requester, [Role.SystemAdmin], target, Guid.NewGuid(), [Role.SystemAdmin]));
        Assert.NotNull(AdminApproval.CheckDecider(requester, [Role.SystemAdmin], target, Guid.NewGuid(), [Role.BureauApprover]));
        Assert.Null(AdminApproval.CheckDecider(requester, [Role.SystemAdmin], target, Guid.NewGuid(), [Role.AuditAdmin]));
        // The audit administrator whose own role is being changed does not approve it.
        Assert.Equal("三员分立：不能审批涉及本人账号的申请", AdminApproval.CheckDecider(requester, [Role.SystemAdmin], target, target.Value, [Role.AuditAdmin]));
        Assert.Null(AdminApproval.CheckDecider(requester, [Role.SystemAdmin], null, Guid.NewGuid(), [Role.AuditAdmin]));
        Assert.True(AdminApproval.IsSettingUp([Role.SystemAdmin, Role.AgencyOperator]));
        Assert.False(AdminApproval.IsSettingUp([Role.SystemAdmin, Role.AuditAdmin]));
    }

    [Fact]
    public void GB22239_the_second_factor_roles_come_from_configuration()
    {
        var roles = SecondFactorRules.ParseRoles(SecondFactorRules.DefaultRequiredRoles);
        Assert.True(SecondFactorRules.IsRequired([Role.BureauApprover], roles));
        Assert.False(SecondFactorRules.IsRequired([Role.AgencyOperator], roles));
        Assert.False(SecondFactorRules.IsRequired([Role.PlatformAgent], roles));
        Assert.Empty(SecondFactorRules.ParseRoles(""));
        Assert.Throws<ArgumentException>(() => SecondFactorRules.ParseRoles("Boss"));
        Assert.Equal("123456", SecondFactorRules.Normalise(" １２３ ４５６ "));
        Assert.Equal("ABCDEFGH23", SecondFactorRules.Normalise("abcde-fgh23"));
    }
}
