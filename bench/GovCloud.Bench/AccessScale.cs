using System.Diagnostics;
using GovCloud.Domain.DataAccess;
using GovCloud.Web.Features.DataAccess;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Bench;

/// <summary>
/// Scale scenario: the bastion host's check over a generated set of access grants (default 10,000, each for one to three of
/// 20,000 VMs, asked by 50 operators over the last 90 days; a few of each operator's in force now) and 200,000 past checks. Times the
/// check when allowed, when denied (a VM with no grant, an unknown target) and by address, as the bastion calls it (token, HTTP, the
/// insert of the check); then the access log and its export. Prints p50/p95/p99 rows for the check, p50/p95 for the rest.
/// dotnet run -c Release --project bench/GovCloud.Bench -- access Sqlite "Data Source=/tmp/x.db" 10000 1000
/// </summary>
public static class AccessScale
{
    private const int Operators = 50;

    public static async Task<int> RunAsync(string provider, string connectionString, int grants, int runs)
    {
        await using var app = BenchHost.Create(provider, connectionString);
        var generate = Stopwatch.StartNew();
        using (var warm = app.CreateClient()) { } // starts the host: migrations and the demo city
        await InventoryScale.GenerateAsync(app.Services, 20_000);
        var (allowedHost, allowedIp, deniedHost, agency, system) = await GenerateAsync(app.Services, grants);
        generate.Stop();
        Console.Error.WriteLine($"{provider}: generated 20,000 VMs, {grants:N0} grants and 200,000 checks in {generate.Elapsed.TotalSeconds:F0} s");

        // The check alone (the service in a fresh scope, as a request has it), without HTTP and the token's sign-in.
        {
            var asker = new GovCloud.Web.Infrastructure.Auth.Actor(null, "bastion", null, null, new HashSet<GovCloud.Domain.Security.Role> { GovCloud.Domain.Security.Role.BastionAgent });
            var times = new List<double>();
            for (var i = 0; i < runs + 20; i++)
            {
                var sw = Stopwatch.StartNew();
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var result = await scope.ServiceProvider.GetRequiredService<AccessCheckService>().CheckAsync(asker, "op07", allowedHost, "read", default);
                    if (!result.Allow) throw new InvalidOperationException($"核验服务本身: {result}");
                }
                if (i >= 20) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {provider} | {grants:N0} | 核验服务本身 允许（不含 HTTP 与令牌认证） | {BenchHost.Percentile(times, 0.50):F1} ms | {BenchHost.Percentile(times, 0.95):F1} ms | p99 {BenchHost.Percentile(times, 0.99):F1} ms |");
        }
        using (var bastion = await BenchHost.ClientAsync(app, "bastion"))
        {
            var checks = new (string Name, string Url)[]
            {
                ("核验 允许（主机名）", $"/api/v1/access-grants/check?operator=op07&target={allowedHost}&action=read"),
                ("核验 允许（IP 地址）", $"/api/v1/access-grants/check?operator=op07&target={allowedIp}&action=read"),
                ("核验 拒绝（无授权的虚拟机）", $"/api/v1/access-grants/check?operator=op07&target={deniedHost}&action=read"),
                ("核验 拒绝（未知对象）", "/api/v1/access-grants/check?operator=op07&target=no-such-host&action=change"),
            };
            foreach (var (name, url) in checks)
            {
                var first = await (await bastion.GetAsync(url)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
                for (var i = 0; i < 20; i++) await bastion.GetAsync(url); // warm-up
                if (name.Contains("允许") != first.Contains("\"allow\":true")) throw new InvalidOperationException($"{name}: {first}");
                var times = new List<double>();
                for (var i = 0; i < runs; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var response = await bastion.GetAsync(url);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync();
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                Console.WriteLine($"| {provider} | {grants:N0} | {name} | {BenchHost.Percentile(times, 0.50):F1} ms | {BenchHost.Percentile(times, 0.95):F1} ms | p99 {BenchHost.Percentile(times, 0.99):F1} ms |");
            }
        }
        var calls = new (string User, string Name, string Url)[]
        {
            ("center", "访问授权列表 第 1 页", "/api/v1/access-requests?pageSize=20"),
            ("center", "访问日志 第 1 页（全部单位）", "/api/v1/access-log?pageSize=20"),
            ("center", "访问日志 一个系统", $"/api/v1/access-log?systemId={system}&pageSize=20"),
            ("center", "访问日志 只看拒绝", "/api/v1/access-log?deniedOnly=true&pageSize=20"),
            ("center", "访问日志导出 一个单位一个月（xlsx）", $"/api/v1/access-log/export?organisationId={agency}&from={DateTime.UtcNow.AddDays(-30):yyyy-MM-dd}"),
        };
        await BenchHost.TimeAsync(app, provider, grants, calls, Math.Max(5, runs / 50));
        return 0;
    }

    private static async Task<(string AllowedHost, string AllowedIp, string DeniedHost, Guid Agency, Guid System)> GenerateAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        var vms = await db.CloudVms.AsNoTracking().OrderBy(v => v.HostName).Select(v => new { v.Id, v.HostName, v.Ips, v.OrganisationId, v.SystemId }).ToListAsync();
        var random = new Random(20261203);
        var now = DateTimeOffset.UtcNow;
        var inForce = vms[7];
        // The operators are accounts of the Center's, active, with the operator's role: the check counts a grant only then.
        var center = await db.Organisations.Where(o => o.Type == GovCloud.Domain.Organisations.OrganisationType.Center).Select(o => o.Id).FirstAsync();
        for (var i = 0; i < Operators; i++)
        {
            var user = new GovCloud.Web.Features.Users.User
            {
                Id = Guid.NewGuid(), UserName = $"op{i:D2}", NormalizedUserName = $"OP{i:D2}", DisplayName = $"运维人员{i:D2}", OrganisationId = center,
                SecurityStamp = Guid.NewGuid().ToString(),
            };
            user.Roles.Add(new GovCloud.Web.Features.Users.UserRole { UserId = user.Id, Role = GovCloud.Domain.Security.Role.CenterOperator });
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
        for (var n = 0; n < count; n++)
        {
            var op = $"op{n % Operators:D2}";
            // The last few of each operator's grants are in force now; the rest ran over the last 90 days.
            var current = n >= count - Operators * 3;
            var starts = current ? now.AddHours(-1) : now.AddMinutes(-random.Next(10 * 60, 90 * 24 * 60));
            var first = current && op == "op07" && n == count - Operators * 3 + 7 ? inForce : vms[random.Next(vms.Count)];
            var targets = new[] { first }.Concat(vms.Where(v => v.SystemId == first.SystemId && v.Id != first.Id).Take(random.Next(3)))
                .Select(v => new AccessGrantTarget { VmId = v.Id, Label = $"{v.HostName}（{v.Ips}）" }).ToList();
            db.AccessGrants.Add(new AccessGrant
            {
                Number = $"SQ{now.Year}-{n:D6}", OrganisationId = first.OrganisationId, SystemId = first.SystemId, SystemName = "生成的系统",
                OperatorId = Guid.NewGuid(), OperatorUserName = op, OperatorName = op, Mode = random.NextDouble() < 0.7 ? AccessMode.Read : AccessMode.Change,
                Purpose = "生成的访问申请", TicketKind = AccessTicketKind.Change, TicketNumber = "BG2026-0001", RequestedAt = starts.AddMinutes(-30), StartsAt = starts,
                EndsAt = starts.AddHours(1 + random.Next(8)), State = random.NextDouble() < 0.9 ? AccessGrantState.Approved : AccessGrantState.Refused,
                DecidedBy = "sec", DecidedAt = starts.AddMinutes(-10), Targets = targets,
            });
            if (current && op == "op07") db.AccessGrants.Local.Last().State = AccessGrantState.Approved;
            if (n % 2_000 == 1_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        for (var n = 0; n < 200_000; n++)
        {
            var vm = vms[random.Next(vms.Count)];
            var allowed = random.NextDouble() < 0.8;
            db.AccessChecks.Add(new AccessCheck
            {
                At = now.AddMinutes(-random.Next(0, 90 * 24 * 60)), OperatorUserName = $"op{random.Next(Operators):D2}", Target = vm.HostName, Action = AccessMode.Read,
                Outcome = allowed ? AccessCheckOutcome.Allowed : AccessCheckOutcome.NoGrant, OrganisationId = vm.OrganisationId, SystemId = vm.SystemId,
                TargetLabel = vm.HostName, AskedBy = "bastion",
            });
            if (n % 10_000 == 9_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var denied = vms.First(v => v.SystemId != inForce.SystemId);
        return (inForce.HostName, inForce.Ips.Split(',')[0].Trim(), denied.HostName, inForce.OrganisationId, inForce.SystemId);
    }
}
