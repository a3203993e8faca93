using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Bench;

/// <summary>
/// Scale scenario: GET /api/v1/applications through the whole ASP.NET Core pipeline (bearer token,
/// scope, paging, JSON) over a generated city of N applications (default 20,000) on SQLite or
/// PostgreSQL. Prints p50/p95 per list as markdown rows.
/// dotnet run -c Release --project bench/GovCloud.Bench -- applications Sqlite "Data Source=/tmp/x.db" 20000 50
/// </summary>
public static class ApplicationsScale
{
    public static async Task<int> RunAsync(string provider, string connectionString, int count, int runs)
    {
        await using var app = BenchHost.Create(provider, connectionString);
        var generate = Stopwatch.StartNew();
        using (var warm = app.CreateClient()) { } // starts the host: migrations and the demo city
        await GenerateAsync(app.Services, count);
        generate.Stop();

        var lists = new (string User, string Name, string Url)[]
        {
            ("bureau", "大数据局 待审批（按截止日）", "/api/v1/applications?state=Evaluated"),
            ("center", "中心 待评估（按截止日）", "/api/v1/applications?state=Submitted"),
            ("bureau", "大数据局 全部，第 200 页", "/api/v1/applications?page=200&pageSize=20"),
            ("bureau", "大数据局 按名称搜索", "/api/v1/applications?q=" + Uri.EscapeDataString("系统1234")),
            ("edu", "使用单位 本单位全部", "/api/v1/applications"),
        };
        foreach (var (user, name, url) in lists)
        {
            using var client = await BenchHost.ClientAsync(app, user);
            (await client.GetAsync(url)).EnsureSuccessStatusCode(); // warm-up
            var times = new List<double>();
            var total = 0;
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                var page = await response.Content.ReadFromJsonAsync<PageBody>();
                times.Add(sw.Elapsed.TotalMilliseconds);
                total = page!.Total;
            }
            times.Sort();
            Console.WriteLine($"| {provider} | {count:N0} | {name} | {total:N0} | {BenchHost.Percentile(times, 0.50):F0} ms | {BenchHost.Percentile(times, 0.95):F0} ms |");
        }
        Console.Error.WriteLine($"{provider}: generated {count:N0} applications in {generate.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private sealed record PageBody(int Total);

    /// <summary>N applications of the demo agencies in a realistic mix of states, each with its system, 1–4 VMs and its open clock.</summary>
    private static async Task GenerateAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        var agencies = await db.Organisations.Where(o => o.Type == GovCloud.Domain.Organisations.OrganisationType.Agency
                                                         || o.Type == GovCloud.Domain.Organisations.OrganisationType.CountyDepartment).Select(o => o.Id).ToListAsync();
        var center = await db.Organisations.Where(o => o.Type == GovCloud.Domain.Organisations.OrganisationType.Center).Select(o => o.Id).FirstAsync();
        var bureau = await db.Organisations.Where(o => o.Type == GovCloud.Domain.Organisations.OrganisationType.Bureau).Select(o => o.Id).FirstAsync();
        var random = new Random(20261125);
        var now = DateTimeOffset.UtcNow;
        const int batch = 2_000;
        for (var done = 0; done < count; done += batch)
        {
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var org = agencies[random.Next(agencies.Count)];
                var system = new InfoSystem
                {
                    OrganisationId = org, Name = $"系统{i}", Kind = (SystemKind)(i % 3), Location = SystemLocation.UncertifiedDataCenter,
                    Lifecycle = SystemLifecycle.PendingMigration, CreatedAt = now,
                };
                var roll = random.NextDouble();
                var state = roll < 0.6 ? ApplicationState.Approved : roll < 0.7 ? ApplicationState.Submitted : roll < 0.78 ? ApplicationState.Evaluated
                    : roll < 0.88 ? ApplicationState.Draft : roll < 0.95 ? ApplicationState.Returned : ApplicationState.Rejected;
                var created = now.AddDays(-random.Next(0, 700));
                var app = new ResourceApplication
                {
                    Number = $"SQ{2024 + i % 3}-{i:D6}", OrganisationId = org, SystemId = system.Id, State = state, CreatedAt = created,
                    SubmittedAt = state == ApplicationState.Draft ? null : created.AddDays(1),
                };
                for (var no = 1; no <= 1 + random.Next(4); no++)
                    app.Vms.Add(new ApplicationVm
                    {
                        No = no, Zone = "公共网络区", Vendor = "广西某软件有限公司", SystemName = system.Name, ServerType = ServerType.APP, OwnerNames = "张三",
                        OwnerEmails = "zs@example.com", OwnerMobiles = "13800000001", Vcpu = 4, MemoryGb = 8, SystemDiskGb = 100, DataDiskGb = 200,
                        OperatingSystem = "麒麟 V10", Approved = state == ApplicationState.Approved ? true : null,
                    });
                if (state is ApplicationState.Submitted or ApplicationState.Evaluated)
                {
                    var dueOn = ChinaTime.DateOf(now).AddDays(random.Next(-3, 10));
                    var clock = new DeadlineClock
                    {
                        CaseType = ApplicationService.CaseType, CaseId = app.Id.ToString(), CaseTitle = $"系统{i} 云资源申请",
                        Step = state == ApplicationState.Submitted ? "Evaluate" : "Approve", StepName = state == ApplicationState.Submitted ? "评估" : "审批",
                        OrganisationId = state == ApplicationState.Submitted ? center : bureau,
                        ResponsibleRole = state == ApplicationState.Submitted ? Role.CenterEvaluator : Role.BureauApprover,
                        StartedAt = created, StartedOn = ChinaTime.DateOf(created), PeriodLength = 7, PeriodUnit = PeriodUnit.WorkingDays,
                        DueOn = dueOn, DueAt = ChinaTime.EndOfDay(dueOn), State = ClockState.Running,
                    };
                    db.DeadlineClocks.Add(clock);
                    app.OpenClockId = clock.Id;
                }
                db.InfoSystems.Add(system);
                db.ResourceApplications.Add(app);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
