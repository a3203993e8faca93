using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GovCloud.Web.Tests.Support;

namespace GovCloud.E2E;

/// <summary>
/// R-22.1, GovCloud's own health: the published app scraped by a real Prometheus with the configured token, as the Center's monitoring
/// would, and every panel of the Grafana dashboard in docs/ queried against what was scraped.
/// </summary>
public sealed class MetricsScrapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Token = "scrape-0c4e7d2a91f6";

    [Fact]
    public async Task Prometheus_scrapes_the_published_app_with_its_token_and_every_dashboard_panel_finds_its_series()
    {
        // Jobs every 5 seconds here (a minute by default), so that the job panels have runs to show.
        await using var app = await PublishedProcess.StartAsync(new Dictionary<string, string>
        {
            ["GovCloud__Metrics__ScrapeToken"] = Token, ["GovCloud__Deadlines__SweepIntervalSeconds"] = "5",
        }, Ct);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{app.Url}/metrics", Ct)).StatusCode);
        // Some requests to count: the sign-in page and an API call answered 401.
        await http.GetAsync($"{app.Url}/account/login", Ct);
        await http.GetAsync($"{app.Url}/api/v1/incidents", Ct);

        await using var prometheus = await PrometheusServer.StartAsync(scrapeTarget: new Uri(app.Url).Authority, ct: Ct, scrapeToken: Token, scrapeJob: "govcloud");
        async Task<JsonElement> QueryAsync(string expr)
        {
            using var answer = JsonDocument.Parse(await http.GetStringAsync($"{prometheus.Url}/api/v1/query?query={Uri.EscapeDataString(expr)}", Ct));
            Assert.Equal("success", answer.RootElement.GetProperty("status").GetString());
            return answer.RootElement.GetProperty("data").GetProperty("result").Clone();
        }

        // The target is up, and has run the deadline sweep and counted the clocks, with some scrapes to take rates over.
        for (var i = 0; ; i++)
        {
            var up = await QueryAsync("up{job=\"govcloud\"} == 1");
            var swept = await QueryAsync("count_over_time(govcloud_job_runs_total{task=\"Deadline sweep\",outcome=\"ok\"}[1m]) >= 5");
            var counted = await QueryAsync("govcloud_job_runs_total{task=\"Metrics count\",outcome=\"ok\"}");
            if (up.GetArrayLength() > 0 && swept.GetArrayLength() > 0 && counted.GetArrayLength() > 0) break;
            Assert.True(i < 90, "Prometheus has not scraped the sweep in 45 s:\n" + app.Log[^Math.Min(app.Log.Length, 3000)..]);
            await Task.Delay(500, Ct);
        }
        // The demo's clocks run and its messages wait to be read.
        Assert.True((await QueryAsync("govcloud_clocks_open{state=\"running\"} > 0")).GetArrayLength() > 0);
        Assert.True((await QueryAsync("govcloud_inbox_unread > 0")).GetArrayLength() > 0);

        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "grafana", "govcloud-dashboard.json"), Ct));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var expr = target.GetProperty("expr").GetString()!.Replace("$job", "govcloud").Replace("$instance", ".*");
                var result = await QueryAsync(expr);
                // The import panels show something once a spreadsheet was imported; every other panel shows at once.
                if (!expr.Contains("govcloud_import_"))
                    Assert.True(result.GetArrayLength() > 0, $"{panel.GetProperty("title")}: {expr} found nothing");
            }
    }
}
