using System.Net.Mail;
using System.Text.RegularExpressions;

namespace GovCloud.Domain.Organisations;

/// <summary>What a contact's mobile number and e-mail must look like, wherever a contact is entered.</summary>
public static partial class ContactRules
{
    /// <summary>A mainland mobile number: 11 digits starting with 1 (spaces around it do not count).</summary>
    public static bool IsMobile(string? text) => text is not null && Mobile().IsMatch(text.Trim());

    /// <summary>A mobile number, or a fixed line with or without its area code and extension (0772-2801234, 2801234-8001).</summary>
    public static bool IsPhone(string? text) => text is not null && (IsMobile(text) || FixedLine().IsMatch(text.Trim()));

    /// <summary>An address mail can be sent to, of at most 100 characters.</summary>
    public static bool IsEmail(string? text) => text is not null && text.Trim().Length <= 100 && MailAddress.TryCreate(text.Trim(), out _);

    /// <summary>
    /// A phone number as shown to whoever does not need it whole: a mobile keeps its first three and last four digits
    /// (138****0001), a fixed line its area code and last four (0772-***1234); "、"-joined lists are masked one by one.
    /// </summary>
    public static string? MaskPhone(string? text) => MaskEach(text, one =>
    {
        var digits = Normalise(one);
        if (IsMobile(digits)) return $"{digits[..3]}****{digits[^4..]}";
        var dash = one.IndexOf('-');
        var area = dash > 0 && one.StartsWith('0') ? one[..(dash + 1)] : "";
        return one.Length <= 4 ? "****" : area + "***" + one[^4..];
    });

    /// <summary>An e-mail address as shown to whoever does not need it whole: its first character and the domain (z***@liuzhou.gov.cn).</summary>
    public static string? MaskEmail(string? text) => MaskEach(text, one =>
    {
        var at = one.IndexOf('@');
        return at <= 0 ? "***" : one[..1] + "***" + one[at..];
    });

    /// <summary>
    /// A phone number as it is searched for: digits only, without the country code (+86 138 0000 0001 and 138-0000-0001 are one
    /// number). The search index is a keyed hash of this, so a number is found however it was typed.
    /// </summary>
    public static string Normalise(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("86")) digits = digits[2..];
        if (digits.Length == 15 && digits.StartsWith("0086")) digits = digits[4..];
        return digits;
    }

    private static string? MaskEach(string? text, Func<string, string> mask) =>
        string.IsNullOrWhiteSpace(text) ? text : string.Join("、", text.Split('、').Select(p => p.Trim()).Select(p => p.Length == 0 ? p : mask(p)));

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")]
    private static partial Regex FixedLine();
}
