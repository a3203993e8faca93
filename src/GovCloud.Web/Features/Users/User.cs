using GovCloud.Domain.Security;
using GovCloud.Web.Features.Organisations;
using Microsoft.AspNetCore.Identity;

namespace GovCloud.Web.Features.Users;

/// <summary>A person who signs in. Identity keeps the password hash, lockout and security stamp.</summary>
public sealed class User : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>A one-time password (bootstrap, created or reset by an admin) must be changed at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The second factor's TOTP secret, encrypted with the data-protection keys; null while the user has none.</summary>
    public string? SecondFactorSecret { get; set; }
    public DateTimeOffset? SecondFactorSince { get; set; }
    /// <summary>The last 30-second step a code was accepted for: the same code is never accepted twice.</summary>
    public long SecondFactorLastStep { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
    public List<UserRole> Roles { get; set; } = [];
}

/// <summary>One role a user holds, within the user's organisation.</summary>
public sealed class UserRole
{
    public Guid UserId { get; set; }
    public Role Role { get; set; }
}
