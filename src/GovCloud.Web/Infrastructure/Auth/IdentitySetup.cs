using System.Security.Claims;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>Puts the user's organisation and roles into the principal, for cookies and tokens alike.</summary>
public sealed class GovCloudClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options, GovCloudDbContext db,
    IOptions<GovCloudOptions> settings)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var org = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == user.OrganisationId)
            .Select(o => new { o.Name, o.Type })
            .FirstAsync();
        var roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.Role).ToListAsync();
        AddGovCloudClaims(identity, user, org.Name, org.Type, roles, SecondFactorRules.ParseRoles(settings.Value.Security.SecondFactorRoles));
        return identity;
    }

    /// <summary>
    /// The claims every GovCloud principal carries, whether a cookie or a token signs it in: the organisation, the display name,
    /// what the account must do first, and the roles. One place, so the two ways in cannot drift apart.
    /// </summary>
    public static void AddGovCloudClaims(ClaimsIdentity identity, User user, string organisationName, GovCloud.Domain.Organisations.OrganisationType organisationType,
        IReadOnlyCollection<Role> roles, IReadOnlySet<Role> secondFactorRoles)
    {
        identity.AddClaim(new Claim(GovCloudClaims.Organisation, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(GovCloudClaims.OrganisationName, organisationName));
        identity.AddClaim(new Claim(GovCloudClaims.OrganisationType, organisationType.ToString()));
        identity.AddClaim(new Claim(GovCloudClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(GovCloudClaims.MustChangePassword, "true"));
        // A role that needs a second factor, and none set up yet: until it is, the account may only set it up.
        if (user.SecondFactorSecret is null && SecondFactorRules.IsRequired(roles, secondFactorRoles))
            identity.AddClaim(new Claim(GovCloudClaims.MustEnrolSecondFactor, "true"));
        foreach (var role in roles) identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
    }
}

/// <summary>The password rule of <see cref="PasswordPolicy"/>, with the numbers from configuration.</summary>
public sealed class GovCloudPasswordValidator(IOptions<GovCloudOptions> options) : IPasswordValidator<User>
{
    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        var s = options.Value.Security;
        var errors = new PasswordPolicy(s.PasswordMinLength, s.PasswordMinCharacterClasses).Check(user.UserName ?? "", password);
        return Task.FromResult(errors.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(errors.Select(e => new IdentityError { Code = "PasswordPolicy", Description = e }).ToArray()));
    }
}

/// <summary>Identity's own messages, in Chinese.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "该用户已被他人修改，请刷新后重试" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "原密码不正确" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "令牌无效" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "用户名只能包含字母、数字和 - . _ @ +" };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"邮箱“{email}”已被使用" };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "邮箱格式不正确" };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "该用户未启用锁定" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码长度至少 {length} 位" };
}

public static class IdentitySetup
{
    public static IServiceCollection AddGovCloudIdentity(this IServiceCollection services, SecurityOptions security)
    {
        services.AddIdentityCore<User>(o =>
            {
                // The whole password rule is GovCloudPasswordValidator's; Identity's own checks are off.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredLength = 1;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<GovCloudDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<GovCloudClaimsFactory>()
            .AddPasswordValidator<GovCloudPasswordValidator>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        // A role change, deactivation or password reset renews the security stamp; cookies notice within a minute.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The renewed cookie keeps what the sign-in put there beyond the user's own claims: its session.
            o.OnRefreshingPrincipal = ctx =>
            {
                var kept = ctx.CurrentPrincipal?.FindFirst(GovCloudClaims.SessionId);
                if (kept is not null && ctx.NewPrincipal?.Identity is ClaimsIdentity identity) identity.AddClaim(new Claim(kept.Type, kept.Value));
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
