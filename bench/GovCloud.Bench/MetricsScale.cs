using System.Diagnostics;
using System.Net.Http.Json;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace GovCloud.Bench;

/// <summary>
/// Scale scenario of the usage figures on a generated inventory of 20,000 VMs (1,000 agencies):
/// 1. Ingest: <c>points</c> monitoring points (default 500,000) pushed as the platform pushes them, batches of 10,000 over HTTP with the
///    platform's token, one client and then two at once; on PostgreSQL, against the ceiling of a raw binary COPY of the same rows into a
///    table of the same shape with no checks (what the disk and the server take at most).
/// 2. Summary: the day's points turned into daily figures.
/// 3. Reading: 365 days of daily figures for every VM written straight (7.3 million rows), then the utilisation report by agency, zone and
///    VM (30 and 365 days), the idle list, as the Center calls them. Prints markdown rows.
/// dotnet run -c Release --project bench/GovCloud.Bench -- metrics Sqlite "Data Source=/tmp/x.db" 500000 10
/// </summary>
public static class MetricsScale
{
    private const int Vms = 20_000;
    private const int Batch = 10_000;

    public static async Task<int> RunAsync(string provider, string connectionString, int points, int runs)
    {
        await using var app = BenchHost.Create(provider, connectionString);
        using (var warm = app.CreateClient()) { }
        await InventoryScale.GenerateAsync(app.Services, Vms);
        var hosts = await WithDbAsync(app.Services, db => db.CloudVms.AsNoTracking().Where(v => v.State != VmState.Reclaimed).OrderBy(v => v.HostName)
            .Select(v => v.HostName).ToListAsync());

        // Points of today, a minute apart per VM, going back from now: each batch a new set.
        var now = DateTimeOffset.UtcNow;
        var start = UsageDays.Start(DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime));
        var perVmSlots = (int)Math.Max(1, (now - start).TotalMinutes - 1);
        object Batch_(int b) => new
        {
            points = Enumerable.Range(b * Batch, Batch).Select(i => new
            {
                vm = hosts[i % hosts.Count], at = now.AddMinutes(-(1 + i / hosts.Count % perVmSlots)).AddSeconds(-(i / hosts.Count / perVmSlots)),
                cpu = i % 97 * 1.0, memory = 20 + i % 60, disk = 40.5, networkIn = 1.25, networkOut = 0.5,
            }).ToArray(),
        };
        var batches = Math.Max(2, points / Batch);
        using var platform = await BenchHost.ClientAsync(app, "cloudapi");
        await platform.PostAsJsonAsync("/api/v1/metrics", Batch_(batches * 3)); // warm-up, a set of its own

        var sw = Stopwatch.StartNew();
        var accepted = 0;
        for (var b = 0; b < batches; b++) accepted += await PostAsync(platform, Batch_(b));
        sw.Stop();
        Console.WriteLine($"| {provider} | {batches * Batch:N0} 点 | 推送监测点（1 个客户端，每批 10,000 点，HTTP + JSON） | {accepted / sw.Elapsed.TotalSeconds:N0} 点/秒 | 共 {sw.Elapsed.TotalSeconds:F1} s |");

