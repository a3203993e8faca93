using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Systems;

/// <summary>One agency's migration rate as it stood at the end of a month (kept for the yearly evaluation).</summary>
public sealed class MigrationRateSnapshot
{
    public long Id { get; set; }
    /// <summary>The month, as yyyy-MM (Beijing time).</summary>
    public required string Month { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int Systems { get; set; }
    public int Migrated { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}

public sealed record MigrationSnapshotDto(string Month, Guid OrganisationId, string OrganisationName, int Systems, int Migrated, double? Rate);

/// <summary>
/// 迁移上云率 by month (R-30.1 needs it for the evaluation): at the first minute of a month the rates of
/// every agency are written down for the month that ended; the Bureau can also record the current
/// month by hand (replacing an earlier record of it).
/// </summary>
public sealed class MigrationSnapshots(GovCloudDbContext db, DataScope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<int> EnsureLastMonthAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var month = today.AddMonths(-1).ToString("yyyy-MM");
        if (await db.MigrationRateSnapshots.AnyAsync(s => s.Month == month, ct)) return 0;
        try
        {
            return await TakeAsync(Actor.System, month, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0; // another instance took it a moment ago
        }
    }

    /// <summary>The Bureau records the current month by hand (e.g. before a report), replacing an earlier record of it.</summary>
    public async Task<(string Month, int Organisations)> TakeNowAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("只有大数据局审批人员可以记录月度迁移上云率");
        var month = ChinaTime.Today(clock).ToString("yyyy-MM");
        return (month, await TakeAsync(actor, month, ct));
    }

    /// <summary>Writes down every agency's rate now as the given month's; an earlier record of that month is replaced.</summary>
    private async Task<int> TakeAsync(Actor actor, string month, CancellationToken ct)
    {
        // What is recorded stays as recorded: a later month counts again from the registers of its own day.
        var counts = (await InfoSystemService.FactsAsync(db, db.InfoSystems.AsNoTracking(), ChinaTime.Today(clock), ct))
            .GroupBy(s => s.OrganisationId)
            .Select(g => (Organisation: g.Key, Count: InfoSystemRules.Migration(g.Select(s => s.Facts))))
            .ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.MigrationRateSnapshots.Where(s => s.Month == month).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        db.MigrationRateSnapshots.AddRange(counts.Select(c => new MigrationRateSnapshot
        {
            Month = month, OrganisationId = c.Organisation, Systems = c.Count.InService, Migrated = c.Count.Migrated, TakenAt = now,
        }));
        audit.Record(actor, AuditActions.MigrationSnapshotTaken, nameof(MigrationRateSnapshot), month, after: new { month, organisations = counts.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return counts.Count;
    }

    public async Task<IReadOnlyList<MigrationSnapshotDto>> HistoryAsync(Actor actor, string? from, string? to, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.MigrationRateSnapshots.AsNoTracking();
        if (visible is not null) query = query.Where(s => visible.Contains(s.OrganisationId));
        if (!string.IsNullOrWhiteSpace(from)) query = query.Where(s => string.Compare(s.Month, from) >= 0);
        if (!string.IsNullOrWhiteSpace(to)) query = query.Where(s => string.Compare(s.Month, to) <= 0);
        var rows = await query.OrderBy(s => s.Month).ThenBy(s => s.Organisation!.Name)
            .Select(s => new { s.Month, s.OrganisationId, OrganisationName = s.Organisation!.Name, s.Systems, s.Migrated }).ToListAsync(ct);
        return rows.Select(r => new MigrationSnapshotDto(r.Month, r.OrganisationId, r.OrganisationName, r.Systems, r.Migrated,
            new MigrationCount(r.Migrated, r.Systems).Rate)).ToList();
    }
}
