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
        services.AddScoped<PeopleDirectory>();
        LocaleProvider.SetLocale("zh-CN");
        // Date pickers show and read dates as offices type them, 2026-03-01: with the locale's own 2026年3月1日 a typed
        // date was silently dropped, and an old date could only be reached by paging the calendar back year by year.
        foreach (var picker in new[] { LocaleProvider.GetLocale("zh-CN").DatePicker, LocaleProvider.GetLocale("zh-CN").Calendar })
            picker.Lang.DateFormat = "yyyy-MM-dd";
        // A form's own required-field message fits a text box and a list alike: the locale's "请输入…" was wrong under a select.
        LocaleProvider.GetLocale("zh-CN").Form.DefaultValidateMessages.Required = "${label}不能为空";
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
