using GovCloud.Web.Features.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace GovCloud.Web.Components;

/// <summary>
/// An interactive page stays connected for hours after its cookie was checked. Every minute it asks whether its
/// sign-in session is still open; when it was ended (signed out elsewhere, revoked by an administrator, password
/// changed) the page loses its user and goes to the sign-in page.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SessionService.IsOpenAsync(scope.ServiceProvider.GetRequiredService<GovCloudDbContext>(), state.User, ct);
    }
}
