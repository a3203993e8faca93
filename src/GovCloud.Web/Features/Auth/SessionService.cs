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
    /// <summary>Opens a session for a user who has just proved who they are, and gives the browser its cookie.</summary>
    public async Task StartAsync(User user, HttpContext http, string methods = "pwd")
    {
        var session = new SignInSession
        {
            UserId = user.Id, StartedAt = clock.GetUtcNow(), ClientIp = http.Connection.RemoteIpAddress?.ToString(), Methods = methods,
        };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);
        await signIns.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(GovCloudClaims.SessionId, session.Id.ToString())]);
    }

    /// <summary>Ends the session of the cookie the request came with (sign-out), audited, and removes the cookie.</summary>
    public async Task EndAsync(HttpContext http, string reason)
    {
        if (http.User.Identity?.IsAuthenticated == true && SessionOf(http.User) is { } id)
        {
            var actor = Actor.From(http);
            await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow()).SetProperty(x => x.EndReason, reason), http.RequestAborted);
            audit.Record(actor, AuditActions.SignOut, nameof(User), actor.UserId, after: new { session = id });
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await signIns.SignOutAsync();
    }

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
