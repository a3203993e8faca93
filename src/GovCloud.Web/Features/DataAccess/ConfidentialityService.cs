using GovCloud.Domain.DataAccess;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.DataAccess;

public sealed record AgreementDto(Guid Id, DateOnly SignedOn, DateOnly ValidFrom, DateOnly ValidTo, string? Remarks, string FileName, string UploadedBy,
    DateTimeOffset UploadedAt, DateTimeOffset? VoidedAt = null, string? VoidedBy = null, string? VoidReason = null);

public sealed record AgreementsDto(Guid OrganisationId, string OrganisationName, AgreementStanding Standing, DateOnly? ValidTo,
    IReadOnlyList<AgreementDto> Agreements, bool MayAdd)
{
    public string StandingName => Standing.DisplayName();
}

public sealed record AgreementRowDto(Guid OrganisationId, string OrganisationName, AgreementStanding Standing, DateOnly? ValidTo, DateOnly? LastSignedOn, int Count)
{
    public string StandingName => Standing.DisplayName();
}

/// <summary>
/// 保密协议: the Center's operators record each agreement signed with an agency (dates and the signed scan) and print the
/// template with both parties filled in; the Center, the Bureau and the regulators see every agency's standing, an agency its own.
/// Formal use of an agency's system waits for an agreement in force (<see cref="BlockerOfFormalUseAsync"/>); the Center and the
/// agency are reminded before one runs out and when it has.
/// </summary>
public sealed class ConfidentialityService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, FileStore files, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    private int SoonDays => options.Value.DataAccess.AgreementReminderDaysBefore;
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<AgreementsDto> OfAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        var org = await TenantAsync(actor, organisationId, ct);
        var agreements = await db.ConfidentialityAgreements.AsNoTracking().Where(a => a.OrganisationId == organisationId)
            .OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.UploadedAt).ToListAsync(ct);
        var (standing, validTo) = ConfidentialityRules.Standing(agreements.Where(a => a.VoidedAt == null).Select(a => (a.ValidFrom, a.ValidTo)), Today, SoonDays);
        return new AgreementsDto(org.Id, org.Name, standing, validTo,
            agreements.Select(a => new AgreementDto(a.Id, a.SignedOn, a.ValidFrom, a.ValidTo, a.Remarks, a.FileName, a.UploadedBy, a.UploadedAt,
                a.VoidedAt, a.VoidedBy, a.VoidReason)).ToList(),
            actor.IsIn(Role.CenterOperator));
    }

    public async Task<AgreementsDto> AddAsync(Actor actor, Guid organisationId, DateOnly? signedOn, DateOnly? validFrom, DateOnly? validTo, string? remarks,
        string? fileName, Stream? content, long size, CancellationToken ct)
    {
        if (!actor.IsIn(Role.CenterOperator)) throw ProblemException.Forbidden("保密协议由信息化中心运维人员登记");
        var org = await TenantAsync(actor, organisationId, ct);
        var v = new Validation();
        foreach (var p in ConfidentialityRules.Validate(signedOn, validFrom, validTo, Today)) v.Add(p.Field, p.Message);
        // A year 1 or 2090 is a slip of the keyboard.
        var range = options.Value.Dates.Around(Today);
        v.Date(signedOn, "signedOn", "签订日期", range).Date(validFrom, "validFrom", "有效期起始日", range).Date(validTo, "validTo", "有效期截止日", range);
        if (remarks is not null && Texts.OrNull(remarks)?.Length > 500) v.Add("remarks", "备注不超过 500 个字");
        v.ThrowIfInvalid();
        await files.KeepAsync("agreements", fileName, content, size, async (stored, name) =>
        {
            var agreement = new ConfidentialityAgreement
            {
                OrganisationId = org.Id, SignedOn = signedOn!.Value, ValidFrom = validFrom!.Value, ValidTo = validTo!.Value, Remarks = Texts.OrNull(remarks),
                FileName = name, StoredPath = stored.Path, Size = stored.Size, Sha256 = stored.Sha256, UploadedBy = actor.UserName ?? "", UploadedAt = clock.GetUtcNow(),
            };
            db.ConfidentialityAgreements.Add(agreement);
            audit.Record(actor, AuditActions.ConfidentialityAgreementAdded, "Organisation", org.Id, null,
                new { organisation = org.Name, agreement.SignedOn, agreement.ValidFrom, agreement.ValidTo, fileName = name, stored.Sha256 });
            await inbox.NotifyAsync(await inbox.SecurityPeopleAsync([org.Id], ct), NotificationKinds.DataAccess, "保密协议已登记",
                $"信息化中心已登记与{org.Name}签订的保密协议，有效期 {agreement.ValidFrom:yyyy-MM-dd} 至 {agreement.ValidTo:yyyy-MM-dd}。", Link,
                $"agreement:{agreement.Id}:added", ct);
            await db.SaveChangesAsync(ct);
            return agreement;
        }, ct);
        return await OfAsync(actor, organisationId, ct);
    }

    /// <summary>
    /// Voids an agreement recorded by mistake (the Center's operators, with the reason): it stops counting, stays in the history,
    /// and the agency is told. Formal use that waited for it waits again.
    /// </summary>
    public async Task<AgreementsDto> VoidAsync(Actor actor, Guid organisationId, Guid agreementId, string? reason, CancellationToken ct)
    {
        if (!actor.IsIn(Role.CenterOperator)) throw ProblemException.Forbidden("保密协议由信息化中心运维人员登记和作废");
        var org = await TenantAsync(actor, organisationId, ct);
        var agreement = await db.ConfidentialityAgreements.FirstOrDefaultAsync(a => a.Id == agreementId && a.OrganisationId == organisationId, ct)
                        ?? throw ProblemException.NotFound("保密协议");
        var why = Texts.Line(reason);
        var v = new Validation();
        if (why is null) v.Add("reason", "请说明作废的原因（如登记错了单位或日期）");
        else if (why.Length > 200) v.Add("reason", "原因不超过 200 个字");
        v.ThrowIfInvalid();
        if (agreement.VoidedAt is not null) throw ProblemException.Conflict($"该协议已于 {ChinaTime.Format(agreement.VoidedAt)} 作废");
        (agreement.VoidedAt, agreement.VoidedBy, agreement.VoidReason) = (clock.GetUtcNow(), actor.UserName ?? "", why);
        audit.Record(actor, AuditActions.ConfidentialityAgreementVoided, "Organisation", org.Id, null,
            new { organisation = org.Name, agreement = agreement.Id, agreement.ValidFrom, agreement.ValidTo, reason = why });
        await inbox.NotifyAsync(await inbox.SecurityPeopleAsync([org.Id], ct), NotificationKinds.DataAccess, "保密协议登记已作废",
            $"信息化中心已作废与{org.Name}的保密协议登记（有效期 {agreement.ValidFrom:yyyy-MM-dd} 至 {agreement.ValidTo:yyyy-MM-dd}），原因：{why}", Link,
            $"agreement:{agreement.Id}:voided", ct);
        await db.SaveChangesAsync(ct);
        return await OfAsync(actor, organisationId, ct);
    }

    public async Task<(Stream Content, string FileName)> OpenAsync(Actor actor, Guid organisationId, Guid agreementId, CancellationToken ct)
    {
        await TenantAsync(actor, organisationId, ct);
        var agreement = await db.ConfidentialityAgreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agreementId && a.OrganisationId == organisationId, ct)
                        ?? throw ProblemException.NotFound("保密协议");
        return (files.Open(actor, agreement.StoredPath, Access.DataAccess), agreement.FileName);
    }

    /// <summary>The agreement to print, sign and seal: the Center as 甲方, the agency as 乙方, the terms with the configured windows.</summary>
    public async Task<(byte[] Docx, string FileName)> TemplateAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        var org = await TenantAsync(actor, organisationId, ct);
        var center = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.Center).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "市信息化建设管理中心";
        var limits = options.Value.DataAccess;
        return (AgreementDocx.Render(center, org.Name, AgreementDocx.Terms(limits.MaxHours, limits.MaxEmergencyHours)), $"政务云数据保密协议-{org.Name}.docx");
    }

    /// <summary>Every agency's standing (an agency's own), those without one in force first; optionally one standing only.</summary>
    public async Task<IReadOnlyList<AgreementRowDto>> OverviewAsync(Actor actor, AgreementStanding? standing, string? q, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var orgs = (await db.Organisations.AsNoTracking().Where(o => o.IsActive && (visible == null || visible.Contains(o.Id)))
            .Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct)).Where(o => o.Type.IsTenant()).ToList();
        var ids = orgs.Select(o => o.Id).ToList();
        var agreements = (await db.ConfidentialityAgreements.AsNoTracking().Where(a => ids.Contains(a.OrganisationId) && a.VoidedAt == null)
            .Select(a => new { a.OrganisationId, a.ValidFrom, a.ValidTo, a.SignedOn }).ToListAsync(ct)).ToLookup(a => a.OrganisationId);
        var text = Texts.Line(q);
        return orgs.Where(o => text is null || o.Name.Contains(text, StringComparison.Ordinal))
            .Select(o =>
            {
                var mine = agreements[o.Id].ToList();
                var (s, to) = ConfidentialityRules.Standing(mine.Select(a => (a.ValidFrom, a.ValidTo)), Today, SoonDays);
                return new AgreementRowDto(o.Id, o.Name, s, to, mine.Count == 0 ? null : mine.Max(a => a.SignedOn), mine.Count);
            })
            .Where(r => standing is null || r.Standing == standing)
            .OrderBy(r => ConfidentialityRules.InForce(r.Standing) ? 1 : 0).ThenBy(r => r.ValidTo).ThenBy(r => r.OrganisationName, StringComparer.Ordinal).ToList();
    }

    public async Task<byte[]> ExportAsync(Actor actor, AgreementStanding? standing, string? q, CancellationToken ct)
    {
        var rows = await OverviewAsync(actor, standing, q, ct);
        IEnumerable<IDictionary<string, object?>> sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["使用单位"] = r.OrganisationName, ["保密协议"] = r.StandingName, ["有效期至"] = r.ValidTo?.ToString("yyyy-MM-dd"),
            ["最近签订日期"] = r.LastSignedOn?.ToString("yyyy-MM-dd"), ["协议份数"] = r.Count,
        }).ToList();
        return await ExcelExport.ToXlsxAsync(sheet, "保密协议", ct);
    }

    /// <summary>Why an agency's system cannot go into formal use for want of an agreement in force; null when it has one.</summary>
    public static async Task<string?> BlockerOfFormalUseAsync(GovCloudDbContext db, Guid organisationId, DateOnly today, CancellationToken ct)
    {
        var periods = await db.ConfidentialityAgreements.AsNoTracking().Where(a => a.OrganisationId == organisationId && a.VoidedAt == null)
            .Select(a => new { a.ValidFrom, a.ValidTo }).ToListAsync(ct);
        var name = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "使用单位";
        return ConfidentialityRules.BlockerOfFormalUse(ConfidentialityRules.Standing(periods.Select(p => (p.ValidFrom, p.ValidTo)), today, 0).Standing, name);
    }

    /// <summary>
    /// Before an agency's agreement runs out (the reminder period ahead) and once it has, the Center's operators and the agency's security
    /// officers are told, each message once (by its key). Agreements are few (one or two per agency): read whole.
    /// </summary>
    public async Task RemindAsync(CancellationToken ct)
    {
        var today = Today;
        var periods = await db.ConfidentialityAgreements.AsNoTracking().Where(a => a.VoidedAt == null).Select(a => new { a.OrganisationId, a.ValidFrom, a.ValidTo }).ToListAsync(ct);
        var due = new List<(Guid Org, AgreementStanding Standing, DateOnly ValidTo)>();
        foreach (var g in periods.GroupBy(p => p.OrganisationId))
        {
            var (standing, validTo) = ConfidentialityRules.Standing(g.Select(p => (p.ValidFrom, p.ValidTo)), today, SoonDays);
            if (standing is AgreementStanding.ExpiringSoon or AgreementStanding.Expired) due.Add((g.Key, standing, validTo!.Value));
        }
        if (due.Count == 0) return;
        var keys = due.Select(d => Key(d.Org, d.Standing, d.ValidTo)).ToList();
        var sent = await inbox.SentKeysAsync(keys, ct);
        var todo = due.Where(d => !sent.Contains(Key(d.Org, d.Standing, d.ValidTo))).ToList();
        if (todo.Count == 0) return;
        var ids = todo.Select(d => d.Org).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var center = await inbox.RecipientsAsync(null, Role.CenterOperator, ct);
        foreach (var (org, standing, validTo) in todo)
        {
            var name = names.GetValueOrDefault(org, "使用单位");
            var (title, body) = standing == AgreementStanding.Expired
                ? ($"保密协议已过期：{name}", $"{name}与信息化中心的保密协议已于 {validTo:yyyy-MM-dd} 到期。续签前，该单位的系统不能正式开通。")
                : ($"保密协议即将到期：{name}", $"{name}与信息化中心的保密协议将于 {validTo:yyyy-MM-dd} 到期，请及时续签并上传。");
            var key = Key(org, standing, validTo);
            await inbox.NotifyAsync(center, NotificationKinds.DataAccess, title, body, Link, key, ct);
            await inbox.NotifyAsync(await inbox.SecurityPeopleAsync([org], ct), NotificationKinds.DataAccess, title, body, Link, key, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    private static string Key(Guid org, AgreementStanding standing, DateOnly validTo) => $"agreement:{org}:{validTo:yyyyMMdd}:{standing}";

    private const string Link = "/data-access?tab=agreements";

    /// <summary>An agency (a tenant) the actor may read; another agency's, or a non-tenant, is not found.</summary>
    private async Task<(Guid Id, string Name)> TenantAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var org = visible == null || visible.Contains(organisationId)
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new { o.Id, o.Name, o.Type }).FirstOrDefaultAsync(ct)
            : null;
        if (org is null || !org.Type.IsTenant()) throw ProblemException.NotFound("使用单位");
        return (org.Id, org.Name);
    }
}
