using Microsoft.EntityFrameworkCore;
using GovCloud.Web.Infrastructure.Data;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>
/// One day's figures of one agency in one zone, summed over its VMs. The agency and zone reports, the totals and the daily
/// trend read these (about 2,000 rows a day for 1,000 agencies) instead of every VM's row (100,000 a day): a year's report
/// for the city stays a page view, not a wait. Sums, not means, so that any period and any set of agencies adds up exactly
/// as the VMs' own rows would (use weighted by size, see <see cref="UtilisationRow"/>).
/// </summary>
public sealed class UsageRollup
{
    public DateOnly Day { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Zone { get; set; }
    /// <summary>VMs with figures that day.</summary>
    public int Vms { get; set; }
    public long Vcpu { get; set; }
    public long MemoryGb { get; set; }
    public long DiskGb { get; set; }
    /// <summary>Σ vCPU × mean CPU % over the VMs that reported CPU; <see cref="CpuWeight"/> is their Σ vCPU.</summary>
    public double CpuUsed { get; set; }
    public double CpuP95Used { get; set; }
    public long CpuWeight { get; set; }
    public double MemoryUsed { get; set; }
    public double MemoryP95Used { get; set; }
    public long MemoryWeight { get; set; }
    public double DiskUsed { get; set; }
    public long DiskWeight { get; set; }
    public double NetworkIn { get; set; }
    public double NetworkOut { get; set; }
}

/// <summary>The highest daily-figure id the rollups have taken in: a row with a higher id is news and its day is summed again.</summary>
public sealed class UsageRollupMark
{
    public int Id { get; set; }
    public long LastUsageId { get; set; }
}

/// <summary>
/// Keeps <see cref="UsageRollup"/> in step with <see cref="VmDailyUsage"/>. Whoever writes a day's figures through
/// <see cref="DailyUsageStore"/> sums that day again in the same transaction; a reader first takes in any day written
/// another way since (an id above the mark), so the rollups never show less than the VMs' rows hold.
/// </summary>
public static class UsageRollups
{
    /// <summary>A week of 100,000 VMs is 700,000 rows: summed in a second or two, well inside a command's timeout.</summary>
    private const int DaysPerStep = 7;

    /// <summary>Sums the given days again from the VMs' rows (the caller holds the transaction, if any).</summary>
    public static async Task RollUpAsync(GovCloudDbContext db, IReadOnlyCollection<DateOnly> days, CancellationToken ct)
    {
        foreach (var chunk in days.Distinct().Order().Chunk(DaysPerStep))
        {
            await db.UsageRollups.Where(r => chunk.Contains(r.Day)).ExecuteDeleteAsync(ct);
            var sums = await db.VmDailyUsage.AsNoTracking().Where(u => chunk.Contains(u.Day))
                .GroupBy(u => new { u.Day, u.OrganisationId, u.Zone })
                .Select(g => new UsageRollup
                {
                    Day = g.Key.Day, OrganisationId = g.Key.OrganisationId, Zone = g.Key.Zone, Vms = g.Count(),
                    Vcpu = g.Sum(u => (long)u.Vcpu), MemoryGb = g.Sum(u => (long)u.MemoryGb), DiskGb = g.Sum(u => (long)u.DiskGb),
                    CpuUsed = g.Sum(u => u.CpuAvg == null ? 0 : u.Vcpu * u.CpuAvg.Value), CpuP95Used = g.Sum(u => u.CpuP95 == null ? 0 : u.Vcpu * u.CpuP95.Value),
                    CpuWeight = g.Sum(u => u.CpuAvg == null ? 0L : u.Vcpu),
                    MemoryUsed = g.Sum(u => u.MemoryAvg == null ? 0 : u.MemoryGb * u.MemoryAvg.Value),
                    MemoryP95Used = g.Sum(u => u.MemoryP95 == null ? 0 : u.MemoryGb * u.MemoryP95.Value),
                    MemoryWeight = g.Sum(u => u.MemoryAvg == null ? 0L : u.MemoryGb),
                    DiskUsed = g.Sum(u => u.DiskAvg == null ? 0 : u.DiskGb * u.DiskAvg.Value), DiskWeight = g.Sum(u => u.DiskAvg == null ? 0L : u.DiskGb),
                    NetworkIn = g.Sum(u => u.NetworkInAvg ?? 0), NetworkOut = g.Sum(u => u.NetworkOutAvg ?? 0),
                })
                .ToListAsync(ct);
            db.UsageRollups.AddRange(sums);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Takes in every day with figures written since the mark (a test or an operator writing rows by hand, a writer whose commit
    /// came after a later one's). Figures removed from under the mark, or the mark removed, rebuild everything (retention drops its own rollups).
    /// Two readers at once: the second's insert meets the first's and gives way; both then read the same sums.
    /// </summary>
    public static async Task CatchUpAsync(GovCloudDbContext db, CancellationToken ct)
    {
        var last = await db.VmDailyUsage.MaxAsync(u => (long?)u.Id, ct) ?? 0;
        var mark = await db.UsageRollupMarks.AsNoTracking().FirstOrDefaultAsync(ct);
        if (mark?.LastUsageId == last) return;
        // No mark yet (or taken away by an operator to force it), or figures removed from under it: everything again.
        var rebuild = mark is null || last < mark.LastUsageId;
        var since = rebuild ? 0 : mark!.LastUsageId;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (rebuild) await db.UsageRollups.ExecuteDeleteAsync(ct);
            var days = await db.VmDailyUsage.Where(u => u.Id > since).Select(u => u.Day).Distinct().ToListAsync(ct);
            await RollUpAsync(db, days, ct);
            if (mark is null) db.UsageRollupMarks.Add(new UsageRollupMark { Id = 1, LastUsageId = last });
            else await db.UsageRollupMarks.Where(m => m.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUsageId, last), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another reader took the same days in first
        }
    }

    internal static void Configure(ModelBuilder b)
    {
        b.Entity<UsageRollup>(e =>
        {
            e.HasKey(r => new { r.Day, r.OrganisationId, r.Zone });
            e.HasIndex(r => new { r.OrganisationId, r.Day });
            e.Property(r => r.Zone).HasMaxLength(64);
        });
        b.Entity<UsageRollupMark>(e => e.Property(m => m.Id).ValueGeneratedNever());
    }
}
