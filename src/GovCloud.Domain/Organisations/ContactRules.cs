using System.Net.Mail;
using System.Text.RegularExpressions;

namespace GovCloud.Domain.Organisations;

/// <summary>What a contact's mobile number and e-mail must look like, wherever a contact is entered.</summary>
public static partial class ContactRules
{
    /// <summary>A mainland mobile number: 11 digits starting with 1 (spaces around it do not count).</summary>
    public static bool IsMobile(string? text) => text is not null && Mobile().IsMatch(text.Trim());

    /// <summary>An address mail can be sent to, of at most 100 characters.</summary>
    public static bool IsEmail(string? text) => text is not null && text.Trim().Length <= 100 && MailAddress.TryCreate(text.Trim(), out _);

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex Mobile();
}
