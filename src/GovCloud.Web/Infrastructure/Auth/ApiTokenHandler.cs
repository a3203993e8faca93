using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>Authenticates "Authorization: Bearer …" against the stored, revocable <see cref="ApiToken"/>s.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GovCloudDbContext db,
    IOptions<GovCloudOptions> settings,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GovCloudToken";

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new random token: 256 bits, URL-safe.</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = HashOf(header["Bearer ".Length..].Trim());
        var now = clock.GetUtcNow();
        // The token, its user and the user's organisation in one read, the roles in a second: a machine account (the bastion)
        // calls for every operator session, so each round trip counts.
        var found = await (from t in db.ApiTokens.AsNoTracking()
                           where t.Hash == hash
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           join o in db.Organisations.AsNoTracking() on u.OrganisationId equals o.Id
                           select new { t.Id, t.RevokedAt, t.ExpiresAt, User = u, Organisation = o.Name, o.Type })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now)
            return AuthenticateResult.Fail("令牌无效、已过期或已吊销");
        var user = found.User;
        if (!user.IsActive || user.LockoutEnd > now)
            return AuthenticateResult.Fail("账号不可用");
        var roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.Role).ToListAsync(Context.RequestAborted);
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName!));
        GovCloudClaimsFactory.AddGovCloudClaims(identity, user, found.Organisation, found.Type, roles,
            GovCloud.Domain.Security.SecondFactorRules.ParseRoles(settings.Value.Security.SecondFactorRoles));
        identity.AddClaim(new Claim(GovCloudClaims.TokenId, found.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
