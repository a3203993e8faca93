using System.Text.Json;
using GovCloud.Domain;
using GovCloud.Domain.Operations;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Operations;

public sealed record OperationsBulletinPublishing(string? Summary, long? Version);

public sealed record OperationsBulletinRowDto(Guid Id, string Month, string Title, OperationsBulletinState State, string StateName, string? Number,
    DateOnly? PublishedOn, DateTimeOffset CountedAt, int Incidents, int IdleVms, decimal IdleMonthlyFee, long Version);

/// <param name="Own">True when the facts are the reader's agency's copy (its own part and the city totals).</param>
public sealed record OperationsBulletinDto(Guid Id, string Month, string Title, OperationsBulletinState State, string StateName, string? Number, string? Summary,
    DateTimeOffset CountedAt, string CountedBy, DateOnly? PublishedOn, string? PublishedBy, bool Own, OperationsBulletinFacts Facts, long Version);

/// <summary>
/// 政务云运行情况通报: drafted on the first working day of each month for the month before (by the first instance
/// to get there; the month is unique), counted again by the Center if it wants, published by it with its 总体情况 to the agencies,
/// the Bureau and Finance. Drafts are read by the Center and the Bureau only; an agency reads its own part and the city totals.
/// The figures are in <c>OperationsBulletinService.Facts.cs</c>, the PDF and Excel in <c>OperationsBulletinService.Documents.cs</c>.
/// </summary>
public sealed partial class OperationsBulletinService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, TimeProvider clock,
    IOptions<GovCloudOptions> options, CalendarService calendars, Monitoring.UtilisationService utilisation, IncidentService incidents,
    Catalog.CatalogService catalog)
{
    public const string CaseType = "OperationsBulletin";
    private static readonly JsonSerializerOptions FactsJson = new(JsonSerializerDefaults.Web);

    /// <summary>The job: once the month's first working day has come, last month's draft is counted (once, whichever instance is first) and the Center told.</summary>
    public async Task<bool> DraftDueAsync(CancellationToken ct)
    {
        var calendar = await calendars.CalendarAsync(ct);
        if (OperationsBulletinRules.MonthDue(ChinaTime.Today(clock), calendar) is not { } month) return false;
        var key = OperationsBulletinRules.Key(month);
        if (await db.OperationsBulletins.AnyAsync(b => b.Month == key, ct)) return false;
        try
        {
            await CountIntoAsync(Actor.System, null, month, ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // another instance drafted it a moment ago
        }
    }

    /// <summary>统计: the Center counts a finished month's figures into its draft (a new draft, or the same one again); a published month stays as sent.</summary>
    public async Task<OperationsBulletinDto> CountAsync(Actor actor, string month, CancellationToken ct)
    {
        RequireCenter(actor);
        var first = FinishedMonth(month);
        var key = OperationsBulletinRules.Key(first);
        var existing = await db.OperationsBulletins.FirstOrDefaultAsync(b => b.Month == key, ct);
        if (existing?.State == OperationsBulletinState.Published)
            throw new ProblemException(409, "已经发布", $"{existing.Title}已经发布（{existing.Number}），数据不再重新统计");
        await CountIntoAsync(actor, existing, first, ct);
        return await GetAsync(actor, key, ct);
    }

    private async Task<OperationsBulletin> CountIntoAsync(Actor actor, OperationsBulletin? bulletin, DateOnly month, CancellationToken ct)
    {
        var facts = await FactsAsync(month, ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        if (bulletin is null)
        {
            bulletin = new OperationsBulletin
            {
                Month = OperationsBulletinRules.Key(month), Title = OperationsBulletinRules.Title(month), State = OperationsBulletinState.Draft, Facts = "",
            };
            db.OperationsBulletins.Add(bulletin);
            await inbox.NotifyAsync(await inbox.RecipientsAsync(null, Role.CenterOperator, ct), NotificationKinds.OperationsBulletin,
                $"{bulletin.Title}待审核", $"{bulletin.Title}的数据已统计，请审核、填写总体情况后发布。", Link(bulletin.Month), $"operations-bulletin-draft:{bulletin.Month}", ct);
        }
        else bulletin.Version++;
        bulletin.Facts = JsonSerializer.Serialize(facts, FactsJson);
        bulletin.CountedAt = now;
        bulletin.CountedBy = actor.UserName ?? "系统";
        audit.Record(actor, AuditActions.OperationsBulletinCounted, CaseType, bulletin.Id, null, new
        {
            bulletin.Month, incidents = facts.Incidents.Count, idleVms = facts.IdleTotal.IdleVms, idleFee = facts.IdleTotal.MonthlyFee,
            zonesBelowTarget = facts.Zones.Count(z => z.BelowTarget),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return bulletin;
    }

    /// <summary>发布: the Center's 总体情况 goes with the counted figures, numbered, to every agency, the Bureau and Finance.</summary>
    public async Task<OperationsBulletinDto> PublishAsync(Actor actor, string month, OperationsBulletinPublishing input, CancellationToken ct)
    {
        RequireCenter(actor);
        var key = OperationsBulletinRules.Key(ParseMonth(month));
        var issuer = actor.OrganisationId is { } orgId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == orgId && o.Type == OrganisationType.Center).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (issuer is null) throw ProblemException.Forbidden("运行情况通报由信息化中心发布");
        var bulletin = await db.OperationsBulletins.FirstOrDefaultAsync(b => b.Month == key, ct) ?? throw ProblemException.NotFound("该月的运行情况通报");
        var v = new Validation();
        foreach (var p in OperationsBulletinRules.ValidateSummary(input.Summary)) v.Add(p.Field, p.Message);
        if (input.Version is null) v.Add("version", "缺少版本号，请刷新后重试");
        v.ThrowIfInvalid();
        if (bulletin.State == OperationsBulletinState.Published)
            throw new ProblemException(409, "已经发布", $"{bulletin.Title}已经发布：{bulletin.Number}");
        ProblemException.CheckVersion(input.Version, bulletin.Version, "运行情况通报");

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var year = ChinaTime.DateOf(now).Year;
        var sequence = await db.OperationsBulletins.Where(b => b.Year == year).MaxAsync(b => b.Sequence, ct) + 1 ?? 1;
        var pattern = options.Value.Operations.BulletinNumberPattern is { } configured && RectificationRules.CheckPattern(configured) is null
            ? configured : $"{issuer.Name}运行通报〔{{year}}〕{{seq}}号";
        bulletin.State = OperationsBulletinState.Published;
        bulletin.Summary = TextRules.MultiLine(input.Summary);
        bulletin.Number = RectificationRules.Number(pattern, year, sequence);
        (bulletin.Year, bulletin.Sequence, bulletin.IssuerId) = (year, sequence, issuer.Id);
        (bulletin.PublishedAt, bulletin.PublishedOn, bulletin.PublishedBy) = (now, ChinaTime.DateOf(now), actor.UserName ?? "");
        bulletin.Version++;
        var facts = Read(bulletin);
        audit.Record(actor, AuditActions.OperationsBulletinPublished, CaseType, bulletin.Id, null, new
        {
            bulletin.Month, bulletin.Number, bulletin.Title, incidents = facts.Incidents.Count, idleFee = facts.IdleTotal.MonthlyFee,
        });
        var readers = new List<Guid>();
        foreach (var role in new[] { Role.AgencyOperator, Role.BureauApprover, Role.FinanceViewer }) readers.AddRange(await inbox.RecipientsAsync(null, role, ct));
        var below = facts.Zones.Count(z => z.BelowTarget);
        await inbox.NotifyAsync(readers.Distinct().ToList(), NotificationKinds.OperationsBulletin, $"{bulletin.Title}已发布",
            $"{issuer.Name}发布{bulletin.Number}：本月运行故障 {facts.Incidents.Count} 起" + (below > 0 ? $"，{below} 个网络分区可用率低于目标" : "") +
            $"；闲置虚拟机 {facts.IdleTotal.IdleVms} 台，月费用 {facts.IdleTotal.MonthlyFee:#,0.00} 元。各单位可下载本单位部分。",
            Link(key), $"operations-bulletin:{bulletin.Id}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, key, ct);
    }

    /// <summary>The bulletins a reader may see, newest first: published ones for everyone, drafts for the Center and the Bureau.</summary>
    public async Task<IReadOnlyList<OperationsBulletinRowDto>> ListAsync(Actor actor, CancellationToken ct)
    {
        var drafts = ReadsDrafts(actor);
        var list = await db.OperationsBulletins.AsNoTracking().Where(b => drafts || b.State == OperationsBulletinState.Published)
            .OrderByDescending(b => b.Month).Take(120).ToListAsync(ct);
        var visible = await scope.OrganisationsAsync(actor, ct);
        return list.Select(b =>
        {
            var f = Scoped(Read(b), visible);
            return new OperationsBulletinRowDto(b.Id, b.Month, b.Title, b.State, b.State.StateName(), b.Number, b.PublishedOn, b.CountedAt, f.Incidents.Count,
                f.IdleByAgency.Sum(i => i.IdleVms), f.IdleByAgency.Sum(i => i.MonthlyFee), b.Version);
        }).ToList();
    }

    public async Task<OperationsBulletinDto> GetAsync(Actor actor, string month, CancellationToken ct)
    {
        var b = await FindAsync(actor, month, ct);
        var visible = await scope.OrganisationsAsync(actor, ct);
        return new OperationsBulletinDto(b.Id, b.Month, b.Title, b.State, b.State.StateName(), b.Number, b.Summary, b.CountedAt, b.CountedBy, b.PublishedOn,
            b.PublishedBy, visible is not null, Scoped(Read(b), visible), b.Version);
    }

    private async Task<OperationsBulletin> FindAsync(Actor actor, string month, CancellationToken ct)
    {
        var key = OperationsBulletinRules.Key(ParseMonth(month));
        var b = await db.OperationsBulletins.AsNoTracking().FirstOrDefaultAsync(x => x.Month == key, ct);
        if (b is null || (b.State != OperationsBulletinState.Published && !ReadsDrafts(actor))) throw ProblemException.NotFound("该月的运行情况通报");
        return b;
    }

    /// <summary>The whole city's figures for those who see every agency (null), an agency's copy for an agency.</summary>
    private static OperationsBulletinFacts Scoped(OperationsBulletinFacts facts, IReadOnlyCollection<Guid>? visible) => visible is null ? facts : facts.For(visible);

    private static bool ReadsDrafts(Actor actor) => actor.IsInAny(Access.Center) || actor.IsIn(Role.BureauApprover);

    private static void RequireCenter(Actor actor)
    {
        if (!actor.IsIn(Role.CenterOperator)) throw ProblemException.Forbidden("运行情况通报由信息化中心运维人员统计和发布");
    }

    private static DateOnly ParseMonth(string? month) =>
        OperationsBulletinRules.ParseMonth(month) ?? throw ProblemException.Invalid("month", "月份格式为 yyyy-MM");

    /// <summary>A month that is over, within the five years the figures go back.</summary>
    private DateOnly FinishedMonth(string? month)
    {
        var first = ParseMonth(month);
        var today = ChinaTime.Today(clock);
        var current = new DateOnly(today.Year, today.Month, 1);
        if (first >= current) throw ProblemException.Invalid("month", "只能统计已经结束的月份");
        if (first < current.AddYears(-5)) throw ProblemException.Invalid("month", "只能统计近五年内的月份");
        return first;
    }

    internal static string Link(string month) => $"/operations?tab=bulletins&month={month}";

    private static OperationsBulletinFacts Read(OperationsBulletin b) => JsonSerializer.Deserialize<OperationsBulletinFacts>(b.Facts, FactsJson)!;
}
