using System.Diagnostics;
using System.Net.Http.Json;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Bench;

/// <summary>
/// Scale scenario: the cloud's security state over a generated set of security events (default 10,000 over three years, each
/// touching one to three of 1,000 agencies) and an MLPS register of 30,000 systems (graded, filed or not, assessed or overdue),
/// which the bulletin counts. Times the event lists, the export, the bulletin's preview and its PDF. Prints p50/p95 rows.
/// dotnet run -c Release --project bench/GovCloud.Bench -- security Sqlite "Data Source=/tmp/x.db" 10000 30
/// </summary>
public static class SecurityScale
{
    public static async Task<int> RunAsync(string provider, string connectionString, int events, int runs)
    {
        await using var app = BenchHost.Create(provider, connectionString);
        var generate = Stopwatch.StartNew();
        using (var warm = app.CreateClient()) { } // starts the host: migrations and the demo city
        await GenerateAsync(app.Services, events, systems: 30_000);
        generate.Stop();
        Console.Error.WriteLine($"{provider}: generated {events:N0} events and 30,000 graded systems in {generate.Elapsed.TotalSeconds:F0} s");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(-3);
        var (from, to) = ($"{quarter:yyyy-MM-dd}", $"{quarter.AddMonths(3).AddDays(-1):yyyy-MM-dd}");
        using (var center = await BenchHost.ClientAsync(app, "center"))
        {
            var published = await (await center.PostAsJsonAsync("/api/v1/security-bulletins", new { periodFrom = from, periodTo = to, summary = "总体平稳。" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<BulletinRowDto>();
            var calls = new (string User, string Name, string Url)[]
            {
                ("center", "事件列表 第 1 页", "/api/v1/security-events?pageSize=20"),
                ("center", "事件列表 处置中的网络攻击", "/api/v1/security-events?state=Handling&kind=NetworkAttack&pageSize=20"),
                ("police", "事件列表 一个季度", $"/api/v1/security-events?from={from}&to={to}&pageSize=20"),
                ("edu", "使用单位 涉及本单位的事件", "/api/v1/security-events?pageSize=20"),
                ("center", "导出 一个季度（xlsx）", $"/api/v1/security-events/export?from={from}&to={to}"),
                ("center", "通报预览 一个季度（含 30,000 个系统的等保状况）", $"/api/v1/security-bulletins/preview?from={from}&to={to}"),
                ("edusec", "通报 PDF", $"/api/v1/security-bulletins/{published!.Id}.pdf"),
            };
            await BenchHost.TimeAsync(app, provider, events, calls, runs);
        }
        return 0;
    }

    private static async Task GenerateAsync(IServiceProvider services, int count, int systems)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        var agencies = await BenchHost.AgenciesAsync(db, 1_000);
        var random = new Random(20261203);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var n = 0; n < systems; n++)
        {
            var system = new InfoSystem
            {
                OrganisationId = agencies[n % agencies.Count], Name = $"等保系统{n:D5}", Kind = SystemKind.Existing, Location = SystemLocation.UncertifiedDataCenter,
                Lifecycle = SystemLifecycle.OnCloud, CreatedAt = now,
            };
            db.InfoSystems.Add(system);
            var level = 2 + random.Next(2);
            var graded = today.AddDays(-random.Next(100, 1500));
            var filed = random.NextDouble() < 0.9;
            db.MlpsRecords.Add(new MlpsRecord
            {
                SystemId = system.Id, Level = level, GradedOn = graded, FilingNumber = filed ? $"45020099001-{n:D5}" : null, FiledOn = filed ? graded.AddDays(20) : null,
                UpdatedAt = now, Version = 1,
            });
            if (random.NextDouble() < 0.7)
                db.MlpsAssessments.Add(new MlpsAssessment
                {
                    SystemId = system.Id, AssessedOn = today.AddDays(-random.Next(30, 500)), Assessor = "测评中心", Result = AssessmentResult.Compliant, RecordedAt = now,
                });
            if (n % 2_000 == 1_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        for (var n = 0; n < count; n++)
        {
            var occurred = now.AddMinutes(-random.Next(0, 3 * 365 * 24 * 60));
            var closed = random.NextDouble() < 0.8;
            var e = new SecurityEvent
            {
                Number = $"SJ{occurred.Year}-{n:D6}", Title = $"安全事件{n}", Kind = (SecurityEventKind)random.Next(7), Severity = (SecuritySeverity)random.Next(4),
                OccurredAt = occurred, Description = "生成的安全事件。", State = closed ? SecurityEventState.Closed : SecurityEventState.Handling,
                Conclusion = closed ? "已处置。" : null, ClosedAt = closed ? occurred.AddHours(random.Next(1, 72)) : null, RecordedAt = occurred,
                Affected = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => agencies[random.Next(agencies.Count)]).Distinct()
                    .Select(o => new SecurityEventTarget { OrganisationId = o }).ToList(),
                Steps = [new SecurityEventStep { At = occurred.AddMinutes(30), Text = "隔离并排查。" }],
            };
            db.SecurityEvents.Add(e);
            if (n % 2_000 == 1_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
    }
}
