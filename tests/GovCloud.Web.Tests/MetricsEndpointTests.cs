using System.Net;
using System.Net.Http.Headers;
using GovCloud.Web.Features.Platform;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>
/// GovCloud's own health for the Center's Prometheus (R-22.1): /metrics in Prometheus format, only to the scrape token or a listed
/// address — everyone else, signed in or not, finds nothing there.
/// </summary>
public abstract class MetricsEndpointTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Token = "scrape-8f3a1c0e9b7d";

    [Fact]
    public async Task Metrics_answer_the_scrape_token_only_with_requests_jobs_clocks_and_the_inbox()
    {
        await using var app = new GovCloudApp(provider, settings: new Dictionary<string, string?>
        {
            ["GovCloud:Metrics:ScrapeToken"] = Token, ["GovCloud:Deadlines:SweepIntervalSeconds"] = "5",
        });
        // A request submitted: the Center's evaluation clock runs.
        var (edu, draft) = await app.DraftAsync();
        await ApplicationKit.SubmittedAsync(edu, draft);

        // Without the token, with another one, or signed in as the administrator: nothing there (not a sign-in page either).
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics", Ct)).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(wrong, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("admin")).GetAsync("/metrics", Ct)).StatusCode);

        // The background jobs run every 5 seconds here (once a minute by default): scraped until the deadline sweep has run and the
        // minute's count has caught up with what the database holds.
        var jobRan = new System.Text.RegularExpressions.Regex(@"govcloud_job_runs_total\{[^}]*job=""Deadline sweep"",outcome=""ok""\} [1-9]");
        var text = "";
        int running = 0, unread = 0;
        bool Caught() => jobRan.IsMatch(text) && text.Contains($"state=\"running\"}} {running}\n") && System.Text.RegularExpressions.Regex.IsMatch(text, $@"govcloud_inbox_unread\{{[^}}]*\}} {unread}\n");
        for (var i = 0; i < 150 && (i == 0 || !Caught()); i++)
        {
            if (i > 0) await Task.Delay(200, Ct);
            (running, unread) = await app.WithDbAsync(async db => (
                await db.DeadlineClocks.CountAsync(c => c.State == GovCloud.Domain.Clocks.ClockState.Running, Ct), await db.Notifications.CountAsync(n => n.ReadAt == null, Ct)));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
            var response = await anonymous.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync(Ct);
        }
        // Requests by route and status; the job's runs in buckets of seconds; the clocks and the unread messages as the database has them.
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_response_status_code=""201"",http_route=""/api/v1/applications/""", text);
        Assert.Matches(jobRan, text);
        Assert.Contains("govcloud_job_duration_seconds_bucket{otel_scope_name=\"GovCloud\",job=\"Deadline sweep\",outcome=\"ok\",le=\"0.1\"}", text);
        Assert.True(running > 0 && unread > 0);
        Assert.Matches($@"govcloud_clocks_open\{{[^}}]*state=""running""\}} {running}\n", text);
        Assert.Matches($@"govcloud_inbox_unread\{{[^}}]*\}} {unread}\n", text);
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
