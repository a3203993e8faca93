using System.Globalization;
using System.Text;
using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GovCloud.Web.Tests;

/// <summary>
/// R-22.1 against a real Prometheus (Debian's package) on both databases: a day of node_exporter history written into it with promtool
/// is read with the product's default queries, days missed are filled, and a target it scrapes live is read with an operator's own queries.
/// </summary>
public abstract class MonitoringPullTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime);

    /// <summary>The inventory's two VMs of a system in use, given the addresses the history names.</summary>
    private static async Task<(Guid Web, Guid Db, string WebHost)> LiveAsync(GovCloudApp app, string webIp, string dbIp)
    {
        var (_, _, application, _) = await app.LiveAsync();
        return await app.WithDbAsync(async db =>
        {
            var vms = await db.CloudVms.Where(v => v.ApplicationId == application.Id).OrderByDescending(v => v.HostName).ToListAsync(Ct);
            vms[0].Ips = webIp;
            vms[1].Ips = dbIp;
            await db.SaveChangesAsync(Ct);
            return (vms[0].Id, vms[1].Id, vms[0].HostName);
        });
    }

    /// <summary>
    /// node_exporter's series for one day (Beijing time) and a quarter of an hour either side, a point a minute. web: CPU 10 %, memory
    /// 20 % until noon and 40 % after, root file system half full (a tmpfs beside it, full, is not a disk), 1 Mbps in and 2 Mbps out on
    /// eth0 (lo is not counted); db: CPU 80 %, memory 50 %; a third machine no VM of the inventory answers to: CPU 50 %.
    /// </summary>
    private static string History(DateOnly day, string webIp, string dbIp, string strangerIp)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Beijing).ToUnixTimeSeconds();
        var noon = start + 43_200;
        var times = Enumerable.Range(-15, 24 * 60 + 30).Select(m => start + m * 60L).ToList();
        var first = times[0];
        var text = new StringBuilder();
        void Family(string name, string type, IEnumerable<(string Labels, Func<long, double> Value)> series)
        {
            text.Append($"# TYPE {name} {type}\n");
            var sample = type == "counter" ? name + "_total" : name;
            foreach (var (labels, value) in series)
                foreach (var t in times)
                    text.Append(CultureInfo.InvariantCulture, $"{sample}{{{labels}}} {value(t)} {t}\n");
        }
        string I(string ip) => $"instance=\"{ip}:9100\"";
        Family("node_cpu_seconds", "counter", [
            ($"cpu=\"0\",mode=\"idle\",{I(webIp)}", t => 0.9 * (t - first)),
            ($"cpu=\"0\",mode=\"idle\",{I(dbIp)}", t => 0.2 * (t - first)),
            ($"cpu=\"0\",mode=\"idle\",{I(strangerIp)}", t => 0.5 * (t - first)),
        ]);
        Family("node_memory_MemTotal_bytes", "gauge", [($"{I(webIp)}", _ => 8e9), ($"{I(dbIp)}", _ => 8e9)]);
        Family("node_memory_MemAvailable_bytes", "gauge", [($"{I(webIp)}", t => t < noon ? 6.4e9 : 4.8e9), ($"{I(dbIp)}", _ => 4e9)]);
        Family("node_filesystem_size_bytes", "gauge", [($"device=\"/dev/vda1\",fstype=\"ext4\",mountpoint=\"/\",{I(webIp)}", _ => 100e9),
            ($"device=\"tmpfs\",fstype=\"tmpfs\",mountpoint=\"/run\",{I(webIp)}", _ => 1e9)]);
        Family("node_filesystem_avail_bytes", "gauge", [($"device=\"/dev/vda1\",fstype=\"ext4\",mountpoint=\"/\",{I(webIp)}", _ => 50e9),
            ($"device=\"tmpfs\",fstype=\"tmpfs\",mountpoint=\"/run\",{I(webIp)}", _ => 0)]);
        Family("node_network_receive_bytes", "counter", [($"device=\"eth0\",{I(webIp)}", t => 125_000.0 * (t - first)),
            ($"device=\"lo\",{I(webIp)}", t => 9e6 * (t - first))]);
        Family("node_network_transmit_bytes", "counter", [($"device=\"eth0\",{I(webIp)}", t => 250_000.0 * (t - first))]);
        text.Append("# EOF\n");
        return text.ToString();
    }

    [Fact]
    public async Task R_22_1_yesterday_is_read_from_prometheus_with_the_node_exporter_queries_and_a_missed_day_is_filled_later()
    {
        var yesterday = Today.AddDays(-1);
        var net = Random.Shared.Next(1, 250);
        var (webIp, dbIp) = ($"10.251.{net}.21", $"10.251.{net}.22");
        await using var prometheus = await PrometheusServer.StartAsync(History(yesterday, webIp, dbIp, "10.9.9.9"), ct: Ct);
        await using var app = new GovCloudApp(provider, settings: new Dictionary<string, string?>
        {
            ["GovCloud:Monitoring:Sources:0:Name"] = "公共网络区监测",
            ["GovCloud:Monitoring:Sources:0:Zone"] = "公共网络区",
            ["GovCloud:Monitoring:Sources:0:Url"] = prometheus.Url,
            ["GovCloud:Monitoring:PullBackfillDays"] = "3",
            // Yesterday is closed as soon as today begins, whenever the test runs.
            ["GovCloud:Monitoring:PushGraceHours"] = "0",
        });
        var (web, db, _) = await LiveAsync(app, webIp, dbIp);

        var pulled = await app.WithScopeAsync(sp => sp.GetRequiredService<PrometheusPull>().RunAsync(Ct));
        Assert.Equal([yesterday.AddDays(-2), yesterday.AddDays(-1), yesterday], pulled.Select(p => p.Day));
        // The history begins a quarter of an hour before yesterday: the day before has figures too, from that quarter hour alone.
        Assert.Equal([0, 2, 2], pulled.Select(p => p.Vms));
        Assert.True(await app.WithDbAsync(d => d.VmDailyUsage.Where(u => u.Day == yesterday.AddDays(-1)).AllAsync(u => u.Points < 4, Ct)));
        Assert.Equal(1, pulled[^1].Unmatched);

        var rows = await app.WithDbAsync(d => d.VmDailyUsage.Where(u => u.Day == yesterday).ToDictionaryAsync(u => u.VmId, Ct));
        Assert.Equal(2, rows.Count);
        var w = rows[web];
        Assert.Equal((10.0, 10.0, 10.0), (w.CpuAvg, w.CpuP95, w.CpuMax));
        Assert.Equal((30.0, 40.0, 40.0), (w.MemoryAvg, w.MemoryP95, w.MemoryMax));
        Assert.Equal((50.0, 50.0), (w.DiskAvg, w.DiskMax));
        Assert.Equal((1.0, 2.0), (w.NetworkInAvg, w.NetworkOutAvg));
        Assert.Equal(288, w.Points);
        Assert.Equal("公共网络区监测", w.Source);
        Assert.Equal((80.0, 50.0), (rows[db].CpuAvg, rows[db].MemoryAvg));
        Assert.Null(rows[db].DiskAvg);
        var record = await app.WithDbAsync(d => d.UsagePulls.SingleAsync(p => p.Day == yesterday, Ct));
        Assert.Equal("10.9.9.9:9100", record.Unmatched);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "UsagePulled" && a.EntityId == $"公共网络区监测 {yesterday:yyyy-MM-dd}", Ct)));

        // Pulled days are not pulled again; a day lost (GovCloud was down when it closed) is pulled when the job next runs.
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<PrometheusPull>().RunAsync(Ct)));
        await app.WithDbAsync(async d =>
        {
            await d.UsagePulls.Where(p => p.Day == yesterday).ExecuteDeleteAsync(Ct);
            await d.VmDailyUsage.Where(u => u.Day == yesterday).ExecuteDeleteAsync(Ct);
        });
        Assert.Equal([yesterday], (await app.WithScopeAsync(sp => sp.GetRequiredService<PrometheusPull>().RunAsync(Ct))).Select(p => p.Day));
        Assert.Equal(2, await app.WithDbAsync(d => d.VmDailyUsage.CountAsync(u => u.Day == yesterday, Ct)));

        // The agency's day, weighted by size: (4 × 10 + 4 × 80) / 8 = 45 % CPU.
        var center = await app.SignInAsync("center");
        var report = await (await center.GetAsync($"/api/v1/utilisation?level=agency&from={yesterday:yyyy-MM-dd}&to={yesterday:yyyy-MM-dd}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal(45.0, Assert.Single(report.Rows.Items).CpuUse);
    }

    [Fact]
    public async Task R_22_1_a_target_prometheus_scrapes_live_is_read_with_the_operators_own_queries()
    {
        await using var app = new GovCloudApp(provider);
        var net = Random.Shared.Next(1, 250);
        var (_, _, webHost) = await LiveAsync(app, $"10.252.{net}.21", $"10.252.{net}.22");
        // A small exporter with the figures a platform's own exporter would give, by host name.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var exporter = builder.Build();
        exporter.MapGet("/metrics", () => Results.Text(
            $"# TYPE vm_cpu_percent gauge\nvm_cpu_percent{{vm=\"{webHost}\"}} 12.5\nvm_cpu_percent{{vm=\"not-in-inventory\"}} 3\n" +
            $"# TYPE vm_memory_percent gauge\nvm_memory_percent{{vm=\"{webHost}\"}} 64\n", "text/plain; version=0.0.4"));
        await exporter.StartAsync(Ct);
        var target = new Uri(exporter.Urls.First()).Authority;
        await using var prometheus = await PrometheusServer.StartAsync(scrapeTarget: target, ct: Ct);

        // Wait for a few scrapes.
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            var body = await http.GetStringAsync($"{prometheus.Url}/api/v1/query?query=count_over_time(vm_cpu_percent[1m])", Ct);
            if (System.Text.RegularExpressions.Regex.IsMatch(body, "\"([3-9]|[1-9][0-9]+)\"\\]")) break;
            await Task.Delay(300, Ct);
        }

        var source = new MonitoringSourceOptions
        {
            Name = "平台自带监测", Url = prometheus.Url, MatchLabel = "vm", MatchBy = VmMatch.HostName, StepSeconds = 1,
            Queries = new() { ["Cpu"] = "vm_cpu_percent", ["memory"] = "vm_memory_percent", ["Disk"] = "", ["NetworkIn"] = "", ["NetworkOut"] = "" },
        };
        var pulled = await app.WithScopeAsync(sp => sp.GetRequiredService<PrometheusPull>().PullAsync(source, Today, Ct));
        Assert.Equal((1, 1), (pulled.Vms, pulled.Unmatched));
        var row = await app.WithDbAsync(d => d.VmDailyUsage.SingleAsync(u => u.Day == Today, Ct));
        Assert.Equal((12.5, 12.5, 12.5), (row.CpuAvg, row.CpuP95, row.CpuMax));
        Assert.Equal(64.0, row.MemoryAvg);
        Assert.Null(row.DiskAvg);
        Assert.True(row.Points >= 3, $"{row.Points} points");
    }

    [Fact]
    public async Task R_22_1_a_source_that_does_not_answer_leaves_its_days_to_be_pulled_later_and_a_query_it_refuses_is_not_taken_as_data()
    {
        await using var prometheus = await PrometheusServer.StartAsync(ct: Ct);
        await using var app = new GovCloudApp(provider, settings: new Dictionary<string, string?>
        {
            ["GovCloud:Monitoring:Sources:0:Name"] = "已停机的监测",
            ["GovCloud:Monitoring:Sources:0:Url"] = "http://127.0.0.1:1",
            ["GovCloud:Monitoring:Sources:1:Name"] = "查询有误的监测",
            ["GovCloud:Monitoring:Sources:1:Url"] = prometheus.Url,
            ["GovCloud:Monitoring:Sources:1:Queries:Cpu"] = "sum(by (",
            ["GovCloud:Monitoring:PullBackfillDays"] = "2",
        });
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<PrometheusPull>().RunAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(d => d.UsagePulls.CountAsync(Ct)));
    }
}

public sealed class MonitoringPullOnSqlite() : MonitoringPullTests(Provider.Sqlite);
public sealed class MonitoringPullOnPostgres() : MonitoringPullTests(Provider.PostgreSql);
