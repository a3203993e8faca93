using System.Net.Mail;
using System.Text.RegularExpressions;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Systems;

public sealed record InfoSystemDto(
    Guid Id, Guid OrganisationId, string OrganisationName, string Name, string? Subsystems, string? Vendor,
    string? VendorContactName, string? VendorContactMobile, string? VendorContactEmail, SystemKind Kind, int? MlpsLevel,
    SystemLocation Location, SystemLifecycle Lifecycle, string? Remarks, long Version)
{
    public string KindName => Kind.DisplayName();
    public string LocationName => Location.DisplayName();
    public string LifecycleName => Lifecycle.DisplayName();
}

public sealed record InfoSystemInput(
    Guid? OrganisationId, string? Name, string? Subsystems, string? Vendor, string? VendorContactName, string? VendorContactMobile,
    string? VendorContactEmail, SystemKind? Kind, int? MlpsLevel, SystemLocation? Location, SystemLifecycle? Lifecycle, string? Remarks,
    long? Version = null);

public sealed record InfoSystemQuery(string? Q = null, Guid? OrganisationId = null, SystemLifecycle? Lifecycle = null, SystemKind? Kind = null,
    int? Page = null, int? PageSize = null);

public sealed record MigrationRateDto(Guid OrganisationId, string OrganisationName, int Systems, int Migrated, double? Rate);

