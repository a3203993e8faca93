using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Infrastructure.Data;

/// <summary>
/// A named lease in the database: whichever instance holds it runs the job, so a scheduled job
/// runs once across all instances (works on SQLite and PostgreSQL alike).
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

public static class JobLeases
{
    /// <summary>This process, as a lease holder.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes or renews the lease when it is free, expired or ours; true when we hold it now.</summary>
    public static async Task<bool> TryAcquireAsync(GovCloudDbContext db, string name, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + duration;
        // One conditional UPDATE: the database decides between competing instances.
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1) return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct)) return false;
        try
        {
            db.JobLeases.Add(new JobLease { Name = name, Holder = holder, ExpiresAt = until });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // another instance created it first
        }
    }

    public static Task ReleaseAsync(GovCloudDbContext db, string name, string holder, CancellationToken ct) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(ct);
}
