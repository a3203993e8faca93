using GovCloud.Domain.Audit;
using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Audit;

public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset Time, Guid? ActorId, string? ActorName, Guid? OrganisationId, string? OrganisationName,
    string? ClientIp, string Action, string EntityType, string? EntityId, string? Before, string? After)
{
    public string ActionName => AuditActions.Label(Action);
    public string EntityTypeName => AuditSummary.EntityTypeName(EntityType);

    /// <summary>What changed, in words; Before/After keep the raw record.</summary>
    public string Summary => AuditSummary.Describe(EntityType, Before, After);
}

public sealed record AuditQuery(
    string? Actor = null, Guid? OrganisationId = null, string? Action = null, string? EntityType = null, string? EntityId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int? Page = null, int? PageSize = null);

public sealed record AuditVerification(bool Valid, long Entries, long? FirstBrokenSequence);

/// <summary>The audit administrator's view of the log: search, export, and proof that nobody rewrote it.</summary>
public sealed class AuditService(GovCloudDbContext db, AuditLog audit)
{
    /// <summary>An export holds at most this many rows; narrow the filter for more.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<Paged<AuditEntryDto>> SearchAsync(Actor actor, AuditQuery q, CancellationToken ct)
    {
        RequireAuditor(actor);
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = Filter(q);
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderByDescending(a => a.Sequence).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new Paged<AuditEntryDto>(items, total, page, size);
    }

    /// <summary>The filtered log as an .xlsx file (Chinese headers, Beijing time); the export itself is audited.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, AuditQuery q, CancellationToken ct)
    {
        RequireAuditor(actor);
        var rows = await Project(Filter(q).OrderBy(a => a.Sequence).Take(MaxExportRows)).ToListAsync(ct);
        var file = await ExcelExport.ToXlsxAsync(rows, ExportColumns, "审计日志", ct);
        audit.Record(actor, AuditActions.AuditExported, "AuditLog", null, after: new { q.Actor, q.OrganisationId, q.Action, q.EntityType, q.From, q.To, rows = rows.Count });
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>Recomputes the whole hash chain, streaming it in sequence order.</summary>
    public async Task<AuditVerification> VerifyAsync(Actor actor, CancellationToken ct)
    {
        RequireAuditor(actor);
        var verifier = new AuditChainVerifier();
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            if (!verifier.Accept(e.ToRecord(), e.PreviousHash, e.Hash)) break;
        var total = await db.AuditEntries.LongCountAsync(ct);
        return new AuditVerification(verifier.Valid, verifier.Valid ? verifier.Checked : total, verifier.FirstBroken);
    }

    private IQueryable<AuditEntry> Filter(AuditQuery q)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Actor)) query = query.Where(a => a.ActorName != null && a.ActorName.Contains(q.Actor));
        if (q.OrganisationId is { } org) query = query.Where(a => a.OrganisationId == org);
        if (!string.IsNullOrWhiteSpace(q.Action)) query = query.Where(a => a.Action == q.Action);
        if (!string.IsNullOrWhiteSpace(q.EntityType)) query = query.Where(a => a.EntityType == q.EntityType);
        if (!string.IsNullOrWhiteSpace(q.EntityId)) query = query.Where(a => a.EntityId == q.EntityId);
        if (q.From is { } from) query = query.Where(a => a.Time >= from);
        if (q.To is { } to) query = query.Where(a => a.Time <= to);
        return query;
    }

    private static readonly ExcelColumn<AuditEntryDto>[] ExportColumns =
    [
        new("序号", r => r.Sequence), new("时间", r => ChinaTime.FormatPrecise(r.Time)), new("操作人", r => r.ActorName), new("所属单位", r => r.OrganisationName),
        new("客户端IP", r => r.ClientIp), new("操作", r => r.ActionName), new("对象类型", r => r.EntityTypeName), new("对象标识", r => r.EntityId),
        new("摘要", r => r.Summary), new("修改前（原始记录）", r => r.Before), new("修改后（原始记录）", r => r.After),
    ];

    private IQueryable<AuditEntryDto> Project(IQueryable<AuditEntry> query) =>
        from a in query
        join o in db.Organisations on a.OrganisationId equals o.Id into orgs
        from o in orgs.DefaultIfEmpty()
        select new AuditEntryDto(a.Sequence, a.Time, a.ActorId, a.ActorName, a.OrganisationId, o == null ? null : o.Name,
            a.ClientIp, a.Action, a.EntityType, a.EntityId, a.Before, a.After);

    private static void RequireAuditor(Actor actor)
    {
        if (!actor.IsIn(Role.AuditAdmin)) throw ProblemException.Forbidden("只有审计管理员可以查看审计日志");
    }
}
