using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Monitoring;

public enum UtilisationLevel
{
    Vm,
    System,
    Agency,
    Zone,
}

public sealed record UtilisationQuery(UtilisationLevel Level = UtilisationLevel.Agency, DateOnly? From = null, DateOnly? To = null, Guid? AgencyId = null,
    Guid? SystemId = null, string? Zone = null, string? Sort = null, int? Page = null, int? PageSize = null);

/// <summary>
/// A VM, system, agency or zone over a period: what was given (the mean per day of vCPU, memory and disk) and how much of it was used.
/// Use is weighted by size: 8 cores at 10 % and 2 cores at 90 % use 2.6 of 10 cores, 26 %. P95 is the size-weighted mean of the days' P95.
/// <c>Vms</c> is the mean number of VMs on the days the group reported (as the sizes are means per day).
/// </summary>
public sealed record UtilisationRow(string Key, string Name, string? AgencyName, string? SystemName, string? Zone, int Vms, int Days,
    double Vcpu, double MemoryGb, double DiskGb, double? CpuUse, double? CpuP95, double? MemoryUse, double? MemoryP95, double? DiskUse,
    double? NetworkInMbps, double? NetworkOutMbps);

public sealed record UtilisationTrendPoint(DateOnly Day, int Vms, double Vcpu, double MemoryGb, double? CpuUse, double? MemoryUse, double? DiskUse);

public sealed record UtilisationReport(UtilisationLevel Level, DateOnly From, DateOnly To, UtilisationRow? Total, Paged<UtilisationRow> Rows,
    IReadOnlyList<UtilisationTrendPoint> Trend);

public sealed record SizingQuery(Guid? AgencyId = null, Guid? SystemId = null, string? Zone = null, int? Page = null, int? PageSize = null, Guid? VmId = null);

/// <summary>A VM the rules find idle or oversized, with what the Center proposes; the agency decides.</summary>
public sealed record SizingRow(Guid VmId, string HostName, string Ips, Guid OrganisationId, string AgencyName, Guid SystemId, string SystemName, string Zone,
    int Vcpu, int MemoryGb, int DaysReported, double? PeakCpuP95, double? PeakMemoryP95, SizingVerdict Verdict, int ProposedVcpu, int ProposedMemoryGb, string Reason,
    string? OpenProposal = null);

public sealed record SizingReport(DateOnly From, DateOnly To, Paged<SizingRow> Rows);

