using System.Diagnostics;
using System.Net.Http.Json;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Bench;

/// <summary>
/// Scale scenario of: a generated city of 1,000 agencies, 30,000 systems and 100,000 VMs (by
/// default) in trial, formal use and reclaimed, each system with its approved application and trial.
/// Times the inventory lists, GET /api/v1/pools and the migration rates through the whole pipeline (p50/p95), and the
/// Excel export of every VM (time, size, bytes allocated, peak working set of the process).
/// dotnet run -c Release --project bench/GovCloud.Bench -- inventory Sqlite "Data Source=/tmp/x.db" 100000 30
/// </summary>
public static class InventoryScale
{
    public static async Task<int> RunAsync(string provider, string connectionString, int vms, int runs)
    {
        await using var app = BenchHost.Create(provider, connectionString);
        var generate = Stopwatch.StartNew();
        using (var warm = app.CreateClient()) { } // starts the host: migrations and the demo city
        var (agency, host) = await GenerateAsync(app.Services, vms);
        generate.Stop();
        Console.Error.WriteLine($"{provider}: generated {vms:N0} VMs in {generate.Elapsed.TotalSeconds:F0} s");

        var lists = new (string User, string Name, string Url)[]
        {
            ("bureau", "台账 分区+状态筛选，第 100 页", "/api/v1/inventory/vms?zone=" + Uri.EscapeDataString("公共网络区") + "&state=Active&page=100&pageSize=20"),
            ("bureau", "台账 按主机名/IP 搜索", "/api/v1/inventory/vms?q=" + host),
            ("bureau", "台账 一个单位", $"/api/v1/inventory/vms?agencyId={agency}"),
            ("bureau", "台账 按 vCPU 倒序", "/api/v1/inventory/vms?sort=-vcpu"),
            ("edu", "使用单位 本单位", "/api/v1/inventory/vms"),
            ("bureau", "资源池 GET /api/v1/pools", "/api/v1/pools"),
            // Art. 14(五)/30: each system's rate follows its VMs in formal use and the register's certified centres, not its own entry.
            ("bureau", "迁移上云率 GET /api/v1/systems/migration-rates", "/api/v1/systems/migration-rates"),
        };
        await BenchHost.TimeAsync(app, provider, vms, lists, runs);

        using (var client = await BenchHost.ClientAsync(app, "bureau"))
        {
            GC.Collect();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.WorkingSet64;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var bytes = await client.GetByteArrayAsync("/api/v1/inventory/vms/export");
            sw.Stop();
            process.Refresh();
            Console.WriteLine($"| {provider} | {vms:N0} | 导出全部（xlsx） | {sw.Elapsed.TotalSeconds:F1} s | {bytes.Length / 1024.0 / 1024:F1} MB 文件，分配 {(GC.GetTotalAllocatedBytes(true) - allocated) / 1024.0 / 1024:F0} MB，" +
                              $"进程峰值工作集 {process.PeakWorkingSet64 / 1024.0 / 1024:F0} MB（导出前 {before / 1024.0 / 1024:F0} MB） |");
        }
        return 0;
    }

    /// <summary>
    /// 1,000 agencies (the demo ones among them), 30% of VMs count per system 1–6; each system's application
    /// approved with its trial live (5% still in trial), 6% of VMs reclaimed. Returns one agency and one host name to query.
    /// </summary>
    internal static async Task<(Guid Agency, string Host)> GenerateAsync(IServiceProvider services, int vmCount)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        var agencies = await BenchHost.AgenciesAsync(db, 1_000);

        var random = new Random(20261125);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        string[] zones = ["公共网络区", "互联网区"];
        var systemCount = Math.Max(1, vmCount * 3 / 10);
        var made = 0;
        for (var s = 0; s < systemCount && made < vmCount; s++)
        {
            var org = agencies[s % agencies.Count];
            var system = new InfoSystem { OrganisationId = org, Name = $"系统{s:D5}", Kind = SystemKind.Existing, Location = SystemLocation.OnCloud, Lifecycle = SystemLifecycle.OnCloud, CreatedAt = now };
            var application = new ResourceApplication { Number = $"SQ{s:D7}", OrganisationId = org, SystemId = system.Id, State = ApplicationState.Approved, CreatedAt = now };
            var inTrial = random.NextDouble() < 0.05;
            var count = s == systemCount - 1 ? vmCount - made : Math.Min(vmCount - made, 1 + random.Next(6));
            var zone = zones[random.Next(zones.Length)];
            var delivered = today.AddDays(-random.Next(0, 900));
            for (var no = 1; no <= count; no++)
            {
                var (vcpu, memory) = (2 << random.Next(4), 4 << random.Next(5));
                application.Vms.Add(new ApplicationVm
                {
                    No = no, Zone = zone, Vendor = "广西某软件有限公司", SystemName = system.Name, ServerType = ServerType.APP, OwnerNames = "张三", OwnerEmails = "zs@example.com",
                    OwnerMobiles = "13800000001", Vcpu = vcpu, MemoryGb = memory, SystemDiskGb = 100, DataDiskGb = 200, OperatingSystem = "麒麟 V10", Approved = true,
                });
                var reclaimed = !inTrial && random.NextDouble() < 0.06;
                db.CloudVms.Add(new CloudVm
                {
                    OrganisationId = org, SystemId = system.Id, ApplicationId = application.Id, RowNo = no, Zone = zone, ServerType = ServerType.APP,
                    HostName = $"host-{made:D6}", Ips = $"10.{made / 65536 % 256}.{made / 256 % 256}.{made % 256}", Vcpu = vcpu, MemoryGb = memory, SystemDiskGb = 100,
                    DataDiskGb = 200, OperatingSystem = "麒麟 V10", OwnerNames = "张三", OwnerEmails = "zs@example.com", OwnerMobiles = "13800000001",
                    BastionAccounts = $"zs{made}", State = inTrial ? VmState.Trial : reclaimed ? VmState.Reclaimed : VmState.Active, Provider = "手工交付",
                    DeliveredOn = delivered, ActiveFrom = inTrial ? null : delivered.AddDays(30), ReclaimedOn = reclaimed ? today : null,
                });
                made++;
            }
            db.InfoSystems.Add(system);
            db.ResourceApplications.Add(application);
            db.TrialEnvironments.Add(new TrialEnvironment
            {
                ApplicationId = application.Id, OrganisationId = org, SystemId = system.Id, State = inTrial ? TrialState.InTrial : TrialState.Live, Days = 30,
                StartedOn = delivered, EndsOn = delivered.AddDays(30), LiveOn = inTrial ? null : delivered.AddDays(30),
            });
            if (s % 500 == 499)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return (agencies[7 % agencies.Count], $"host-{made / 2:D6}");
    }
}
