using Microsoft.AspNetCore.Antiforgery;

namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>
/// A browser sends the sign-in cookie with every request to this site, also with one that a page of another site, or
/// of another application under the same domain, makes in the user's name. A state-changing API call authenticated by
/// the cookie must therefore come from this site (its Origin, or else its Referer, says so) and carry the antiforgery
/// token (header X-CSRF-TOKEN, from GET /api/v1/auth/antiforgery). Calls with a bearer token are not affected: no
/// browser adds one by itself. The pages of the product call services directly and never need this.
/// </summary>
public static class CrossSiteRequests
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IServiceCollection AddCrossSiteProtection(this IServiceCollection services) =>
        services.AddAntiforgery(o => o.HeaderName = HeaderName);

    public static IApplicationBuilder UseCrossSiteProtection(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsCookieWrite(http))
        {
            if (!FromThisSite(http.Request))
                throw ProblemException.Forbidden("跨站请求被拒绝：使用登录 Cookie 修改数据的请求须来自本站（Origin 或 Referer 与本站一致）");
            if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
                throw ProblemException.Forbidden($"缺少或无效的防伪令牌：使用登录 Cookie 修改数据时，须在请求头 {HeaderName} 中附上 GET /api/v1/auth/antiforgery 返回的令牌");
        }
        await next(http);
    });

    private static bool IsCookieWrite(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        && http.User.Identity?.IsAuthenticated == true
        && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The request's Origin (or, without one, its Referer) is this site: same scheme, host and port.</summary>
    private static bool FromThisSite(HttpRequest request)
    {
        var source = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : request.Headers.Referer.ToString();
        if (!Uri.TryCreate(source, UriKind.Absolute, out var from)) return false;
        return string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
