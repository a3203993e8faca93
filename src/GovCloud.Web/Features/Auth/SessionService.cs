using System.Security.Claims;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Auth;

/// <summary>
/// Sign-in cookies as server-side sessions (<see cref="SignInSession"/>): a cookie is honoured only while its
/// session is open, checked on every request, so signing out ends it everywhere at once.
/// </summary>
public sealed class SessionService(GovCloudDbContext db, SignInManager<User> signIns, AuditLog audit, TimeProvider clock)
{
    /// <summary>Opens a session for a user who has just proved who they are, and gives the browser its cookie; returns where to go next.</summary>
    public async Task<ClaimsPrincipal> StartAsync(User user, HttpContext http)
    {
        var methods = user.SecondFactorSecret is null ? "pwd" : "pwd otp";
        var session = new SignInSession
        {
            UserId = user.Id, StartedAt = clock.GetUtcNow(), ClientIp = http.Connection.RemoteIpAddress?.ToString(), Methods = methods,
        };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);
        await signIns.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(GovCloudClaims.SessionId, session.Id.ToString())]);
        return await signIns.CreateUserPrincipalAsync(user);
    }

    /// <summary>
    /// A new session in place of the current one, after the user proved more (set up a second factor): the old session ends,
    /// the new cookie carries what the user may now do.
    /// </summary>
    public async Task<ClaimsPrincipal> RenewAsync(User user, HttpContext http, string reason)
    {
        if (SessionOf(http.User) is { } id) await EndSessionAsync(id, reason, http.RequestAborted);
        return await StartAsync(user, http);
    }

    /// <summary>Ends the session of the cookie the request came with (sign-out), audited, and removes the cookie.</summary>
    public async Task EndAsync(HttpContext http, string reason)
    {
        if (http.User.Identity?.IsAuthenticated == true && SessionOf(http.User) is { } id)
        {
            var actor = Actor.From(http);
            await EndSessionAsync(id, reason, http.RequestAborted);
            audit.Record(actor, AuditActions.SignOut, nameof(User), actor.UserId, after: new { session = id });
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await signIns.SignOutAsync();
    }

    /// <summary>
    /// Between the two steps of a sign-in: the password was right, the code is still to come. A short-lived cookie of its
    /// own (Identity's two-factor cookie, 5 minutes) remembers whose code is awaited; it signs nobody in.
    /// </summary>
    public static Task AwaitCodeAsync(User user, HttpContext http) =>
        http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id.ToString())], IdentityConstants.TwoFactorUserIdScheme)));

    /// <summary>The user whose code is awaited, or null when there is none (or it took longer than 5 minutes).</summary>
    public async Task<User?> AwaitingCodeAsync(HttpContext http)
    {
        var pending = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return Guid.TryParse(pending.Principal?.FindFirstValue(ClaimTypes.Name), out var id) ? await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.IsActive) : null;
    }

    public static Task StopAwaitingCodeAsync(HttpContext http) => http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);

    /// <summary>Where a user goes once signed in: first the one-time password's change, then the second factor's set-up, then where they were going.</summary>
    public static string Next(ClaimsPrincipal principal, string? returnUrl) =>
        principal.HasClaim(c => c.Type == GovCloudClaims.MustChangePassword) ? "/account/change-password"
        : principal.HasClaim(c => c.Type == GovCloudClaims.MustEnrolSecondFactor) ? "/account/second-factor"
        : SafeReturnUrl(returnUrl);

    /// <summary>
    /// Only a path of this site (an open redirect would let a phishing link borrow our sign-in page), escaped as a
    /// Location header must be: a page left with a Chinese search (/systems?q=教育) is where many users return to.
    /// </summary>
    public static string SafeReturnUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Contains('\\') || url.Contains(':') || url.Any(char.IsControl)) return "/";
        var path = new Uri(new Uri("http://localhost"), "/" + url.TrimStart('/')).PathAndQuery;
        return path.StartsWith("//") ? "/" : path; // "/..//evil.example" resolves to a host of its own
    }

    private Task<int> EndSessionAsync(Guid id, string reason, CancellationToken ct) =>
        db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow()).SetProperty(x => x.EndReason, reason), ct);

    public static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(GovCloudClaims.SessionId), out var id) ? id : null;

    /// <summary>
    /// The cookie check of every request (after Identity's own security-stamp check): a cookie without an open session is
    /// refused and removed. One lookup by primary key.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null) return;
        var id = SessionOf(context.Principal);
        var db = context.HttpContext.RequestServices.GetRequiredService<GovCloudDbContext>();
        if (id is { } sid && await db.SignInSessions.AsNoTracking().AnyAsync(s => s.Id == sid && s.EndedAt == null, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>Is the session of an interactive page's principal still open (for pages that stay connected for hours)?</summary>
    public static async Task<bool> IsOpenAsync(GovCloudDbContext db, ClaimsPrincipal principal, CancellationToken ct) =>
        SessionOf(principal) is { } id && await db.SignInSessions.AsNoTracking().AnyAsync(s => s.Id == id && s.EndedAt == null, ct);
}
