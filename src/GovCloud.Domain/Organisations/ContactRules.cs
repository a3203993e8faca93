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

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")]
    private static partial Regex FixedLine();
}
