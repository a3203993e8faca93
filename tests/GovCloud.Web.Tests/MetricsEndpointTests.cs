using System.Net;
using System.Net.Http.Headers;
using GovCloud.Web.Features.Platform;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>
/// GovCloud's own health for the Center's Prometheus: /metrics in Prometheus format, only to the scrape token or a listed
/// address — everyone else, signed in or not, finds nothing there; the gauges report what the database holds.
/// </summary>
public abstract class MetricsEndpointTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Token = "scrape-8f3a1c0e9b7d";

    [Fact]
    public async Task Metrics_answer_the_scrape_token_only()
    {
        await using var app = new GovCloudApp(provider, settings: new Dictionary<string, string?> { ["GovCloud:Metrics:ScrapeToken"] = Token });

        // Without the token, with another one, or signed in as the administrator: nothing there (not a sign-in page either).
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics", Ct)).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(wrong, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("admin")).GetAsync("/metrics", Ct)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        var response = await anonymous.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        // What a scrape holds is tested on the published app against a real Prometheus (GovCloud.E2E MetricsScrapeTests): the hosts
        // side by side in this process all feed every host's exporter.
    }

    [Fact]
    public async Task The_clocks_and_inbox_gauges_report_what_the_database_holds()
    {
        await using var app = new GovCloudApp(provider);
        // A request submitted: the Center's evaluation clock runs and the Center is told.
        var (edu, draft) = await app.DraftAsync();
        await ApplicationKit.SubmittedAsync(edu, draft);
        var (running, unread) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GovCloud.Web.Infrastructure.Data.GovCloudDbContext>();
            await sp.GetRequiredService<GovCloudMetrics>().CountAsync(db, Ct);
            return (await db.DeadlineClocks.CountAsync(c => c.State == GovCloud.Domain.Clocks.ClockState.Running, Ct), await db.Notifications.CountAsync(n => n.ReadAt == null, Ct));
        });
        Assert.True(running > 0 && unread > 0);

        // This host's instruments only (its meter factory), read as a scrape would.
        var factory = app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var seen = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == GovCloudMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen[instrument.Name + string.Concat(tags.ToArray().Select(t => $"|{t.Key}={t.Value}"))] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(running, seen["govcloud.clocks.open|state=running"]);
        Assert.Equal(0, seen["govcloud.clocks.open|state=overdue"]);
        Assert.Equal(unread, seen["govcloud.inbox.unread"]);
    }

    [Fact]
    public void The_address_list_takes_addresses_and_networks_of_either_family()
    {
        var options = new MetricsOptions { AllowedAddresses = ["10.0.0.0/24", "192.168.1.5", "fd00::/8"] };
        Assert.True(options.Allows(null, IPAddress.Parse("10.0.0.77")));
        Assert.True(options.Allows(null, IPAddress.Parse("::ffff:192.168.1.5")));
        Assert.True(options.Allows(null, IPAddress.Parse("fd00::1")));
        Assert.False(options.Allows(null, IPAddress.Parse("10.0.1.1")));
        Assert.False(options.Allows(null, IPAddress.Parse("192.168.1.6")));
        Assert.False(options.Allows("Bearer anything", null));
        Assert.False(new MetricsOptions().Enabled);
    }
}

public sealed class MetricsEndpointOnSqlite() : MetricsEndpointTests(Provider.Sqlite);
public sealed class MetricsEndpointOnPostgres() : MetricsEndpointTests(Provider.PostgreSql);
