namespace GovCloud.Domain.Security;

/// <summary>
/// GB/T 22239 level 3 身份鉴别: two factors, one of them cryptographic. The second is a time-based one-time code
/// (TOTP, RFC 6238: six digits, a new one every 30 seconds, from an authenticator app) or one of ten one-time recovery
/// codes. It is required for the roles configuration names (by default the three administrators, the Bureau, the Center
/// and Finance) and optional for everyone else; once a user has one, every sign-in asks for it.
/// </summary>
public static class SecondFactorRules
{
    /// <summary>The roles that must have a second factor by default.</summary>
    public const string DefaultRequiredRoles = "SystemAdmin,SecurityAdmin,AuditAdmin,BureauApprover,CenterEvaluator,CenterOperator,FinanceViewer";

    /// <summary>A code may be from the step before or after the server's (clock skew of ±30 seconds), never older.</summary>
    public const int AllowedSkewSteps = 1;

    public const int RecoveryCodeCount = 10;

    /// <summary>The roles named in configuration ("SystemAdmin,BureauApprover"); unknown names are an error of the configuration.</summary>
    public static IReadOnlySet<Role> ParseRoles(string? configured) =>
        (configured ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(name => Enum.TryParse<Role>(name, ignoreCase: true, out var role) ? role
            : throw new ArgumentException($"GovCloud:Security:SecondFactorRoles 中的角色“{name}”不存在"))
        .ToHashSet();

    public static bool IsRequired(IEnumerable<Role> roles, IReadOnlySet<Role> requiredRoles) => roles.Any(requiredRoles.Contains);

    /// <summary>What a person typed as a code: spaces, hyphens and full-width digits do not matter, letters are capitals.</summary>
    public static string Normalise(string? code) =>
        new((code ?? "").Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : char.ToUpperInvariant(c))
            .Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>Six digits: a code from the app. Anything else is tried as a recovery code.</summary>
    public static bool IsAppCode(string normalised) => normalised.Length == 6 && normalised.All(char.IsAsciiDigit);

    /// <summary>A secret as people copy it by hand: groups of four.</summary>
    public static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(c => new string(c)));
}
