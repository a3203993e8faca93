using GovCloud.Domain.Security;

namespace GovCloud.Domain.Tests;

// Foundation sign-in rule: ≥ 10 characters, 3 of 4 classes, not containing the user name.
public class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new();

    [Theory]
    [InlineData("Liuzhou2026")]      // upper, lower, digit
    [InlineData("liuzhou#2026")]     // lower, digit, symbol
    [InlineData("LIUZHOU#2026")]     // upper, digit, symbol
    [InlineData("Gov@Cloud@Lz")]     // upper, lower, symbol
    public void A_long_password_with_three_classes_is_accepted(string password) =>
        Assert.Empty(Policy.Check("edu", password));

    [Fact]
    public void Nine_characters_are_too_few() =>
        Assert.Contains("密码长度至少 10 位", Policy.Check("edu", "Liuzhou#1"));

    [Theory]
    [InlineData("liuzhoucity")]
    [InlineData("liuzhou2026")]
    [InlineData("LIUZHOU2026")]
    [InlineData("2026#2026#2026")]
    public void Two_classes_are_not_enough(string password) =>
        Assert.Contains(Policy.Check("edu", password), e => e.Contains("至少 3 类"));

    [Fact]
    public void The_user_name_may_not_appear_in_any_case() =>
        Assert.Contains("密码不能包含用户名", Policy.Check("health", "HEALTH#2026x"));

    [Fact]
    public void An_empty_password_is_refused() =>
        Assert.Equal(["密码不能为空"], Policy.Check("edu", ""));

    [Fact]
    public void The_numbers_are_configuration()
    {
        var strict = new PasswordPolicy(MinLength: 14, MinCharacterClasses: 4);
        Assert.NotEmpty(strict.Check("edu", "Liuzhou#2026"));   // 12 long
        Assert.Empty(strict.Check("edu", "Liuzhou#2026#Gx"));
    }
}
