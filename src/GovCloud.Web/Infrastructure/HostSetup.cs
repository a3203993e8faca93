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
    /// <summary>
    /// The published app's own folder when it is started from anywhere else (a systemd unit's WorkingDirectory, a
    /// shell in /srv): its wwwroot and appsettings.json live beside the .dll, not in the working directory. Null (the
    /// default: the working directory) for `dotnet run` and the tests, whose build output has no wwwroot. Data and
    /// uploaded files stay relative to the working directory, as configured.
    /// </summary>
    public static string? PublishedContentRoot()
    {
        var own = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(own, "wwwroot")) && File.Exists(Path.Combine(own, "appsettings.json")) ? own : null;
    }

    public static IServiceCollection AddGovCloudJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new DefinedEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });

    public static IServiceCollection AddGovCloudForwardedHeaders(this IServiceCollection services, IEnumerable<string> trustedProxies) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in trustedProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
        });

    /// <summary>Room in one request for the form fields and multipart headers around the largest file.</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    /// <summary>
    /// The one upload limit (GovCloud:Files:MaxSizeMb) also decides what the server reads of a request: the file plus
    /// room for the form around it is answered normally, a request that says it is larger gets 413 in Chinese naming the
    /// limit. Kestrel's own 28.6 MB default would otherwise refuse files the product promises to take. The server reads up
    /// to twice the limit, so that a client still sending an oversized file receives that answer rather than a broken
    /// connection; beyond that Kestrel cuts the connection.
    /// </summary>
    public static WebApplicationBuilder AddGovCloudUploadLimit(this WebApplicationBuilder builder, FileOptions files)
    {
        var hardCap = 2 * RequestLimit(files);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = hardCap);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = hardCap);
        return builder;
    }

    public static WebApplication UseGovCloudUploadLimit(this WebApplication app, FileOptions files)
    {
        var max = RequestLimit(files);
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > max)
            {
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
                throw ProblemSetup.TooLarge(files.MaxSizeMb);
            }
            await next(http);
        });
        return app;
    }

    private static long RequestLimit(FileOptions files) => files.MaxSizeMb * 1024L * 1024L + FormOverheadBytes;

    /// <summary>
    /// Keys in the database: a cookie issued by one instance is read by every other. Each key's secret is sealed with the
    /// personal-data key (SM4) before it is stored.
    /// </summary>
    public static IServiceCollection AddGovCloudDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("GovCloud").PersistKeysToDbContext<GovCloudDbContext>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Privacy.PersonalDataProtector>((o, protector) => o.XmlEncryptor = new Privacy.Sm4XmlEncryptor(protector));
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
