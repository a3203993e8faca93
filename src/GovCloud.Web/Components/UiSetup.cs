using AntDesign;

namespace GovCloud.Web.Components;

public static class UiSetup
{
    public static IServiceCollection AddGovCloudUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntDesign();
        LocaleProvider.SetLocale("zh-CN");
        return services;
    }

    public static WebApplication MapGovCloudUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
