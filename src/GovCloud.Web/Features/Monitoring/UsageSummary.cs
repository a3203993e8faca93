using GovCloud.Domain.Monitoring;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>
/// Turns the points pushed for a day into each VM's daily figures once the day has closed (<see cref="MonitoringOptions.PushGraceHours"/>
/// after midnight), then lets the points go; drops daily figures older than the retention. Runs under a lease, once across instances.
/// </summary>
public sealed class UsageSummary(GovCloudDbContext db, AuditLog audit, TimeProvider clock, IOptions<GovCloudOptions> options, ILogger<UsageSummary> log)
{
    public const string PushedSource = "推送";
    private const string Lease = "Usage summary";

    private MonitoringOptions Options => options.Value.Monitoring;

    /// <summary>Summarises every closed day that still has points; returns the days done.</summary>
    public async Task<IReadOnlyList<DateOnly>> RunAsync(CancellationToken ct)
    {
        if (!await JobLeases.TryAcquireAsync(db, Lease, JobLeases.Instance, TimeSpan.FromMinutes(30), clock.GetUtcNow(), ct)) return [];
        var done = new List<DateOnly>();
        try
        {
            var closedBefore = UsageDays.StartSeconds(UsageDays.EarliestOpenDay(clock.GetUtcNow(), Options.PushGraceHours));
            while (await db.MetricSamples.Where(s => s.UnixSeconds < closedBefore).OrderBy(s => s.UnixSeconds).Select(s => (long?)s.UnixSeconds).FirstOrDefaultAsync(ct) is { } first)
            {
                var day = UsageDays.DayOf(first);
                await SummariseAsync(day, ct);
                done.Add(day);
            }
            var oldest = ChinaTime.Today(clock).AddYears(-Options.RetentionYears);
            var dropped = await db.VmDailyUsage.Where(u => u.Day < oldest).ExecuteDeleteAsync(ct);
            await db.UsageRollups.Where(r => r.Day < oldest).ExecuteDeleteAsync(ct);
            // Figures written other than through the store (a repair by hand, the first run after an upgrade) are summed here, not in a reader's request.
            await UsageRollups.CatchUpAsync(db, ct);
            await SizingEvidences.EnsureAsync(db, ChinaTime.Today(clock).AddDays(-1), Options.Policy, ct);
            if (dropped > 0) log.LogInformation("Usage: {Rows} daily figures before {Day} dropped (kept {Years} years)", dropped, oldest, Options.RetentionYears);
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, Lease, JobLeases.Instance, CancellationToken.None);
        }
        return done;
    }

    private async Task SummariseAsync(DateOnly day, CancellationToken ct)
    {
        var from = UsageDays.StartSeconds(day);
        var to = from + 86_400;
        var figures = new List<VmDailyUsage>();
        var points = 0;
        var samples = db.MetricSamples.AsNoTracking().Where(s => s.UnixSeconds >= from && s.UnixSeconds < to).OrderBy(s => s.VmId).AsAsyncEnumerable();
        var vmIds = new List<Guid>();
        var current = new List<MetricSample>();
        await foreach (var sample in samples.WithCancellation(ct))
        {
            if (current.Count > 0 && current[0].VmId != sample.VmId) Flush();
            current.Add(sample);
            points++;
        }
        if (current.Count > 0) Flush();

        var facts = await db.CloudVms.AsNoTracking().Where(v => vmIds.Contains(v.Id))
            .Select(v => new VmFacts(v.Id, v.OrganisationId, v.SystemId, v.Zone, v.Vcpu, v.MemoryGb, v.SystemDiskGb + v.DataDiskGb))
            .ToDictionaryAsync(v => v.Id, ct);
        var rows = figures.Where(f => facts.ContainsKey(f.VmId)).Select(f => DailyUsageStore.WithFacts(f, facts[f.VmId])).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DailyUsageStore.ReplaceAsync(db, day, rows, ct);
        await db.MetricSamples.Where(s => s.UnixSeconds >= from && s.UnixSeconds < to).ExecuteDeleteAsync(ct);
        audit.Record(Actor.System, AuditActions.UsageSummarised, "VmDailyUsage", day.ToString("yyyy-MM-dd"),
            after: new { day = day.ToString("yyyy-MM-dd"), vms = rows.Count, points });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Usage: {Day} summarised from {Points} pushed points of {Vms} VMs", day, points, rows.Count);

        void Flush()
        {
            var vmId = current[0].VmId;
            vmIds.Add(vmId);
            var row = new VmDailyUsage { VmId = vmId, Day = day, Zone = "", Source = PushedSource, Points = current.Count };
            row.Set(UsageMetric.Cpu, UsageRules.Summarise(current.Where(s => s.Cpu is not null).Select(s => s.Cpu!.Value)));
            row.Set(UsageMetric.Memory, UsageRules.Summarise(current.Where(s => s.Memory is not null).Select(s => s.Memory!.Value)));
            row.Set(UsageMetric.Disk, UsageRules.Summarise(current.Where(s => s.Disk is not null).Select(s => s.Disk!.Value)));
            row.Set(UsageMetric.NetworkIn, UsageRules.Summarise(current.Where(s => s.NetworkIn is not null).Select(s => s.NetworkIn!.Value)));
            row.Set(UsageMetric.NetworkOut, UsageRules.Summarise(current.Where(s => s.NetworkOut is not null).Select(s => s.NetworkOut!.Value)));
            figures.Add(row);
            current = [];
        }
    }
}

/// <summary>Writing a day's figures, whichever way they came: a VM has one row a day, the newest figures replace the old.</summary>
public static class DailyUsageStore
{
    private const int Batch = 2_000;

    public static VmDailyUsage WithFacts(VmDailyUsage row, VmFacts vm)
    {
        row.OrganisationId = vm.OrganisationId;
        row.SystemId = vm.SystemId;
        row.Zone = vm.Zone;
        row.Vcpu = vm.Vcpu;
        row.MemoryGb = vm.MemoryGb;
        row.DiskGb = vm.DiskGb;
        return row;
    }

    /// <summary>Replaces the figures of <paramref name="day"/> for the VMs in <paramref name="rows"/>; the caller holds the transaction.</summary>
    public static async Task ReplaceAsync(GovCloudDbContext db, DateOnly day, IReadOnlyList<VmDailyUsage> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(Batch))
        {
            var ids = chunk.Select(r => r.VmId).ToList();
            await db.VmDailyUsage.Where(u => u.Day == day && ids.Contains(u.VmId)).ExecuteDeleteAsync(ct);
            db.VmDailyUsage.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await UsageRollups.RollUpAsync(db, [day], ct);
    }
}
