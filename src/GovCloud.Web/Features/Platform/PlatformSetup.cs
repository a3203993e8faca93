using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;

namespace GovCloud.Web.Features.Platform;

/// <summary>What every request gets whatever the area: logs, telemetry, health, OpenAPI, security headers.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddGovCloudLogging(this WebApplicationBuilder builder)
    {
        // JSON lines on the console, one per event, with the request id from ASP.NET Core's log scope.
        builder.Services.AddSerilog((_, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter()));
        return builder;
    }

    /// <summary>
    /// Traces and metrics; exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, and scraped in Prometheus format at /metrics
    /// when GovCloud:Metrics names who may (see <see cref="MapMetrics"/>).
    /// </summary>
    public static WebApplicationBuilder AddGovCloudTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GovCloudMetrics>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("GovCloud"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(GovCloudMetrics.MeterName).AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
        return builder;
    }

    public static IServiceCollection AddGovCloudHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<GovCloudDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// /metrics for the Center's Prometheus: only with the scrape token or from a listed address; otherwise 404, as when it is not
    /// configured (it is outside the sign-in, so it must not answer anyone else).
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (http, next) =>
        {
            var metrics = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Infrastructure.GovCloudOptions>>().Value.Metrics;
            if (!metrics.Enabled || !metrics.Allows(http.Request.Headers.Authorization, http.Connection.RemoteIpAddress))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        }));
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("柳州市政务云管理平台 API")).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The one inline handler AntDesign writes (ondragover="event.preventDefault();" on every tab), allowed by its hash
    /// alone: without it each tab page logged a refusal, and no other inline script runs.
    /// </summary>
    public const string TabDragOverHash = "'sha256-3TGu3MXeXy11eUrHvptBo1UVsvdEkIojBrR41fi1sqM='";

    /// <summary>CSP and friends on every response; the API reference page needs inline script, nothing else does.</summary>
    /// <remarks>Set as the response starts, so that error answers (whose handler clears the headers) carry them too.</remarks>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var script = http.Request.Path.StartsWithSegments("/scalar") ? "'self' 'unsafe-inline'" : $"'self' 'unsafe-hashes' {TabDragOverHash}";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next(http);
    });
}
