using System.Data.Common;
using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>One point a platform reports: the VM (its id in GovCloud, host name, address or the platform's id), the moment, the values.</summary>
public sealed record MetricPoint(string? Vm, DateTimeOffset? At, double? Cpu, double? Memory, double? Disk, double? NetworkIn, double? NetworkOut);

public sealed record MetricBatch(IReadOnlyList<MetricPoint>? Points);

/// <summary>A point not taken, by its place in the batch (from 0), and why.</summary>
public sealed record RejectedPoint(int Index, string Reason);

/// <summary>
/// What became of a batch: points newly taken, points already received before (a batch sent again), the names that no VM of the
/// inventory answers to (their points are not taken), and the points refused with the reason (the first 100 listed).
/// </summary>
public sealed record MetricIngestResult(int Accepted, int AlreadyReceived, IReadOnlyList<string> UnknownVms, int Rejected, IReadOnlyList<RejectedPoint> RejectedPoints);

/// <summary>
/// Takes the points the cloud platform pushes and holds them until their day is summarised (<see cref="UsageSummary"/>).
/// Raw points are written straight with the provider's bulk path (binary COPY on PostgreSQL): a batch is 10,000 points and the
/// platform sends them for every VM every few minutes. Points are telemetry, not decisions: a batch is not audited, each day's
/// summary is.
/// </summary>
public sealed class MetricIngest(GovCloudDbContext db, VmDirectory vms, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    private const int ListedRejections = 100;
    /// <summary>A platform's clock may run a little ahead.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    private MonitoringOptions Options => options.Value.Monitoring;

    public async Task<MetricIngestResult> IngestAsync(Actor actor, MetricBatch batch, CancellationToken ct)
    {
        if (!actor.IsIn(Role.PlatformAgent)) throw ProblemException.Forbidden("监测数据由云平台对接账号报送");
        var points = batch.Points;
        if (points is null || points.Count == 0) throw ProblemException.Invalid("points", "请至少报送一个监测点");
        if (points.Count > Options.MaxPointsPerCall)
            throw ProblemException.Invalid("points", $"一次最多报送 {Options.MaxPointsPerCall:N0} 个监测点，本次 {points.Count:N0} 个，请分批报送");

        var now = clock.GetUtcNow();
        var openFrom = UsageDays.Start(UsageDays.EarliestOpenDay(now, Options.PushGraceHours));
        var known = await vms.ResolveAsync(points.Where(p => !string.IsNullOrWhiteSpace(p?.Vm)).Select(p => p!.Vm!.Trim()), ct);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var rejected = new List<RejectedPoint>();
        var rejectedCount = 0;
        var unknownPoints = 0;
        var rows = new Dictionary<(Guid, long), MetricSample>();
        for (var i = 0; i < points.Count; i++)
        {
            // A null in the list ("points":[null]) is a point refused like any other, not a failure of the whole call.
            MetricPoint? p = points[i];
            if ((p is null ? "监测点不能为空" : Check(p, now, openFrom)) is { } reason)
            {
                rejectedCount++;
                if (rejected.Count < ListedRejections) rejected.Add(new RejectedPoint(i, reason));
                continue;
            }
            var name = p!.Vm!.Trim();
            if (!known.TryGetValue(name, out var vm))
            {
                unknown.Add(name.Length <= 100 ? name : name[..100] + "…");
                unknownPoints++;
                continue;
            }
            var second = p.At!.Value.ToUnixTimeSeconds();
            // The same VM and second twice in one batch is one point: the last stands.
            rows[(vm.Id, second)] = new MetricSample
            {
                // As accepted: 100.5 % (the platform's rounding) is kept as 100.
                VmId = vm.Id, UnixSeconds = second, Cpu = Stored(UsageMetric.Cpu, p.Cpu), Memory = Stored(UsageMetric.Memory, p.Memory),
                Disk = Stored(UsageMetric.Disk, p.Disk), NetworkIn = Stored(UsageMetric.NetworkIn, p.NetworkIn), NetworkOut = Stored(UsageMetric.NetworkOut, p.NetworkOut),
            };
        }
        var inserted = rows.Count == 0 ? 0 : await InsertAsync(rows.Values, ct);
        return new MetricIngestResult(inserted, points.Count - unknownPoints - rejectedCount - inserted, unknown.ToList(), rejectedCount, rejected);
    }

    /// <summary>Why a point cannot be taken, in Chinese; null when it can.</summary>
    private static string? Check(MetricPoint p, DateTimeOffset now, DateTimeOffset openFrom)
    {
        if (string.IsNullOrWhiteSpace(p.Vm)) return "缺少虚拟机（vm：虚拟机编号、主机名、IP 或云平台编号）";
        if (p.At is not { } at) return "缺少时间（at）";
        if (at > now + FutureTolerance) return $"时间 {at.ToChina():yyyy-MM-dd HH:mm:ss} 晚于当前时间";
        if (at < openFrom) return $"时间 {at.ToChina():yyyy-MM-dd HH:mm:ss} 所在日期的数据已汇总，不再接收";
        if (p.Cpu is null && p.Memory is null && p.Disk is null && p.NetworkIn is null && p.NetworkOut is null) return "没有任何指标值";
        foreach (var (metric, value) in new[] { (UsageMetric.Cpu, p.Cpu), (UsageMetric.Memory, p.Memory), (UsageMetric.Disk, p.Disk),
                     (UsageMetric.NetworkIn, p.NetworkIn), (UsageMetric.NetworkOut, p.NetworkOut) })
        {
            if (value is { } v && UsageRules.Accept(metric, v) is null)
                return UsageRules.Refusal(metric, v);
        }
        return null;
    }

    private static double? Stored(UsageMetric metric, double? value) => value is { } v ? UsageRules.Accept(metric, v) : null;

    /// <summary>Writes the points not already held; returns how many were new.</summary>
    private async Task<int> InsertAsync(IEnumerable<MetricSample> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return connection is NpgsqlConnection pg ? await CopyAsync(pg, rows, ct) : await InsertEachAsync(connection, rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> CopyAsync(NpgsqlConnection connection, IEnumerable<MetricSample> rows, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand(
                         "CREATE TEMP TABLE metric_batch (\"VmId\" uuid, \"UnixSeconds\" bigint, \"Cpu\" double precision, \"Memory\" double precision, " +
                         "\"Disk\" double precision, \"NetworkIn\" double precision, \"NetworkOut\" double precision) ON COMMIT DROP", connection, tx))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY metric_batch (\"VmId\", \"UnixSeconds\", \"Cpu\", \"Memory\", \"Disk\", \"NetworkIn\", \"NetworkOut\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.VmId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(r.UnixSeconds, NpgsqlDbType.Bigint, ct);
                foreach (var v in new[] { r.Cpu, r.Memory, r.Disk, r.NetworkIn, r.NetworkOut })
                {
                    if (v is { } value) await copy.WriteAsync(value, NpgsqlDbType.Double, ct);
                    else await copy.WriteNullAsync(ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        int inserted;
        await using (var merge = new NpgsqlCommand(
                         "INSERT INTO \"MetricSamples\" (\"VmId\", \"UnixSeconds\", \"Cpu\", \"Memory\", \"Disk\", \"NetworkIn\", \"NetworkOut\") " +
                         "SELECT \"VmId\", \"UnixSeconds\", \"Cpu\", \"Memory\", \"Disk\", \"NetworkIn\", \"NetworkOut\" FROM metric_batch " +
                         "ON CONFLICT (\"VmId\", \"UnixSeconds\") DO NOTHING", connection, tx))
            inserted = await merge.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    private static async Task<int> InsertEachAsync(DbConnection connection, IEnumerable<MetricSample> rows, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT OR IGNORE INTO \"MetricSamples\" (\"VmId\", \"UnixSeconds\", \"Cpu\", \"Memory\", \"Disk\", \"NetworkIn\", \"NetworkOut\") " +
                             "VALUES ($vm, $at, $cpu, $memory, $disk, $in, $out)";
        var parameters = new[] { "$vm", "$at", "$cpu", "$memory", "$disk", "$in", "$out" }.Select(name =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = name;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        var inserted = 0;
        foreach (var r in rows)
        {
            // EF Core keeps a Guid in SQLite as upper-case text.
            parameters[0].Value = r.VmId.ToString().ToUpperInvariant();
            parameters[1].Value = r.UnixSeconds;
            parameters[2].Value = (object?)r.Cpu ?? DBNull.Value;
            parameters[3].Value = (object?)r.Memory ?? DBNull.Value;
            parameters[4].Value = (object?)r.Disk ?? DBNull.Value;
            parameters[5].Value = (object?)r.NetworkIn ?? DBNull.Value;
            parameters[6].Value = (object?)r.NetworkOut ?? DBNull.Value;
            inserted += await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return inserted;
    }
}

/// <summary>Days as the usage figures count them: Beijing days, as instants and Unix seconds.</summary>
public static class UsageDays
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Beijing);

    public static long StartSeconds(DateOnly day) => Start(day).ToUnixTimeSeconds();

    public static DateOnly DayOf(long unixSeconds) => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(Beijing).DateTime);

    /// <summary>The first day whose pushed points are still taken: a day closes <paramref name="graceHours"/> after it ends.</summary>
    public static DateOnly EarliestOpenDay(DateTimeOffset now, int graceHours) => DateOnly.FromDateTime(now.ToOffset(Beijing).AddHours(-graceHours).DateTime);
}
