using System.Net;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Operations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>R-22.1 on both databases: the Center records outages and degradations; the month's availability per zone and system follows.</summary>
public abstract class IncidentApiTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The first of last month, 00:00 in Beijing.</summary>
    private static DateTimeOffset LastMonth
    {
        get
        {
            var today = ChinaTime.Today(TimeProvider.System);
            return new DateTimeOffset(new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        }
    }

    private static object Outage(string title, DateTimeOffset startedAt, DateTimeOffset? endedAt, string[]? zones = null, Guid[]? systemIds = null,
        string kind = "Outage") => new
    {
        title, kind, startedAt, endedAt, zones, systemIds, cause = "存储控制器故障", handling = endedAt is null ? null : "切换至备用控制器",
    };

    [Fact]
    public async Task R_22_1_outages_are_told_to_those_touched_and_the_month_availability_follows_from_them()
    {
        await using var app = new GovCloudApp(provider);
        var (edu, center, application, _) = await app.LiveAsync();
        var vm = await app.WithDbAsync(db => db.CloudVms.Include(v => v.System).Where(v => v.ApplicationId == application.Id).FirstAsync(Ct));
        var start = LastMonth.AddDays(4).AddHours(10);

        // The zone down 90 minutes; the system on its own down again, half inside the zone's outage; a degradation that does not count.
        var zoneDown = await (await center.PostJsonAsync("/api/v1/incidents", Outage("存储故障", start, start.AddMinutes(90), zones: [vm.Zone])))
            .ReadAsync<IncidentDto>(HttpStatusCode.Created);
        Assert.Matches(@"^GZ\d{4}-\d{4}$", zoneDown.Number);
        var systemDown = await (await center.PostJsonAsync("/api/v1/incidents", Outage("应用服务器宕机", start.AddMinutes(60), start.AddMinutes(120), systemIds: [vm.SystemId])))
            .ReadAsync<IncidentDto>(HttpStatusCode.Created);
        await (await center.PostJsonAsync("/api/v1/incidents", Outage("网络拥塞", start.AddDays(1), start.AddDays(1).AddHours(3), zones: [vm.Zone], kind: "Degradation")))
            .ReadAsync<IncidentDto>(HttpStatusCode.Created);

        // The agency touched and the Bureau hear of each; another agency does not see an incident on edu's system.
        foreach (var user in new[] { "edu", "bureau" })
        {
            var inbox = await (await (await app.SignInAsync(user)).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
            Assert.Contains(inbox.Items, m => m.Title.Contains(systemDown.Number) && m.Link == $"/operations?incident={systemDown.Id}");
        }
        var asEdu = await (await edu.GetAsync($"/api/v1/incidents/{systemDown.Id}", Ct)).ReadAsync<IncidentDto>();
        Assert.Equal([$"市教育局《{vm.System!.Name}》"], asEdu.Affected.Select(a => a.Label));
        Assert.False(asEdu.MayClose);
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/incidents/{systemDown.Id}", Ct)).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/incidents?pageSize=100", Ct)).ReadAsync<Paged<IncidentRowDto>>()).Items, r => r.Id == systemDown.Id);

        // Availability of last month: the zone 90 minutes down; the system 120 (the overlap counted once); the degradation not at all.
        var month = LastMonth.ToString("yyyy-MM");
        var minutes = (LastMonth.AddMonths(1) - LastMonth).TotalMinutes;
        var report = await (await center.GetAsync($"/api/v1/availability?month={month}", Ct)).ReadAsync<AvailabilityReport>();
        var zone = report.Zones.Single(z => z.Name == vm.Zone);
        Assert.Equal((90, Math.Round(100 * (1 - 90 / minutes), 3), 1, true), (zone.DowntimeMinutes, zone.Percent, zone.Outages, zone.BelowTarget));
        var system = report.Systems.Single(s => s.Key == vm.SystemId.ToString());
        Assert.Equal((120, Math.Round(100 * (1 - 120 / minutes), 3), 2), (system.DowntimeMinutes, system.Percent, system.Outages));
        Assert.Equal(99.9, report.TargetPercent);
        // The agency reads the zones and its own systems; Finance reads it too; the regulators and the administrators have no part in it.
        var eduReport = await (await edu.GetAsync($"/api/v1/availability?month={month}", Ct)).ReadAsync<AvailabilityReport>();
        Assert.Equal(report.Zones, eduReport.Zones);
        Assert.All(eduReport.Systems, s => Assert.Equal("市教育局", s.Agency));
        Assert.Empty((await (await health.GetAsync($"/api/v1/availability?month={month}", Ct)).ReadAsync<AvailabilityReport>()).Systems);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("finance")).GetAsync("/api/v1/availability", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("police")).GetAsync("/api/v1/availability", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("admin")).GetAsync("/api/v1/incidents", Ct)).StatusCode);

        // A month that is not one, or is still to come, is said at its field.
        Assert.NotNull((await (await center.GetAsync("/api/v1/availability?month=2026-13", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("month"));
        var future = ChinaTime.Today(TimeProvider.System).AddMonths(2).ToString("yyyy-MM");
        Assert.NotNull((await (await center.GetAsync($"/api/v1/availability?month={future}", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("month"));

        // The list filters and exports what it shows.
        var export = await (await center.GetAsync("/api/v1/incidents/export?kind=Outage", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(export), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([systemDown.Number, zoneDown.Number], rows.Select(r => (string)r["故障编号"]));
        Assert.Equal(("服务中断", 90.0), ((string)rows[1]["故障类型"], Convert.ToDouble(rows[1]["持续（分钟）"])));
        Assert.Equal($"{vm.Zone}网络分区", (string)rows[1]["受影响范围"]);
    }

    [Fact]
    public async Task R_22_1_an_incident_under_way_is_closed_once_with_its_handling_and_bad_input_changes_nothing()
    {
        await using var app = new GovCloudApp(provider);
        var (edu, center, application, _) = await app.LiveAsync();
        var vm = await app.WithDbAsync(db => db.CloudVms.Where(v => v.ApplicationId == application.Id).FirstAsync(Ct));

        // Only the Center's operators record; what is missing or unknown is said at its field and nothing is recorded.
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync("/api/v1/incidents", Outage("自行登记", DateTimeOffset.UtcNow.AddHours(-1), null, zones: [vm.Zone]))).StatusCode);
        var empty = await (await center.PostJsonAsync("/api/v1/incidents", new { title = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "startedAt", "title", "zones"], empty.Errors!.Keys.Order());
        var unknown = await (await center.PostJsonAsync("/api/v1/incidents", Outage("故障", DateTimeOffset.UtcNow.AddHours(-1), null, zones: ["不存在的分区"], systemIds: [Guid.NewGuid()])))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("第 1 个网络分区不存在", unknown.FieldError("zones[0]"));
        Assert.Equal("第 1 个信息系统不存在", unknown.FieldError("systemIds[0]"));
        var backwards = await (await center.PostJsonAsync("/api/v1/incidents", Outage("故障", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-2), zones: [vm.Zone])))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("恢复时间应晚于开始时间", backwards.FieldError("endedAt"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Incidents.CountAsync(Ct)));

        // Typed in Beijing time, compared with the server's clock in UTC: under way, it counts in this month's availability.
        var open = await (await center.PostJsonAsync("/api/v1/incidents", Outage("数据库集群主节点宕机", DateTimeOffset.UtcNow.AddMinutes(-40).ToOffset(TimeSpan.FromHours(8)), null,
            systemIds: [vm.SystemId]))).ReadAsync<IncidentDto>(HttpStatusCode.Created);
        Assert.True(open.MayClose);
        var thisMonth = await (await center.GetAsync($"/api/v1/availability?month={ChinaTime.Today(TimeProvider.System):yyyy-MM}", Ct)).ReadAsync<AvailabilityReport>();
        Assert.Equal(1, thisMonth.Systems.Single(s => s.Key == vm.SystemId.ToString()).Outages);
        Assert.Contains((await (await center.GetAsync("/api/v1/incidents?open=true", Ct)).ReadAsync<Paged<IncidentRowDto>>()).Items, r => r.Id == open.Id);
        Assert.Equal("开始日期不能晚于结束日期", (await (await center.GetAsync("/api/v1/incidents?from=2026-12-01&to=2026-11-01", Ct))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("from"));
        var url = $"/api/v1/incidents/{open.Id}/close";
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync(url, new { endedAt = DateTimeOffset.UtcNow, handling = "重启", version = open.Version })).StatusCode);
        var noHandling = await (await center.PostJsonAsync(url, new { endedAt = DateTimeOffset.UtcNow.AddMinutes(-5), version = open.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写处置情况", noHandling.FieldError("handling"));
        Assert.Equal(HttpStatusCode.Conflict, (await center.PostJsonAsync(url, new { endedAt = DateTimeOffset.UtcNow.AddMinutes(-5), handling = "主备切换", version = open.Version + 7 })).StatusCode);

        var closed = await (await center.PostJsonAsync(url, new { endedAt = DateTimeOffset.UtcNow.AddMinutes(-5), handling = "主备切换，修复原主节点", version = open.Version }))
            .ReadAsync<IncidentDto>();
        Assert.Equal(("主备切换，修复原主节点", "存储控制器故障", false), (closed.Handling, closed.Cause, closed.MayClose));
        var again = await (await center.PostJsonAsync(url, new { endedAt = DateTimeOffset.UtcNow, handling = "再次", version = closed.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("该故障已登记恢复时间", again.FieldError("endedAt"));
        Assert.DoesNotContain((await (await center.GetAsync("/api/v1/incidents?open=true", Ct)).ReadAsync<Paged<IncidentRowDto>>()).Items, r => r.Id == open.Id);

        // Recorded and recovered, both in the audit log; the agency heard of the recovery.
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == open.Id.ToString()).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["IncidentClosed", "IncidentRecorded"], actions.Order());
        var inbox = await (await edu.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
        Assert.Contains(inbox.Items, m => m.Title == $"运行故障已恢复：{open.Number}《数据库集群主节点宕机》");
    }
}

public sealed class IncidentApiOnSqlite() : IncidentApiTests(Provider.Sqlite);
public sealed class IncidentApiOnPostgres() : IncidentApiTests(Provider.PostgreSql);
