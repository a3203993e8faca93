using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Auth;

public static class AuthApi
{
    public sealed record TokenRequest(string? UserName, string? Password, string? Code = null);
    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("登录与令牌");

        group.MapPost("/token", IssueToken)
            .AllowAnonymous()
            .RequireRateLimiting(AuthSetup.SignInRateLimit)
            .WithName("IssueToken")
            .WithSummary("用户名和密码换取访问令牌")
            .WithDescription("用户名不存在、密码错误、账号停用或已锁定，一律返回相同的 401（不泄露账号是否存在或被锁定）；连续失败 5 次后账号锁定 15 分钟（可配置）。" +
                             "已绑定动态口令的用户须同时提供 code（身份验证器 App 中的 6 位数字或一次性恢复码）：缺少时返回 401“需要动态口令”及 secondFactorRequired=true；" +
                             "同一动态口令只能使用一次。须绑定而尚未绑定的用户取得的令牌只能调用 /api/v1/me 下的接口完成绑定。")
            .ProducesProblem(401).ProducesProblem(429);

        group.MapGet("/antiforgery", Antiforgery)
            .WithName("GetAntiforgeryToken").Allow(Access.People)
            .WithSummary("取得防伪令牌：以登录 Cookie（而非访问令牌）调用修改数据的接口时，须在请求头 X-CSRF-TOKEN 中附上它");

        group.MapPost("/sign-out", SignOut)
            .WithName("RevokeCurrentToken").Allow(Access.Everyone)
            .WithSummary("退出：吊销当前使用的访问令牌");

        return app;
    }

    private static async Task<Ok<TokenResponse>> IssueToken(TokenRequest request, HttpContext http, SignInService signIn, TokenService tokens, CancellationToken ct)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var user = await signIn.CheckPasswordAsync(request.UserName, request.Password, ip, ct);
        if (SignInService.NeedsCode(user)) await signIn.CheckCodeAsync(user, request.Code, ip, ct);
        await signIn.CompleteAsync(user, ip, ct);
        var actor = new Actor(user.Id, user.UserName, user.OrganisationId, ip, new HashSet<GovCloud.Domain.Security.Role>());
        var (token, expiresAt) = await tokens.IssueAsync(user.Id, actor, ct);
        return TypedResults.Ok(new TokenResponse(token, expiresAt));
    }

    public sealed record AntiforgeryToken(string RequestToken, string HeaderName);

    private static Ok<AntiforgeryToken> Antiforgery(HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        TypedResults.Ok(new AntiforgeryToken(antiforgery.GetAndStoreTokens(http).RequestToken!, CrossSiteRequests.HeaderName));

    private static async Task<NoContent> SignOut(HttpContext http, TokenService tokens, CancellationToken ct)
    {
        var actor = Actor.From(http);
        if (Guid.TryParse(http.User.FindFirst(GovCloudClaims.TokenId)?.Value, out var tokenId) && actor.UserId is { } userId)
            await tokens.RevokeAsync(userId, tokenId, actor, "退出登录", ct);
        return TypedResults.NoContent();
    }
}
