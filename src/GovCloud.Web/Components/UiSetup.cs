using AntDesign;

namespace GovCloud.Web.Components;

public static class UiSetup
{
    public static IServiceCollection AddGovCloudUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddAntDesign();
        LocaleProvider.SetLocale("zh-CN");
        return services;
    }

    public static WebApplication MapGovCloudUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        // Our own CSP already says frame-ancestors 'none'; Blazor's laxer second header would only add noise.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            // HEAD answers as GET does (monitors and proxies check pages with it); the server sends no body.
            .Add(page =>
            {
                if (page.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault() is { } methods && methods.HttpMethods.Contains("GET") && !methods.HttpMethods.Contains("HEAD"))
                {
                    page.Metadata.Remove(methods);
                    page.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, "HEAD"]));
                }
            });
        return app;
    }
}
