using GovCloud.Domain.Organisations;

namespace GovCloud.Domain.Tests;

// R-10 / Foundation: agencies carry a 统一社会信用代码 checked by its check character (GB 32100-2015).
public class CreditCodeTests
{
    [Fact]
    public void A_published_example_code_is_accepted() => Assert.Null(CreditCode.Check("91350100M000100Y43"));

    [Theory]
    [InlineData("11450200MB0000001")]
    [InlineData("12450206MB1234567")]
    [InlineData("91450200AAAAAAAAA")]
    public void The_computed_check_character_completes_a_valid_code(string first17) =>
        Assert.Null(CreditCode.Check(first17 + CreditCode.CheckCharacter(first17)));

    [Fact]
    public void Changing_any_character_breaks_the_check()
    {
        const string valid = "91350100M000100Y43";
        for (var i = 0; i < 17; i++)
        {
            var replacement = valid[i] == '1' ? '2' : '1';
            var broken = valid[..i] + replacement + valid[(i + 1)..];
            Assert.Equal("统一社会信用代码校验位不正确", CreditCode.Check(broken));
        }
    }

    [Theory]
    [InlineData(null, "统一社会信用代码不能为空")]
    [InlineData("", "统一社会信用代码不能为空")]
    [InlineData("91350100M000100Y4", "统一社会信用代码应为18位")]
    [InlineData("91350100M000100Y433", "统一社会信用代码应为18位")]
    public void Missing_or_wrong_length_is_explained(string? code, string message) =>
        Assert.Equal(message, CreditCode.Check(code));

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('a')]
    public void Letters_outside_the_alphabet_are_named(char bad)
    {
        var code = "91350100M000100Y4" + bad;
        Assert.Contains($"“{bad}”", CreditCode.Check(code));
    }
}
