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
        var jobRan = new System.Text.RegularExpressions.Regex(@"govcloud_job_runs_total\{[^}]*outcome=""ok"",task=""Deadline sweep""\} [1-9]");
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
        Assert.True(jobRan.IsMatch(text), string.Join("\n", text.Split('\n').Where(l => l.StartsWith("govcloud_job_runs"))));
        Assert.Matches(@"govcloud_job_duration_seconds_bucket\{[^}]*outcome=""ok"",task=""Deadline sweep"",le=""0.1""\}", text);
        Assert.True(running > 0 && unread > 0);
        Assert.Matches($@"govcloud_clocks_open\{{[^}}]*state=""running""\}} {running}\n", text);
        Assert.Matches($@"govcloud_inbox_unread\{{[^}}]*\}} {unread}\n", text);

        await EveryDashboardPanelQueriesAsync(text);
    }

    /// <summary>
    /// The Grafana dashboard in docs/ against a real Prometheus holding two scrapes of this text a minute apart: every panel's query is
    /// valid PromQL and finds series (the import panels only once something was imported).
    /// </summary>
    private static async Task EveryDashboardPanelQueriesAsync(string scraped)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds();
        var history = new System.Text.StringBuilder();
        foreach (var line in scraped.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
            history.Append($"{line} {now - 60}\n{line} {now}\n");
        history.Append("# EOF\n");
        await using var prometheus = await PrometheusServer.StartAsync(history.ToString(), ct: Ct);
        using var dashboard = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "grafana", "govcloud-dashboard.json"), Ct));
        using var http = new HttpClient();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var expr = target.GetProperty("expr").GetString()!.Replace("$job", ".*").Replace("$instance", ".*");
                var body = await http.GetStringAsync($"{prometheus.Url}/api/v1/query?time={now}&query={Uri.EscapeDataString(expr)}", Ct);
                using var answer = System.Text.Json.JsonDocument.Parse(body);
                Assert.Equal("success", answer.RootElement.GetProperty("status").GetString());
                if (!expr.Contains("govcloud_import_"))
                    Assert.True(answer.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0, $"{panel.GetProperty("title")}: {expr} found nothing");
            }
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
