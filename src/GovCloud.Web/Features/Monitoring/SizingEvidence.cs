using System.Data.Common;
using GovCloud.Domain.Monitoring;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>
/// What the idle and right-size rules read of one VM over the window to yesterday (<see cref="SizingEvidence"/>), kept so that the
/// utilisation page lists the city's idle and oversized VMs from one row per VM instead of counting 30 days of 100,000 VMs each time.
/// Only VMs with enough days reported are kept: the others are never judged.
/// </summary>
public sealed class VmSizingEvidence
{
    public Guid VmId { get; set; }
    public int Days { get; set; }
    public double? PeakCpuP95 { get; set; }
    public double? PeakMemoryP95 { get; set; }
}

/// <summary>The window and rules the evidence was counted for, and the highest daily-figure id it saw: any of them moved, it is counted again.</summary>
public sealed class SizingEvidenceMark
{
    public int Id { get; set; }
    public DateOnly To { get; set; }
    public int WindowDays { get; set; }
    public int MinDaysReported { get; set; }
    public long LastUsageId { get; set; }
}

public static class SizingEvidences
{
    /// <summary>
    /// Counts the evidence again when the window moved (a new day), the rules' days changed or figures were written since. Once a
    /// day in practice (the summary job does it after the night's figures); a reader pays only for figures written by hand since.
    /// </summary>
    public static async Task EnsureAsync(GovCloudDbContext db, DateOnly to, RightSizingPolicy policy, CancellationToken ct)
    {
        var last = await db.VmDailyUsage.MaxAsync(u => (long?)u.Id, ct) ?? 0;
        var mark = await db.SizingEvidenceMarks.AsNoTracking().FirstOrDefaultAsync(ct);
        if (mark is not null && mark.To == to && mark.WindowDays == policy.Days && mark.MinDaysReported == policy.MinDaysReported && mark.LastUsageId == last) return;
        var from = to.AddDays(1 - policy.Days);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.VmSizingEvidence.ExecuteDeleteAsync(ct);
            // One statement in the database: the days that reported both CPU and memory, and their highest P95 (as RightSizing.Advise reads them).
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "VmSizingEvidence" ("VmId", "Days", "PeakCpuP95", "PeakMemoryP95")
                SELECT "VmId", COUNT(*), MAX("CpuP95"), MAX("MemoryP95") FROM "VmDailyUsage"
                WHERE "Day" >= {from} AND "Day" <= {to} AND "CpuP95" IS NOT NULL AND "MemoryP95" IS NOT NULL
                GROUP BY "VmId" HAVING COUNT(*) >= {policy.MinDaysReported}
                """, ct);
            var next = new SizingEvidenceMark { Id = 1, To = to, WindowDays = policy.Days, MinDaysReported = policy.MinDaysReported, LastUsageId = last };
            if (mark is null) db.SizingEvidenceMarks.Add(next);
            else db.SizingEvidenceMarks.Update(next);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            db.ChangeTracker.Clear(); // another reader counted the same window first
        }
    }

    internal static void Configure(ModelBuilder b)
    {
        b.Entity<VmSizingEvidence>(e => e.HasKey(x => x.VmId));
        b.Entity<SizingEvidenceMark>(e => e.Property(m => m.Id).ValueGeneratedNever());
    }
}