        using var second = await BenchHost.ClientAsync(app, "cloudapi");
        sw.Restart();
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async c =>
        {
            var n = 0;
            var client = c == 0 ? platform : second;
            for (var b = batches + c; b < batches * 3; b += 2) n += await PostAsync(client, Batch_(b));
            return n;
        }));
        sw.Stop();
        Console.WriteLine($"| {provider} | {batches * 2 * Batch:N0} 点 | 推送监测点（2 个客户端同时） | {results.Sum() / sw.Elapsed.TotalSeconds:N0} 点/秒 | 共 {sw.Elapsed.TotalSeconds:F1} s |");

        // The batch sent again: nothing new, every point known.
        sw.Restart();
        var again = await (await platform.PostAsJsonAsync("/api/v1/metrics", Batch_(0))).Content.ReadFromJsonAsync<MetricIngestResult>();
        sw.Stop();
        Console.WriteLine($"| {provider} | {Batch:N0} 点 | 重发同一批（全部已收到：{again!.AlreadyReceived:N0}） | {Batch / sw.Elapsed.TotalSeconds:N0} 点/秒 | {sw.Elapsed.TotalMilliseconds:F0} ms |");

        if (provider == "PostgreSql") await CeilingAsync(connectionString, provider, batches);

        // The day summarised: as the job does once the day has closed (here: every point held, whatever its day).
        sw.Restart();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
            var held = await db.MetricSamples.CountAsync();
            await db.MetricSamples.ExecuteUpdateAsync(s => s.SetProperty(x => x.UnixSeconds, x => x.UnixSeconds - 2 * 86_400));
            var days = await scope.ServiceProvider.GetRequiredService<UsageSummary>().RunAsync(default);
            sw.Stop();
            Console.WriteLine($"| {provider} | {held:N0} 点 | 汇总为日数据（{days.Count} 天，{await db.VmDailyUsage.CountAsync():N0} 行） | {held / sw.Elapsed.TotalSeconds:N0} 点/秒 | 共 {sw.Elapsed.TotalSeconds:F1} s |");
        }

        sw.Restart();
        var rows = await YearAsync(app.Services, provider, connectionString);
        Console.Error.WriteLine($"{provider}: {rows:N0} daily figures written in {sw.Elapsed.TotalSeconds:F0} s");
        var to = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(-1);
        var year = $"from={to.AddDays(-364):yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        await BenchHost.TimeAsync(app, provider, rows, [
            ("center", "使用率 按单位 近30天", "/api/v1/utilisation?level=agency"),
            ("center", "使用率 按网络分区 近30天", "/api/v1/utilisation?level=zone"),
            ("center", "使用率 按虚拟机 近30天 第1页（按CPU倒序）", "/api/v1/utilisation?level=vm&sort=-cpuUse"),
            ("center", "使用率 按单位 全年", $"/api/v1/utilisation?level=agency&{year}"),
            ("center", "使用率 按虚拟机 全年 第1页", $"/api/v1/utilisation?level=vm&{year}"),
            ("center", "闲置虚拟机", "/api/v1/utilisation/idle"),
        ], runs);
        return 0;
    }

    private static async Task<int> PostAsync(HttpClient client, object batch)
    {
        var response = await client.PostAsJsonAsync("/api/v1/metrics", batch);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<MetricIngestResult>();
        if (result!.UnknownVms.Count > 0 || result.Rejected > 0) throw new InvalidOperationException($"{result.UnknownVms.Count} unknown, {result.Rejected} rejected: {result.RejectedPoints.FirstOrDefault()}");
        return result.Accepted;
    }

    /// <summary>The same number of rows, binary COPY straight into a table of the same shape: no JSON, no lookup, no conflict check.</summary>
    private static async Task CeilingAsync(string connectionString, string provider, int batches)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE ceiling (LIKE \"MetricSamples\" INCLUDING ALL)", connection)) await create.ExecuteNonQueryAsync();
        var ids = new List<Guid>();
        await using (var read = new NpgsqlCommand("SELECT \"Id\" FROM \"CloudVms\" LIMIT 20000", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        var total = batches * Batch;
        var sw = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY ceiling (\"VmId\", \"UnixSeconds\", \"Cpu\", \"Memory\", \"Disk\", \"NetworkIn\", \"NetworkOut\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < total; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(ids[i % ids.Count], NpgsqlDbType.Uuid);
                await copy.WriteAsync(1_700_000_000L + i / ids.Count * 60, NpgsqlDbType.Bigint);
                foreach (var v in new[] { i % 97 * 1.0, 20.0 + i % 60, 40.5, 1.25, 0.5 }) await copy.WriteAsync(v, NpgsqlDbType.Double);
            }
            await copy.CompleteAsync();
        }
        sw.Stop();
        Console.WriteLine($"| {provider} | {total:N0} 点 | 上限：同样的行直接 COPY 进同样的表（无 JSON、无查找、无去重） | {total / sw.Elapsed.TotalSeconds:N0} 点/秒 | 共 {sw.Elapsed.TotalSeconds:F1} s |");
        await using var drop = new NpgsqlCommand("DROP TABLE ceiling", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>365 days to yesterday for every VM in use (a quarter of them idle), written in bulk: what three years of pulling leave, in one.</summary>
    private static async Task<int> YearAsync(IServiceProvider services, string provider, string connectionString)
    {
        var vms = await WithDbAsync(services, db => db.CloudVms.AsNoTracking().Where(v => v.State == VmState.Active)
            .Select(v => new VmFacts(v.Id, v.OrganisationId, v.SystemId, v.Zone, v.Vcpu, v.MemoryGb, v.SystemDiskGb + v.DataDiskGb)).ToListAsync());
        var yesterday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(-1);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        await db.VmDailyUsage.ExecuteDeleteAsync();
        var rows = 0;
        for (var d = 0; d < 365; d++)
        {
            var day = yesterday.AddDays(-d);
            var list = vms.Select((vm, i) =>
            {
                var idle = i % 4 == 0;
                var cpu = idle ? 2.0 : 10 + (i * 7 + d) % 60;
                var row = new VmDailyUsage { VmId = vm.Id, Day = day, Zone = vm.Zone, Source = "bench", Points = 288 };
                row.Set(GovCloud.Domain.Monitoring.UsageMetric.Cpu, new GovCloud.Domain.Monitoring.DailyFigure(cpu, cpu * 1.5, cpu * 2));
                row.Set(GovCloud.Domain.Monitoring.UsageMetric.Memory, new GovCloud.Domain.Monitoring.DailyFigure(idle ? 10 : 40, idle ? 12 : 55, idle ? 15 : 70));
                row.Set(GovCloud.Domain.Monitoring.UsageMetric.Disk, new GovCloud.Domain.Monitoring.DailyFigure(45, 46, 47));
                return DailyUsageStore.WithFacts(row, vm);
            }).ToList();
            db.VmDailyUsage.AddRange(list);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            rows += list.Count;
        }
        if (provider == "PostgreSql")
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var analyse = new NpgsqlCommand("ANALYZE \"VmDailyUsage\"", connection);
            await analyse.ExecuteNonQueryAsync();
        }
        return rows;
    }

    private static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<GovCloudDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GovCloudDbContext>());
    }
}
