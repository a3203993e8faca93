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
    public static string Normalise(string text, string? localAreaCode = null)
    {
        text = Halfwidth(text);
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var international = digits.StartsWith("0086") ? digits[4..] : text.TrimStart().StartsWith('+') && digits.StartsWith("86") ? digits[2..] : null;
        if (international is null && digits.Length == 13 && digits.StartsWith("86")) international = digits[2..]; // 86 138 0000 0001
        // After the country code a mobile is written whole, a fixed line without its trunk 0 (+86 772 2801234 is 0772-2801234).
        if (international is not null)
            digits = international.StartsWith('1') && international.Length == 11 ? international : "0" + international.TrimStart('0');
        // In the city's own area a fixed line is dialled, and typed, without its area code (2801234 is 0772-2801234).
        if (!string.IsNullOrEmpty(localAreaCode) && digits.StartsWith(localAreaCode) && digits.Length - localAreaCode.Length is 7 or 8)
            digits = digits[localAreaCode.Length..];
        return digits;
    }

    /// <summary>Full-width characters as a Chinese input method types them (０７７２－２８０１２３４, （0772）) in their half-width form.</summary>
    public static string Halfwidth(string text) =>
        new(text.Select(c => c switch { >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), '\u3000' => ' ', _ => c }).ToArray());

    /// <summary>
    /// What to keep when a form or an API call sends back a contact it was shown masked (a list row, an earlier answer): a value
    /// equal to the mask of the stored one means "unchanged", so the stored value is kept rather than overwritten with stars.
    /// </summary>
    public static string? KeptIfMasked(string? incoming, string? stored) =>
        incoming is not null && stored is not null && incoming.Contains('*')
        && (incoming.Trim() == MaskPhone(stored) || incoming.Trim() == MaskEmail(stored)) ? stored : incoming;

    private static string? MaskEach(string? text, Func<string, string> mask) =>
        string.IsNullOrWhiteSpace(text) ? text : string.Join("、", text.Split('、').Select(p => p.Trim()).Select(p => p.Length == 0 ? p : mask(p)));

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")]
    private static partial Regex FixedLine();
}
