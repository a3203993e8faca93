using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GovCloud.Web.Features.Account;

/// <summary>The sign-in cookie's plain HTTP endpoints (the pages themselves are Razor components).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();

        // A form post with the antiforgery token, so no other site can sign a user out.
        group.MapPost("/logout", async ([FromForm] string? returnUrl, HttpContext http, SignInManager<User> signIns,
            AuditLog audit, GovCloudDbContext db) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
            {
                var actor = Actor.From(http);
                audit.Record(actor, AuditActions.SignOut, nameof(User), actor.UserId);
                await db.SaveChangesAsync(http.RequestAborted);
            }
            await signIns.SignOutAsync();
            return Results.Redirect("/account/login");
        }).AllowAnonymous();

        // Activity in the interactive UI pings this to slide the idle timeout of the cookie.
        group.MapGet("/keepalive", () => Results.NoContent());
        return app;
    }
}
