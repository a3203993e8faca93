namespace GovCloud.Domain.Security;

/// <summary>The password rule every account follows; the numbers come from configuration.</summary>
public sealed record PasswordPolicy(int MinLength = 10, int MinCharacterClasses = 3)
{
    /// <summary>The Chinese reasons the password is refused; empty when it is accepted.</summary>
    public IReadOnlyList<string> Check(string userName, string? password)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("密码不能为空");
            return errors;
        }
        if (password.Length < MinLength) errors.Add($"密码长度至少 {MinLength} 位");
        var classes = new[]
        {
            password.Any(char.IsAsciiLetterUpper),
            password.Any(char.IsAsciiLetterLower),
            password.Any(char.IsAsciiDigit),
            password.Any(c => !char.IsAsciiLetterOrDigit(c)),
        }.Count(x => x);
        if (classes < MinCharacterClasses)
            errors.Add($"密码须包含大写字母、小写字母、数字、符号中的至少 {MinCharacterClasses} 类");
        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            errors.Add("密码不能包含用户名");
        return errors;
    }
}