/// <summary>
/// The register of non-classified systems (R-4.2): an agency keeps its own, a county its departments',
/// the Bureau reads all; every change audited.
/// </summary>
public sealed partial class InfoSystemService(GovCloudDbContext db, DataScope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<Paged<InfoSystemDto>> ListAsync(Actor actor, InfoSystemQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).Select(ToDto).ToListAsync(ct);
        return new Paged<InfoSystemDto>(items, total, page, size);
    }

    /// <summary>The filtered register (all pages) as .xlsx.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, InfoSystemQuery q, CancellationToken ct)
    {
        var all = await (await FilterAsync(actor, q, ct)).Select(ToDto).ToListAsync(ct);
        return await ExcelExport.ToXlsxAsync(all.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["所属单位"] = s.OrganisationName, ["系统名称"] = s.Name, ["子系统"] = s.Subsystems, ["类型"] = s.KindName,
            ["等保级别"] = s.MlpsLevel, ["部署位置"] = s.LocationName, ["状态"] = s.LifecycleName, ["开发商"] = s.Vendor,
            ["开发商联系人"] = s.VendorContactName, ["联系人手机"] = s.VendorContactMobile, ["联系人邮箱"] = s.VendorContactEmail,
        }), "信息系统台账", ct);
    }

    private async Task<IQueryable<InfoSystem>> FilterAsync(Actor actor, InfoSystemQuery q, CancellationToken ct)
    {
        var query = await ScopedAsync(actor, ct);
        if (!string.IsNullOrWhiteSpace(q.Q)) query = query.Where(s => s.Name.Contains(q.Q) || (s.Vendor != null && s.Vendor.Contains(q.Q)));
        if (q.OrganisationId is { } org) query = query.Where(s => s.OrganisationId == org);
        if (q.Lifecycle is { } state) query = query.Where(s => s.Lifecycle == state);
        if (q.Kind is { } kind) query = query.Where(s => s.Kind == kind);
        return query.OrderBy(s => s.Organisation!.Name).ThenBy(s => s.Name);
    }

    public async Task<InfoSystemDto> GetAsync(Actor actor, Guid id, CancellationToken ct) =>
        await (await ScopedAsync(actor, ct)).Where(s => s.Id == id).Select(ToDto).FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("信息系统");

    public async Task<InfoSystemDto> CreateAsync(Actor actor, InfoSystemInput input, CancellationToken ct)
    {
        var entity = new InfoSystem { Name = "", CreatedAt = clock.GetUtcNow() };
        await ApplyAsync(actor, entity, input, ct);
        db.InfoSystems.Add(entity);
        audit.Record(actor, AuditActions.SystemRegistered, nameof(InfoSystem), entity.Id, after: Snapshot(entity));
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, entity.Id, ct);
    }

    public async Task<InfoSystemDto> UpdateAsync(Actor actor, Guid id, InfoSystemInput input, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var entity = await db.InfoSystems.FirstOrDefaultAsync(s => s.Id == id && (visible == null || visible.Contains(s.OrganisationId)), ct)
                     ?? throw ProblemException.NotFound("信息系统");
        if (input.Version is null) throw ProblemException.Invalid("version", "缺少版本号 version");
        if (input.Version != entity.Version) throw ProblemException.Conflict("该信息系统已被他人修改，请刷新后重试");
        var before = Snapshot(entity);
        await ApplyAsync(actor, entity, input with { OrganisationId = entity.OrganisationId }, ct);
        entity.Version++;
        audit.Record(actor, AuditActions.SystemUpdated, nameof(InfoSystem), entity.Id, before, Snapshot(entity));
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>迁移上云率 per agency in scope (R-30.1).</summary>
    public async Task<IReadOnlyList<MigrationRateDto>> MigrationRatesAsync(Actor actor, CancellationToken ct)
    {
        var rows = await (await ScopedAsync(actor, ct))
            .Select(s => new { s.OrganisationId, OrganisationName = s.Organisation!.Name, s.Lifecycle, s.Location }).ToListAsync(ct);
        return rows.GroupBy(r => (r.OrganisationId, r.OrganisationName))
            .Select(g =>
            {
                var count = InfoSystemRules.Migration(g.Select(r => (r.Lifecycle, r.Location)));
                return new MigrationRateDto(g.Key.OrganisationId, g.Key.OrganisationName, count.InService, count.Migrated, count.Rate);
            })
            .OrderBy(r => r.Rate ?? 1).ThenBy(r => r.OrganisationName).ToList();
    }

    private async Task<IQueryable<InfoSystem>> ScopedAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.InfoSystems.AsNoTracking();
        return visible is null ? query : query.Where(s => visible.Contains(s.OrganisationId));
    }

    /// <summary>An agency (or its county) keeps its own systems; the Bureau may register any agency's.</summary>
    private async Task ApplyAsync(Actor actor, InfoSystem entity, InfoSystemInput input, CancellationToken ct)
    {
        if (!actor.IsInAny(Role.AgencyOperator, Role.BureauApprover)) throw ProblemException.Forbidden("只有使用单位经办人或大数据局审批人员可以登记信息系统");
        var v = new Validation();
        var orgId = input.OrganisationId ?? actor.OrganisationId;
        var visible = await scope.OrganisationsAsync(actor, ct);
        var orgType = orgId is { } o && (visible == null || visible.Contains(o))
            ? await db.Organisations.Where(x => x.Id == o).Select(x => (OrganisationType?)x.Type).FirstOrDefaultAsync(ct)
            : null;
        if (orgType is null) v.Add("organisationId", "所属单位不存在或不在您的权限范围内");
        else if (!orgType.Value.IsTenant()) v.Add("organisationId", "信息系统须属于使用单位");
        var name = input.Name?.Trim();
        v.Required(name, "name", "系统名称", 100);
        if (!string.IsNullOrEmpty(name) && orgId is { } owner && await db.InfoSystems.AnyAsync(s => s.OrganisationId == owner && s.Name == name && s.Id != entity.Id, ct))
            v.Add("name", $"本单位已登记名为“{name}”的系统");
        if (input.Kind is null) v.Add("kind", "请选择系统类型（存量、新建、升级改造）");
        if (input.Location is null) v.Add("location", "请选择当前部署位置");
        if (InfoSystemRules.CheckMlpsLevel(input.MlpsLevel) is { } mlps) v.Add("mlpsLevel", mlps);
        if (!string.IsNullOrWhiteSpace(input.VendorContactMobile) && !Mobile().IsMatch(input.VendorContactMobile.Trim()))
            v.Add("vendorContactMobile", "开发商联系人手机号码须为 11 位数字");
        if (!string.IsNullOrWhiteSpace(input.VendorContactEmail) && !MailAddress.TryCreate(input.VendorContactEmail.Trim(), out _))
            v.Add("vendorContactEmail", "开发商联系人邮箱格式不正确");
        v.ThrowIfInvalid();

        entity.OrganisationId = orgId!.Value;
        entity.Name = name!;
        entity.Subsystems = string.Join("、", FormText.List(input.Subsystems)) is { Length: > 0 } subs ? subs : null;
        entity.Vendor = Blank(input.Vendor);
        entity.VendorContactName = Blank(input.VendorContactName);
        entity.VendorContactMobile = Blank(input.VendorContactMobile);
        entity.VendorContactEmail = Blank(input.VendorContactEmail);
        entity.Kind = input.Kind!.Value;
        entity.MlpsLevel = input.MlpsLevel;
        entity.Location = input.Location!.Value;
        // New systems start waiting to go onto the cloud; what happens next is the processes' to say.
        entity.Lifecycle = input.Lifecycle ?? (input.Location == SystemLocation.OnCloud ? SystemLifecycle.OnCloud : SystemLifecycle.PendingMigration);
        entity.Remarks = Blank(input.Remarks);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static object Snapshot(InfoSystem s) => new
    {
        s.OrganisationId, s.Name, s.Subsystems, s.Vendor, Kind = s.Kind.ToString(), s.MlpsLevel, Location = s.Location.ToString(),
        Lifecycle = s.Lifecycle.ToString(),
    };

    private static readonly System.Linq.Expressions.Expression<Func<InfoSystem, InfoSystemDto>> ToDto = s => new InfoSystemDto(
        s.Id, s.OrganisationId, s.Organisation!.Name, s.Name, s.Subsystems, s.Vendor, s.VendorContactName, s.VendorContactMobile,
        s.VendorContactEmail, s.Kind, s.MlpsLevel, s.Location, s.Lifecycle, s.Remarks, s.Version);

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex Mobile();
}
