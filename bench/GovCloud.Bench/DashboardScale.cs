using System.Diagnostics;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Bench;

/// <summary>
/// Scale scenario: the Bureau's deadline dashboard over a generated set of clocks (default 1,000,000)
/// on SQLite or PostgreSQL. Prints p50/p95 of the dashboard call as a markdown row.
/// dotnet run -c Release --project bench/GovCloud.Bench -- dashboard Sqlite "Data Source=/tmp/x.db" 1000000 30
/// </summary>
public static class DashboardScale
{
    public static async Task<int> RunAsync(string provider, string connectionString, int clocks, int runs)
    {
        await using var db = Create(provider, connectionString);
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        var clock = TimeProvider.System;
        await CalendarService.EnsureBuiltInAsync(db, new GovCloud.Web.Features.Audit.AuditLog(db, clock), clock, default);

        var orgs = Enumerable.Range(1, 60).Select(i => new GovCloud.Web.Features.Organisations.Organisation
        {
            Name = $"单位{i:D2}", Type = GovCloud.Domain.Organisations.OrganisationType.Agency,
        }).ToList();
        db.Organisations.AddRange(orgs);
        await db.SaveChangesAsync();

        var generate = Stopwatch.StartNew();
        var random = new Random(20261125);
        string[] steps = ["Evaluate", "Approve", "Trial", "Provision", "ChangeApprove", "Reclaim"];
        string[] stepNames = ["评估", "审批", "提供试用环境", "开通", "变更审批", "回收"];
        var today = ChinaTime.Today(clock);
        const int batch = 20_000;
        for (var done = 0; done < clocks; done += batch)
        {
            var rows = new List<DeadlineClock>(batch);
            for (var i = 0; i < Math.Min(batch, clocks - done); i++)
            {
                var s = random.Next(steps.Length);
                var dueOn = today.AddDays(random.Next(-700, 30));
                // Mostly history (met or late), a few per cent open: what a city's system holds after some years.
                var roll = random.NextDouble();
                var state = dueOn > today ? (roll < 0.9 ? ClockState.Running : ClockState.Met)
                    : roll < 0.85 ? ClockState.Met : roll < 0.97 ? ClockState.Overdue : ClockState.Cancelled;
                rows.Add(new DeadlineClock
                {
                    CaseType = "ResourceApplication", CaseId = $"A{done + i}", CaseTitle = $"申请{done + i}", Step = steps[s], StepName = stepNames[s],
                    OrganisationId = orgs[random.Next(orgs.Count)].Id, ResponsibleRole = Role.CenterEvaluator,
                    StartedAt = ChinaTime.EndOfDay(dueOn.AddDays(-10)), StartedOn = dueOn.AddDays(-10), PeriodLength = 7,
                    PeriodUnit = GovCloud.Domain.Calendar.PeriodUnit.WorkingDays, DueOn = dueOn, DueAt = ChinaTime.EndOfDay(dueOn), State = state,
                    CompletedAt = state == ClockState.Met || (state == ClockState.Overdue && roll > 0.9) ? ChinaTime.EndOfDay(dueOn).AddHours(-3) : null,
                });
            }
            db.DeadlineClocks.AddRange(rows);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        generate.Stop();
        if (provider == "PostgreSql") await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var service = new DeadlineDashboardService(db, new CalendarCache(), clock, Options.Create(new GovCloudOptions()));
        var bureau = new Actor(Guid.NewGuid(), "bureau", null, null, new HashSet<Role> { Role.BureauApprover });
        await service.DashboardAsync(bureau, 12, default); // warm-up
        var times = new List<double>();
        DeadlineDashboard? last = null;
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            last = await service.DashboardAsync(bureau, 12, default);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"| {provider} | {clocks:N0} | {generate.Elapsed.TotalSeconds:F0} s | {Percentile(times, 0.50):F0} ms | {Percentile(times, 0.95):F0} ms | " +
                          $"{last!.Overdue:N0} overdue, {last.DueSoon:N0} due soon, {last.OnTime.Count} step-months |");
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static GovCloudDbContext Create(string provider, string cs) => provider == "PostgreSql"
        ? new PostgreSqlGovCloudDbContext(new DbContextOptionsBuilder<PostgreSqlGovCloudDbContext>().UseNpgsql(cs).Options)
        : new SqliteGovCloudDbContext(new DbContextOptionsBuilder<SqliteGovCloudDbContext>().UseSqlite(cs).Options);
}
