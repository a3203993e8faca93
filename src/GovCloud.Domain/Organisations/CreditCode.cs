using GovCloud.Domain;
namespace GovCloud.Domain.Organisations;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet, the last one a
/// check character over the first 17 (weights 3^i mod 31).
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when the code is valid, else the Chinese reason.</summary>
    public static string? Check(string? code)
    {
        if (TextRules.IsBlank(code)) return "统一社会信用代码不能为空";
        if (code.Length != 18) return "统一社会信用代码应为18位";
        foreach (var c in code)
            if (Alphabet.IndexOf(c) < 0) return $"统一社会信用代码含有非法字符“{c}”（只能是数字和除 I、O、Z、S、V 以外的大写字母）";
        return CheckCharacter(code[..17]) == code[17] ? null : "统一社会信用代码校验位不正确";
    }

    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(string first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要17位", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }
}
