using GovCloud.Domain.Organisations;

namespace GovCloud.Domain.Tests;

/// <summary>R-27.1: personal information is desensitised where it is shown to whoever does not need it whole.</summary>
public sealed class ContactMaskingTests
{
    [Theory]
    [InlineData("13800000001", "138****0001")]
    [InlineData(" 138 0000 0001 ", "138****0001")]
    [InlineData("+86 138-0000-0001", "138****0001")]
    [InlineData("0772-2801234", "0772-***1234")]
    [InlineData("2801234", "***1234")]
    [InlineData("123", "****")]
    [InlineData("13800000001、13800000002", "138****0001、138****0002")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void R_27_1_a_phone_keeps_only_what_tells_it_apart(string? phone, string? shown) =>
        Assert.Equal(shown, ContactRules.MaskPhone(phone));

    [Theory]
    [InlineData("zhangsan@liuzhou.gov.cn", "z***@liuzhou.gov.cn")]
    [InlineData("a@b.cn、lisi@example.com", "a***@b.cn、l***@example.com")]
    [InlineData("not-an-address", "***")]
    [InlineData(null, null)]
    public void R_27_1_an_e_mail_keeps_its_first_letter_and_domain(string? email, string? shown) =>
        Assert.Equal(shown, ContactRules.MaskEmail(email));

    [Theory]
    [InlineData("138 0000 0001", "13800000001")]
    [InlineData("+86 138-0000-0001", "13800000001")]
    [InlineData("0086 13800000001", "13800000001")]
    [InlineData("0772-2801234", "07722801234")]
    [InlineData("+86 772 2801234", "07722801234")]
    [InlineData("(0772) 2801234", "07722801234")]
    [InlineData("0086 772 2801234", "07722801234")]
    [InlineData("０７７２－２８０１２３４", "07722801234")]
    [InlineData("（0772）2801234", "07722801234")]
    public void R_27_1_a_number_is_searched_for_by_its_digits_without_the_country_code(string typed, string digits) =>
        Assert.Equal(digits, ContactRules.Normalise(typed));

    [Theory]
    [InlineData("0772-2801234", "2801234")]
    [InlineData("2801234", "2801234")]
    [InlineData("+86 772 2801234", "2801234")]
    [InlineData("0771-2801234", "07712801234")]
    [InlineData("13800000001", "13800000001")]
    public void R_27_1_in_the_citys_own_area_a_fixed_line_is_found_without_its_area_code(string typed, string digits) =>
        Assert.Equal(digits, ContactRules.Normalise(typed, "0772"));

    [Theory]
    [InlineData("138****0001", "13800000001", "13800000001")]
    [InlineData("z***@liuzhou.gov.cn", "zhangsan@liuzhou.gov.cn", "zhangsan@liuzhou.gov.cn")]
    [InlineData("13800000002", "13800000001", "13800000002")]
    [InlineData("a***@liuzhou.gov.cn", "zhangsan@liuzhou.gov.cn", "a***@liuzhou.gov.cn")]
    [InlineData(null, "13800000001", null)]
    [InlineData("138****0001", null, "138****0001")]
    public void R_27_1_a_masked_value_sent_back_keeps_the_stored_one(string? incoming, string? stored, string? kept) =>
        Assert.Equal(kept, ContactRules.KeptIfMasked(incoming, stored));
}
