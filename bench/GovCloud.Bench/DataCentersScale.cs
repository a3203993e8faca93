using System.Diagnostics;
using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Bench;

/// <summary>
/// Scale scenario: the data-centre register, its overview and its export over a generated set of centres (default
/// 20,000 — far more than a city and its counties hold, so that the overview's in-memory count is tried well beyond
/// need), each with two hosted systems, at every stage of Annex 1. Prints p50/p95 rows.
/// dotnet run -c Release --project bench/GovCloud.Bench -- datacenters Sqlite "Data Source=/tmp/x.db" 20000 30
/// </summary>
public static class DataCentersScale
{
    public static async Task<int> RunAsync(string provider, string connectionString, int centres, int runs)
    {
        await using var app = BenchHost.Create(provider, connectionString);
        var generate = Stopwatch.StartNew();
        using (var warm = app.CreateClient()) { } // starts the host: migrations and the demo city
        await GenerateAsync(app.Services, centres);
        generate.Stop();
        Console.Error.WriteLine($"{provider}: generated {centres:N0} centres in {generate.Elapsed.TotalSeconds:F0} s");

        var calls = new (string User, string Name, string Url)[]
        {
            ("bureau", "总览 GET /api/v1/datacenters/overview", "/api/v1/datacenters/overview"),
            ("bureau", "列表 迁移期，第 50 页", "/api/v1/datacenters?stage=Migrating&page=50&pageSize=20"),
            ("bureau", "列表 90 天内届满", "/api/v1/datacenters?endingWithinDays=90"),
            ("finance", "列表 经费停止", "/api/v1/datacenters?fundingStopped=true"),
            ("bureau", "导出 迁移逾期（xlsx）", "/api/v1/datacenters/export?overdue=true"),
            ("edu", "使用单位 本单位", "/api/v1/datacenters"),
        };
        await BenchHost.TimeAsync(app, provider, centres, calls, runs);

        // The daily reminder job runs every minute: the first run sends, the later ones find every key sent already.
        foreach (var round in new[] { "提醒任务 首次（发送）", "提醒任务 其后每分钟" })
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sw = Stopwatch.StartNew();
            var sent = await scope.ServiceProvider.GetRequiredService<DataCenterService>().RemindAsync(default);
            Console.WriteLine($"| {provider} | {centres:N0} | {round} | {sw.Elapsed.TotalMilliseconds:F0} ms | {sent:N0} 条消息 |");
        }
        return 0;
    }

    private static async Task GenerateAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        var agencies = await BenchHost.AgenciesAsync(db, 1_000);

        var random = new Random(20261126);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var n = 0; n < count; n++)
        {
            var leased = random.NextDouble() < 0.3;
            var centre = new DataCenter
            {
                OrganisationId = agencies[n % agencies.Count], Name = $"机房{n:D5}", Kind = leased ? DataCenterKind.Leased : DataCenterKind.SelfBuilt, AreaM2 = 20 + random.Next(200),
                UsableRacks = 2 + random.Next(20), RoomClass = (RoomClass)random.Next(4), FullTimeStaff = random.Next(5), MlpsLevel = 2 + random.Next(2), CreatedAt = now,
            };
            if (leased)
            {
                (centre.Lessor, centre.LeaseStart, centre.LeaseEnd) = ("某 IDC 公司", today.AddYears(-3), today.AddDays(random.Next(-200, 900)));
                centre.MigrateBy = centre.LeaseEnd;
            }
            else
            {
                // Decided over the last three years: certified (retained, then migrating) or not (a transition).
                var roll = random.NextDouble();
                var decided = today.AddDays(-random.Next(0, 1100));
                if (roll < 0.15) centre.Certifying = true;
                else if (roll < 0.55)
                    (centre.Decision, centre.DecidedOn, centre.RetentionEndsOn, centre.MigrateBy) =
                        (CertificationState.Certified, decided, decided.AddYears(2), decided.AddYears(3));
                else if (roll < 0.9)
                    (centre.Decision, centre.DecidedOn, centre.MigrateBy) = (CertificationState.NotCertified, decided, decided.AddYears(centre.UsableRacks <= 5 ? 1 : 2));
            }
            if (random.NextDouble() < 0.1) (centre.RevokedOn, centre.RevokedBy) = (today.AddDays(-random.Next(1, 300)), "bureau");
            db.DataCenters.Add(centre);
            for (var s = 0; s < 2; s++)
                db.InfoSystems.Add(new InfoSystem
                {
                    OrganisationId = centre.OrganisationId, Name = $"机房{n:D5}系统{s}", Kind = SystemKind.Existing, DataCenterId = centre.Id,
                    Location = SystemLocation.UncertifiedDataCenter, Lifecycle = centre.RevokedOn is null ? SystemLifecycle.PendingMigration : SystemLifecycle.OnCloud,
                    CreatedAt = now,
                });
            if (n % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
