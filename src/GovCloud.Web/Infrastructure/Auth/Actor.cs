using System.Security.Claims;
using GovCloud.Domain.Security;

namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>
/// Who is acting and from where: read from the signed-in principal by the API and by the UI alike,
/// and handed to every service that checks scope or writes the audit log.
/// </summary>
public sealed record Actor(Guid? UserId, string? UserName, Guid? OrganisationId, string? ClientIp, IReadOnlySet<Role> Roles)
{
    /// <summary>The product itself (start-up, bootstrap, demo data).</summary>
    public static readonly Actor System = new(null, "系统", null, null, new HashSet<Role>());

    public bool IsIn(Role role) => Roles.Contains(role);
    public bool IsInAny(params Role[] roles) => roles.Any(Roles.Contains);

    public static Actor From(ClaimsPrincipal principal, string? clientIp)
    {
        var roles = principal.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : (Role?)null)
            .OfType<Role>()
            .ToHashSet();
        return new Actor(
            Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            principal.Identity?.Name,
            Guid.TryParse(principal.FindFirstValue(GovCloudClaims.Organisation), out var org) ? org : null,
            clientIp,
            roles);
    }

    public static Actor From(HttpContext http) => From(http.User, http.Connection.RemoteIpAddress?.ToString());
}

public static class GovCloudClaims
{
    public const string Organisation = "govcloud:org";
    public const string OrganisationName = "govcloud:org_name";
    public const string OrganisationType = "govcloud:org_type";
    public const string DisplayName = "govcloud:display_name";
    public const string MustChangePassword = "govcloud:must_change_password";
    public const string MustEnrolSecondFactor = "govcloud:must_enrol_second_factor";
    public const string TokenId = "govcloud:token";
    /// <summary>The <see cref="SignInSession"/> a sign-in cookie belongs to.</summary>
    public const string SessionId = "govcloud:session";
}