/// <summary>Reads the daily figures for the utilisation pages and API, within the reader's data scope.</summary>
public sealed partial class UtilisationService(GovCloudDbContext db, DataScope scope, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    private MonitoringOptions Options => options.Value.Monitoring;

    /// <summary>The longest period one report reads: the figures kept.</summary>
    private int MaxDays => Math.Max(1, Options.RetentionYears) * 366;

    public async Task<UtilisationReport> ReportAsync(Actor actor, UtilisationQuery query, CancellationToken ct)
    {
        var report = await BuildAsync(await scope.OrganisationsAsync(actor, ct), query, ct);
        var (page, size) = Paging.Normalise(query.Page, query.PageSize);
        return new UtilisationReport(query.Level, report.From, report.To, report.Total,
            new Paged<UtilisationRow>(report.Rows.Skip((page - 1) * size).Take(size).ToList(), report.Rows.Count, page, size), report.Trend);
    }

    internal sealed record Built(DateOnly From, DateOnly To, UtilisationRow? Total, IReadOnlyList<UtilisationRow> Rows, IReadOnlyList<UtilisationTrendPoint> Trend);

    /// <summary>The whole city's report, every row (the monthly operations bulletin counts all agencies whoever asks for it).</summary>
    internal Task<Built> CityAsync(UtilisationQuery query, CancellationToken ct) => BuildAsync(null, query, ct);

    /// <summary>
    /// Every row of the report over the organisations <paramref name="visible"/> (null: all), sorted; the page and the export take what they show of it.
    /// Agencies, zones, the total and the trend add up the daily rollups; systems and VMs (and anything filtered by system) read the VMs' own rows.
    /// </summary>
    private async Task<Built> BuildAsync(IReadOnlyCollection<Guid>? visible, UtilisationQuery query, CancellationToken ct)
    {
        var (from, to) = Period(query.From, query.To);
        var rows = Filtered(visible, from, to, query.AgencyId, query.SystemId, query.Zone);
        var rolled = query.SystemId is null;
        if (rolled) await UsageRollups.CatchUpAsync(db, ct);
        var sums = RolledUp(visible, from, to, query.AgencyId, query.Zone);

        var groups = query.Level switch
        {
            UtilisationLevel.Vm => (await Sum(rows.GroupBy(u => u.VmId)).ToListAsync(ct)).Select(g => g.Keyed(g.Key.ToString())).ToList(),
            UtilisationLevel.System => (await Sum(rows.GroupBy(u => u.SystemId)).ToListAsync(ct)).Select(g => g.Keyed(g.Key.ToString())).ToList(),
            UtilisationLevel.Agency when rolled => (await Sum(sums.GroupBy(u => u.OrganisationId)).ToListAsync(ct)).Select(g => g.Keyed(g.Key.ToString())).ToList(),
            UtilisationLevel.Agency => (await Sum(rows.GroupBy(u => u.OrganisationId)).ToListAsync(ct)).Select(g => g.Keyed(g.Key.ToString())).ToList(),
            _ when rolled => (await Sum(sums.GroupBy(u => u.Zone)).ToListAsync(ct)).Select(g => g.Keyed(g.Key)).ToList(),
            _ => (await Sum(rows.GroupBy(u => u.Zone)).ToListAsync(ct)).Select(g => g.Keyed(g.Key)).ToList(),
        };

        var days = rolled
            ? await sums.GroupBy(u => u.Day).Select(g => new TrendSums(g.Key, g.Sum(u => u.Vms), g.Sum(u => u.Vcpu), g.Sum(u => u.MemoryGb), g.Sum(u => u.CpuUsed),
                g.Sum(u => u.CpuWeight), g.Sum(u => u.MemoryUsed), g.Sum(u => u.MemoryWeight), g.Sum(u => u.DiskUsed), g.Sum(u => u.DiskWeight))).ToListAsync(ct)
            : await rows.GroupBy(u => u.Day).Select(g => new TrendSums(g.Key, g.Count(), g.Sum(u => (long)u.Vcpu), g.Sum(u => (long)u.MemoryGb),
                g.Sum(u => u.CpuAvg == null ? 0 : u.Vcpu * u.CpuAvg.Value), g.Sum(u => u.CpuAvg == null ? 0L : u.Vcpu),
                g.Sum(u => u.MemoryAvg == null ? 0 : u.MemoryGb * u.MemoryAvg.Value), g.Sum(u => u.MemoryAvg == null ? 0L : u.MemoryGb),
                g.Sum(u => u.DiskAvg == null ? 0 : u.DiskGb * u.DiskAvg.Value), g.Sum(u => u.DiskAvg == null ? 0L : u.DiskGb))).ToListAsync(ct);
        var trend = days.OrderBy(t => t.Day)
            .Select(t => new UtilisationTrendPoint(t.Day, t.Vms, t.Vcpu, t.MemoryGb, Share(t.CpuUsed, t.CpuWeight), Share(t.MemoryUsed, t.MemoryWeight),
                Share(t.DiskUsed, t.DiskWeight)))
            .ToList();

        // The total adds up the groups (every figure is a sum); its days are the days with any figure, one point each on the trend.
        var totals = groups.Count == 0 ? null : new Sums<string>("", groups.Sum(g => g.VmDays), trend.Count, groups.Sum(g => g.VcpuDays), groups.Sum(g => g.MemoryDays),
            groups.Sum(g => g.DiskDays), groups.Sum(g => g.CpuUsed), groups.Sum(g => g.CpuP95), groups.Sum(g => g.CpuWeight), groups.Sum(g => g.MemoryUsed),
            groups.Sum(g => g.MemoryP95), groups.Sum(g => g.MemoryWeight), groups.Sum(g => g.DiskUsed), groups.Sum(g => g.DiskWeight), groups.Sum(g => g.NetworkIn),
            groups.Sum(g => g.NetworkOut));
        var names = await NamesAsync(query.Level, groups.Select(g => g.Key).ToList(), ct);
        var sorted = Sorted(groups.Select(g => ToRow(g, names)), query.Sort).ToList();
        var total = totals is null ? null : ToRow(totals, new Dictionary<string, Named> { [""] = new("合计", null, null, null) });
        return new Built(from, to, total, sorted, trend);
    }

    private sealed record TrendSums(DateOnly Day, int Vms, long Vcpu, long MemoryGb, double CpuUsed, long CpuWeight, double MemoryUsed, long MemoryWeight,
        double DiskUsed, long DiskWeight);

    /// <summary>The whole report (every row, the total last) as a sheet, and the daily trend as a second.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, UtilisationQuery query, CancellationToken ct)
    {
        var report = await BuildAsync(await scope.OrganisationsAsync(actor, ct), query, ct);
        var rows = report.Rows.Concat(report.Total is { } t ? [t] : []);
        var level = LevelName(query.Level);
        ExcelColumn<UtilisationRow>[] columns =
        [
            new(level, r => r.Name), new("所属单位", r => query.Level is UtilisationLevel.Vm or UtilisationLevel.System ? r.AgencyName : null),
            new("信息系统", r => query.Level == UtilisationLevel.Vm ? r.SystemName : null), new("网络分区", r => query.Level == UtilisationLevel.Vm ? r.Zone : null),
            new("日均虚拟机台数", r => r.Vms), new("有数据天数", r => r.Days), new("日均vCPU（核）", r => r.Vcpu), new("日均内存（GB）", r => r.MemoryGb),
            new("日均磁盘（GB）", r => r.DiskGb), new("CPU使用率（%）", r => r.CpuUse), new("CPU使用率P95（%）", r => r.CpuP95),
            new("内存使用率（%）", r => r.MemoryUse), new("内存使用率P95（%）", r => r.MemoryP95), new("磁盘使用率（%）", r => r.DiskUse),
            new("网络流入（Mbps）", r => r.NetworkInMbps), new("网络流出（Mbps）", r => r.NetworkOutMbps),
        ];
        ExcelColumn<UtilisationTrendPoint>[] trend =
        [
            new("日期", t => t.Day.ToString("yyyy-MM-dd")), new("虚拟机台数", t => t.Vms), new("vCPU（核）", t => t.Vcpu), new("内存（GB）", t => t.MemoryGb),
            new("CPU使用率（%）", t => t.CpuUse), new("内存使用率（%）", t => t.MemoryUse), new("磁盘使用率（%）", t => t.DiskUse),
        ];
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            [$"按{level}（{report.From:yyyy-MM-dd}至{report.To:yyyy-MM-dd}）"] = ExcelExport.Sheet(rows, columns),
            ["逐日趋势"] = ExcelExport.Sheet(report.Trend, trend),
        };
        return await ExcelExport.ToXlsxAsync(sheets, ct);
    }

    public static string LevelName(UtilisationLevel level) => level switch
    {
        UtilisationLevel.Vm => "虚拟机", UtilisationLevel.System => "信息系统", UtilisationLevel.Agency => "单位", _ => "网络分区",
    };

    private (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to)
    {
        var today = ChinaTime.Today(clock);
        var range = options.Value.Dates.Around(today);
        new Validation().Date(to, "to", "结束日期", range).Date(from, "from", "开始日期", range).ThrowIfInvalid();
        var last = to ?? today.AddDays(-1);
        var first = from ?? last.AddDays(-29);
        if (first > last) throw ProblemException.Invalid("from", "开始日期不能晚于结束日期");
        if (last.DayNumber - first.DayNumber + 1 > MaxDays) throw ProblemException.Invalid("from", $"一次最多查询 {MaxDays} 天");
        return (first, last);
    }

    private IQueryable<VmDailyUsage> Filtered(IReadOnlyCollection<Guid>? visible, DateOnly from, DateOnly to, Guid? agencyId, Guid? systemId, string? zone)
    {
        var rows = db.VmDailyUsage.AsNoTracking().Where(u => u.Day >= from && u.Day <= to);
        if (visible is not null) rows = rows.Where(u => visible.Contains(u.OrganisationId));
        if (agencyId is { } a) rows = rows.Where(u => u.OrganisationId == a);
        if (systemId is { } s) rows = rows.Where(u => u.SystemId == s);
        if (!string.IsNullOrWhiteSpace(zone)) rows = rows.Where(u => u.Zone == zone);
        return rows;
    }

    private IQueryable<UsageRollup> RolledUp(IReadOnlyCollection<Guid>? visible, DateOnly from, DateOnly to, Guid? agencyId, string? zone)
    {
        var rows = db.UsageRollups.AsNoTracking().Where(u => u.Day >= from && u.Day <= to);
        if (visible is not null) rows = rows.Where(u => visible.Contains(u.OrganisationId));
        if (agencyId is { } a) rows = rows.Where(u => u.OrganisationId == a);
        if (!string.IsNullOrWhiteSpace(zone)) rows = rows.Where(u => u.Zone == zone);
        return rows;
    }

    /// <summary>Sums of a group over the period; <c>VmDays</c> counts each VM once per day it reported.</summary>
    private sealed record Sums<TKey>(TKey Key, int VmDays, int Days, long VcpuDays, long MemoryDays, long DiskDays, double CpuUsed, double CpuP95, long CpuWeight,
        double MemoryUsed, double MemoryP95, long MemoryWeight, double DiskUsed, long DiskWeight, double NetworkIn, double NetworkOut)
    {
        public Sums<string> Keyed(string key) => new(key, VmDays, Days, VcpuDays, MemoryDays, DiskDays, CpuUsed, CpuP95, CpuWeight, MemoryUsed, MemoryP95,
            MemoryWeight, DiskUsed, DiskWeight, NetworkIn, NetworkOut);
    }

    private static IQueryable<Sums<TKey>> Sum<TKey>(IQueryable<IGrouping<TKey, VmDailyUsage>> groups) => groups.Select(g => new Sums<TKey>(
        g.Key, g.Count(), g.Select(u => u.Day).Distinct().Count(),
        g.Sum(u => (long)u.Vcpu), g.Sum(u => (long)u.MemoryGb), g.Sum(u => (long)u.DiskGb),
        g.Sum(u => u.CpuAvg == null ? 0 : u.Vcpu * u.CpuAvg.Value), g.Sum(u => u.CpuP95 == null ? 0 : u.Vcpu * u.CpuP95.Value), g.Sum(u => u.CpuAvg == null ? 0L : u.Vcpu),
        g.Sum(u => u.MemoryAvg == null ? 0 : u.MemoryGb * u.MemoryAvg.Value), g.Sum(u => u.MemoryP95 == null ? 0 : u.MemoryGb * u.MemoryP95.Value), g.Sum(u => u.MemoryAvg == null ? 0L : u.MemoryGb),
        g.Sum(u => u.DiskAvg == null ? 0 : u.DiskGb * u.DiskAvg.Value), g.Sum(u => u.DiskAvg == null ? 0L : u.DiskGb),
        g.Sum(u => u.NetworkInAvg ?? 0), g.Sum(u => u.NetworkOutAvg ?? 0)));

    private static IQueryable<Sums<TKey>> Sum<TKey>(IQueryable<IGrouping<TKey, UsageRollup>> groups) => groups.Select(g => new Sums<TKey>(
        g.Key, g.Sum(r => r.Vms), g.Select(r => r.Day).Distinct().Count(), g.Sum(r => r.Vcpu), g.Sum(r => r.MemoryGb), g.Sum(r => r.DiskGb),
        g.Sum(r => r.CpuUsed), g.Sum(r => r.CpuP95Used), g.Sum(r => r.CpuWeight), g.Sum(r => r.MemoryUsed), g.Sum(r => r.MemoryP95Used), g.Sum(r => r.MemoryWeight),
        g.Sum(r => r.DiskUsed), g.Sum(r => r.DiskWeight), g.Sum(r => r.NetworkIn), g.Sum(r => r.NetworkOut)));

    private static UtilisationRow ToRow(Sums<string> s, IReadOnlyDictionary<string, Named> names)
    {
        var n = names.GetValueOrDefault(s.Key) ?? new Named(s.Key, null, null, null);
        double PerDay(double total) => s.Days == 0 ? 0 : Math.Round(total / s.Days, 2);
        // VMs per day on the days the group reported: a VM added mid-month counts for the days it ran, as its cores do.
        var vms = s.Days == 0 ? 0 : (int)Math.Round((double)s.VmDays / s.Days, MidpointRounding.AwayFromZero);
        return new UtilisationRow(s.Key, n.Name, n.Agency, n.System, n.Zone, vms, s.Days, PerDay(s.VcpuDays), PerDay(s.MemoryDays), PerDay(s.DiskDays),
            Share(s.CpuUsed, s.CpuWeight), Share(s.CpuP95, s.CpuWeight), Share(s.MemoryUsed, s.MemoryWeight), Share(s.MemoryP95, s.MemoryWeight),
            Share(s.DiskUsed, s.DiskWeight), PerDay(s.NetworkIn), PerDay(s.NetworkOut));
    }

    private static double? Share(double used, long weight) => weight == 0 ? null : Math.Round(used / weight, 2);

    private static IEnumerable<UtilisationRow> Sorted(IEnumerable<UtilisationRow> rows, string? sort) => sort switch
    {
        "cpuUse" => rows.OrderBy(r => r.CpuUse ?? double.MaxValue),
        "-cpuUse" => rows.OrderByDescending(r => r.CpuUse ?? -1),
        "memoryUse" => rows.OrderBy(r => r.MemoryUse ?? double.MaxValue),
        "-memoryUse" => rows.OrderByDescending(r => r.MemoryUse ?? -1),
        "vcpu" => rows.OrderBy(r => r.Vcpu),
        "-vcpu" => rows.OrderByDescending(r => r.Vcpu),
        "-name" => rows.OrderByDescending(r => r.Name, StringComparer.Ordinal),
        null or "" or "name" => rows.OrderBy(r => r.Name, StringComparer.Ordinal),
        _ => throw ProblemException.Invalid("sort", "排序只能是 name、cpuUse、memoryUse、vcpu（前加 - 为倒序）"),
    };

    private sealed record Named(string Name, string? Agency, string? System, string? Zone);

    /// <summary>Names of the keys as people know them: host name, system, agency (with what each belongs to) or the zone itself.</summary>
    private async Task<Dictionary<string, Named>> NamesAsync(UtilisationLevel level, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var names = new Dictionary<string, Named>();
        if (level == UtilisationLevel.Zone)
        {
            foreach (var k in keys) names[k] = new Named(k, null, null, k);
            return names;
        }
        var ids = keys.Select(Guid.Parse).ToList();
        foreach (var chunk in ids.Chunk(2_000))
        {
            var found = level switch
            {
                UtilisationLevel.Vm => await db.CloudVms.AsNoTracking().Where(v => chunk.Contains(v.Id))
                    .Select(v => new { v.Id, Name = v.HostName, Agency = v.Organisation!.Name, System = v.System!.Name, Zone = (string?)v.Zone }).ToListAsync(ct),
                UtilisationLevel.System => await db.InfoSystems.AsNoTracking().Where(s => chunk.Contains(s.Id))
                    .Select(s => new { s.Id, s.Name, Agency = s.Organisation!.Name, System = s.Name, Zone = (string?)null }).ToListAsync(ct),
                _ => await db.Organisations.AsNoTracking().Where(o => chunk.Contains(o.Id))
                    .Select(o => new { o.Id, o.Name, Agency = o.Name, System = (string)null!, Zone = (string?)null }).ToListAsync(ct),
            };
            foreach (var f in found) names[f.Id.ToString()] = new Named(f.Name, f.Agency, level == UtilisationLevel.Agency ? null : f.System, f.Zone);
        }
        return names;
    }
}
