using System.Threading.RateLimiting;
using GovCloud.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace GovCloud.Web.Infrastructure.Auth;

public static class AuthSetup
{
    public const string SignInRateLimit = "sign-in";
    private const string PolicyScheme = "GovCloud";

    /// <summary>Cookie for the UI, bearer token for the API; one sign-in rate limit for both.</summary>
    public static IServiceCollection AddGovCloudAuth(this IServiceCollection services, SecurityOptions security)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(PolicyScheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "GovCloud.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            // The API answers 401/403 (problem details from the status-code middleware), never a redirect.
            // Identity's security-stamp check first, then: is the cookie's session still open?
            var stampCheck = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                await stampCheck(ctx);
                await Features.Auth.SessionService.ValidateAsync(ctx);
            };
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, 403);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in Enum.GetValues<Role>())
            services.AddAuthorizationBuilder().AddPolicy(role.ToString(), p => p.RequireRole(role.ToString()));
        foreach (var (area, roles) in AreaPolicies.All)
            services.AddAuthorizationBuilder().AddPolicy(area, p => p.RequireRole(roles.Select(r => r.ToString())));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = 429;
            // Attempts are what is limited: showing the sign-in page is not one (a whole office behind one address opens it).
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("pages"));
            // The API's 429 becomes problem details; a person at the sign-in page gets a page that says what to do.
            o.OnRejected = async (context, ct) =>
            {
                if (context.HttpContext.Request.Path.StartsWithSegments("/api")) return;
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>登录过于频繁</title></head><body style=\"font-family:sans-serif;padding:40px\">" +
                    "<h1 style=\"font-size:20px\">登录尝试过于频繁</h1><p>同一地址一分钟内的登录尝试过多，请一分钟后再试。</p><p><a href=\"/account/login\">返回登录页</a></p></body></html>", ct);
            };
        });
        return services;
    }

    private static Task ApiOr(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A user with a one-time password may only change it, and then a user whose role needs a second factor may only set it
    /// up: pages go to the change-password or the second-factor page, API calls other than those of /me get 403.
    /// </summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var (page, refusal) = http.User.HasClaim(c => c.Type == GovCloudClaims.MustChangePassword)
            ? ("/account/change-password", "请先修改初始密码")
            : http.User.HasClaim(c => c.Type == GovCloudClaims.MustEnrolSecondFactor)
                ? ("/account/second-factor", "您的角色须使用动态口令登录：请先绑定动态口令（POST /api/v1/me/second-factor/setup）")
                : (null, null);
        if (page is not null)
        {
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api"))
            {
                if (!path.StartsWithSegments("/api/v1/me") && !path.StartsWithSegments("/api/v1/auth"))
                    throw ProblemException.Forbidden(refusal!);
            }
            // The one-time password is changed first: the second factor is bound by the account's owner, not by whoever
            // knew the password handed over.
            else if ((!path.StartsWithSegments("/account") || (page == "/account/change-password" && path.StartsWithSegments("/account/second-factor")))
                     && !path.StartsWithSegments("/_framework")
                     && !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/css")
                     && !path.StartsWithSegments("/js") && !path.StartsWithSegments("/health"))
            {
                http.Response.Redirect(page);
                return;
            }
        }
        await next(http);
    });
}
