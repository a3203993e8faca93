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
/// Scale scenario of the usage figures and the monthly operations bulletin on a generated inventory of
/// <c>vms</c> VMs (default 100,000; 1,000 agencies):
/// 1. Ingest: <c>points</c> monitoring points (default 500,000) pushed as the platform pushes them, batches of 10,000 over HTTP with the
///    platform's token, one client and then two at once; on PostgreSQL, against the ceiling of a raw binary COPY of the same rows into a
///    table of the same shape with no checks (what the disk and the server take at most).
/// 2. Summary: the day's points turned into daily figures.
/// 3. Reading: 365 days of daily figures for every VM in use written straight (34 million rows for 100,000 VMs; indexes built after),
///    the daily sums taken in as the first reader does, then the utilisation page's calls (agency, zone and VM; 30 and 365 days),
///    the idle and oversized lists, as the Center calls them.
/// 4. The bulletin of last month counted for the whole city (1,000 agencies), its PDF and workbook. Prints markdown rows.
/// dotnet run -c Release --project bench/GovCloud.Bench -- metrics Sqlite "Data Source=/tmp/x.db" 100000 10
/// </summary>
public static class MetricsScale
{
    private const int Batch = 10_000;
    private const int Points = 500_000;

    public static async Task<int> RunAsync(string provider, string connectionString, int vms, int runs)
    {
        var points = Points;
        await using var app = BenchHost.Create(provider, connectionString);
        using (var warm = app.CreateClient()) { }
        var generate = Stopwatch.StartNew();
        await InventoryScale.GenerateAsync(app.Services, vms);
        Console.Error.WriteLine($"{provider}: generated {vms:N0} VMs in {generate.Elapsed.TotalSeconds:F0} s");
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
        sw.Restart();
        await WithDbAsync(app.Services, async db => { await UsageRollups.CatchUpAsync(db, default); return 0; });
        Console.WriteLine($"| {provider} | {rows:N0} 行 | 全年日数据首次汇入按单位、分区的日合计（{await WithDbAsync(app.Services, db => db.UsageRollups.CountAsync()):N0} 行） | — | 共 {sw.Elapsed.TotalSeconds:F1} s |");
        var to = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(-1);
        var year = $"from={to.AddDays(-364):yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var agency = await WithDbAsync(app.Services, db => db.Organisations.Where(o => o.Name == "市教育局").Select(o => o.Id).FirstAsync());
        await BenchHost.TimeAsync(app, provider, rows, [
            ("center", "使用率页面默认：按单位 近30天（含合计、逐日趋势）", "/api/v1/utilisation?level=agency"),
            ("center", "使用率页面：闲置虚拟机 前200台", "/api/v1/utilisation/idle?pageSize=200"),
            ("center", "使用率 按网络分区 近30天", "/api/v1/utilisation?level=zone"),
            ("center", "使用率 按单位 全年", $"/api/v1/utilisation?level=agency&{year}"),
            ("center", "使用率 按网络分区 全年", $"/api/v1/utilisation?level=zone&{year}"),
            ("edu", "使用单位 本单位 全年", $"/api/v1/utilisation?level=vm&{year}"),
            ("center", "使用率 一个单位的虚拟机 全年", $"/api/v1/utilisation?level=vm&agencyId={agency}&{year}"),
            ("center", "使用率 按虚拟机 近30天 第1页（按CPU倒序）", "/api/v1/utilisation?level=vm&sort=-cpuUse"),
            ("center", "使用率 按信息系统 近30天", "/api/v1/utilisation?level=system"),
            ("center", "配置过高虚拟机", "/api/v1/utilisation/oversized"),
        ], runs);

        // The bulletin of last month for the whole city, counted as the Center does (the first count writes the draft), then its documents.
        var month = new DateOnly(to.Year, to.Month, 1).AddMonths(-1).ToString("yyyy-MM");
        using var center = await BenchHost.ClientAsync(app, "center");
        var counts = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            sw.Restart();
            (await center.PostAsync($"/api/v1/bulletins/{month}/count", null)).EnsureSuccessStatusCode();
            counts.Add(sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"| {provider} | {vms:N0} 台 / 1,000 个单位 | 运行情况通报：统计上月（3 次） | 最快 {counts.Min():F1} s | 最慢 {counts.Max():F1} s |");
        foreach (var (name, url) in new[] { ("运行情况通报 PDF（含 2 幅图）", $"/api/v1/bulletins/{month}.pdf"), ("运行情况通报 Excel（9 个工作表）", $"/api/v1/bulletins/{month}.xlsx") })
        {
            sw.Restart();
            var bytes = await center.GetByteArrayAsync(url);
            Console.WriteLine($"| {provider} | {vms:N0} 台 / 1,000 个单位 | {name} | {sw.Elapsed.TotalSeconds:F1} s | {bytes.Length / 1024.0:F0} KB |");
        }
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

    /// <summary>
    /// 365 days to yesterday for every VM in use (a quarter of them idle), written in bulk with the table's indexes dropped and built
    /// again after (what three years of pulling leave, in one): binary COPY on PostgreSQL, one prepared insert per row on SQLite.
    /// </summary>
    private static async Task<int> YearAsync(IServiceProvider services, string provider, string connectionString)
    {
        var vms = await WithDbAsync(services, db => db.CloudVms.AsNoTracking().Where(v => v.State == VmState.Active)
            .Select(v => new VmFacts(v.Id, v.OrganisationId, v.SystemId, v.Zone, v.Vcpu, v.MemoryGb, v.SystemDiskGb + v.DataDiskGb)).ToListAsync());
        var yesterday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(-1);
        await WithDbAsync(services, db => db.VmDailyUsage.ExecuteDeleteAsync());
        IEnumerable<(VmFacts Vm, DateOnly Day, double Cpu, bool Idle)> Rows() =>
            Enumerable.Range(0, 365).SelectMany(d => vms.Select((vm, i) => (vm, yesterday.AddDays(-d), i % 4 == 0 ? 2.0 : 10 + (i * 7 + d) % 60, i % 4 == 0)));
        double?[] Figures((VmFacts Vm, DateOnly Day, double Cpu, bool Idle) r) =>
            [r.Cpu, r.Cpu * 1.5, r.Cpu * 2, r.Idle ? 10 : 40, r.Idle ? 12 : 55, r.Idle ? 15 : 70, 45, 46, 47, 1.5, 3, 6, 0.5, 1, 2];
        const string figureColumns = "\"CpuAvg\", \"CpuP95\", \"CpuMax\", \"MemoryAvg\", \"MemoryP95\", \"MemoryMax\", \"DiskAvg\", \"DiskP95\", \"DiskMax\", " +
                                     "\"NetworkInAvg\", \"NetworkInP95\", \"NetworkInMax\", \"NetworkOutAvg\", \"NetworkOutP95\", \"NetworkOutMax\"";
        const string columns = "\"VmId\", \"OrganisationId\", \"SystemId\", \"Zone\", \"Day\", \"Vcpu\", \"MemoryGb\", \"DiskGb\", \"Points\", \"Source\", " + figureColumns;
        var rows = 0;
        if (provider == "PostgreSql")
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Command Timeout=0");
            await connection.OpenAsync();
            var indexes = await ListAsync(connection, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'VmDailyUsage' AND indexname NOT LIKE 'PK_%'");
            foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY \"VmDailyUsage\" ({columns}) FROM STDIN (FORMAT BINARY)"))
            {
                copy.Timeout = TimeSpan.FromHours(1);
                foreach (var r in Rows())
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.Vm.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Vm.OrganisationId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Vm.SystemId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Vm.Zone, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.Day, NpgsqlDbType.Date);
                    await copy.WriteAsync(r.Vm.Vcpu, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.Vm.MemoryGb, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.Vm.DiskGb, NpgsqlDbType.Integer);
                    await copy.WriteAsync(288, NpgsqlDbType.Integer);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                    foreach (var f in Figures(r)) await copy.WriteAsync(f!.Value, NpgsqlDbType.Double);
                    rows++;
                }
                await copy.CompleteAsync();
            }
            foreach (var (_, definition) in indexes) await ExecuteAsync(connection, definition);
            await ExecuteAsync(connection, "ANALYZE \"VmDailyUsage\"");
            return rows;
        }

        await using var scope = services.CreateAsyncScope();
        var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)scope.ServiceProvider.GetRequiredService<GovCloudDbContext>().Database.GetDbConnection();
        await sqlite.OpenAsync();
        var sqliteIndexes = await ListAsync(sqlite, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'VmDailyUsage' AND sql IS NOT NULL");
        foreach (var (name, _) in sqliteIndexes) await ExecuteAsync(sqlite, $"DROP INDEX \"{name}\"");
        var names = new[] { "VmId", "OrganisationId", "SystemId", "Zone", "Day", "Vcpu", "MemoryGb", "DiskGb", "Points", "Source" }
            .Concat(figureColumns.Split(", ").Select(c => c.Trim('"'))).ToArray();
        foreach (var day in Rows().Chunk(vms.Count))
        {
            await using var tx = sqlite.BeginTransaction();
            await using var insert = sqlite.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO \"VmDailyUsage\" ({columns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
            var parameters = names.ToDictionary(n => n, n => insert.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$" + n, null)));
            insert.Prepare();
            foreach (var r in day)
            {
                // As EF Core's SQLite provider stores them: a GUID as upper-case text, a date as yyyy-MM-dd.
                parameters["VmId"].Value = r.Vm.Id.ToString().ToUpperInvariant();
                parameters["OrganisationId"].Value = r.Vm.OrganisationId.ToString().ToUpperInvariant();
                parameters["SystemId"].Value = r.Vm.SystemId.ToString().ToUpperInvariant();
                parameters["Zone"].Value = r.Vm.Zone;
                parameters["Day"].Value = r.Day.ToString("yyyy-MM-dd");
                parameters["Vcpu"].Value = r.Vm.Vcpu;
                parameters["MemoryGb"].Value = r.Vm.MemoryGb;
                parameters["DiskGb"].Value = r.Vm.DiskGb;
                parameters["Points"].Value = 288;
                parameters["Source"].Value = "bench";
                var figures = Figures(r);
                for (var f = 0; f < figures.Length; f++) parameters[names[10 + f]].Value = figures[f]!.Value;
                await insert.ExecuteNonQueryAsync();
                rows++;
            }
            await tx.CommitAsync();
        }
        foreach (var (_, definition) in sqliteIndexes) await ExecuteAsync(sqlite, definition);
        await ExecuteAsync(sqlite, "ANALYZE");
        return rows;
    }

    private static async Task<List<(string Name, string Definition)>> ListAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var list = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<GovCloudDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GovCloudDbContext>());
    }
}
