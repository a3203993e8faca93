using GovCloud.Web.Features.Auth;
using Microsoft.AspNetCore.Mvc;

namespace GovCloud.Web.Features.Account;

/// <summary>The sign-in cookie's plain HTTP endpoints (the pages themselves are Razor components).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();

        // A form post with the antiforgery token, so no other site can sign a user out.
        // The session ends on the server: a copy of the cookie is refused from now on, on every instance.
        group.MapPost("/logout", async ([FromForm] string? returnUrl, HttpContext http, SessionService sessions) =>
        {
            await sessions.EndAsync(http, "退出登录");
            return Results.Redirect("/account/login");
        }).AllowAnonymous();

        // Activity in the interactive UI pings this to slide the idle timeout of the cookie.
        group.MapGet("/keepalive", () => Results.NoContent());
        return app;
    }
}
