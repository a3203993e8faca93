using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using GovCloud.Web.Infrastructure.Data;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GovCloud.Web.Infrastructure;

public static class HostSetup
{
    public static IServiceCollection AddGovCloudJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });

    public static IServiceCollection AddGovCloudForwardedHeaders(this IServiceCollection services, IEnumerable<string> trustedProxies) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in trustedProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
        });

    /// <summary>Keys in the database: a cookie issued by one instance is read by every other.</summary>
    public static IServiceCollection AddGovCloudDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("GovCloud").PersistKeysToDbContext<GovCloudDbContext>();
        return services;
    }

    /// <summary>Problem details for the API; a Chinese "not found" page for people.</summary>
    public static WebApplication UseGovCloudErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/health"),
            api => api.UseStatusCodePages());
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/health"),
            ui => ui.UseStatusCodePagesWithReExecute("/not-found"));
        return app;
    }

    public static WebApplication PrintAddressesOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is { Count: > 0 })
                Banner.Show("柳州市政务云管理平台已启动", "访问地址：" + string.Join("  ", addresses), "API 文档：" + addresses.First() + "/scalar");
        });
        return app;
    }
}
