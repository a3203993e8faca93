using GovCloud.Web.Infrastructure.Privacy;
using GovCloud.Domain;
using System.Text.RegularExpressions;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Organisations;

public sealed record OrganisationDto(
    Guid Id, string Name, OrganisationType Type, Guid? ParentId, string? ParentName,
    string? CreditCode, FundingType? FundingType,
    string? ContactName, string? ContactPhone, string? ContactEmail, bool IsActive, long Version)
{
    public string TypeName => Type.DisplayName();
    public string? FundingTypeName => FundingType?.DisplayName();
}

/// <summary>An entry of an organisation picker.</summary>
public sealed record OrganisationOption(Guid Id, string Name, OrganisationType Type, Guid? ParentId = null);

public sealed record OrganisationInput(
    string? Name, OrganisationType? Type, Guid? ParentId, string? CreditCode, FundingType? FundingType,
    string? ContactName, string? ContactPhone, string? ContactEmail, bool IsActive = true, long? Version = null);

public sealed record OrganisationQuery(string? Q = null, OrganisationType? Type = null, Guid? ParentId = null, bool? IsActive = null, int? Page = null, int? PageSize = null);

/// <summary>The organisation tree: read within scope, changed by the system administrator, every change audited.</summary>
public sealed partial class OrganisationService(GovCloudDbContext db, DataScope scope, AuditLog audit, PersonalDataProtector personalData)
{
    public async Task<Paged<OrganisationDto>> ListAsync(Actor actor, OrganisationQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).Select(ToDto).ToListAsync(ct);
        return new Paged<OrganisationDto>(items.Select(Masked).ToList(), total, page, size);
    }

    /// <summary>Lists and exports show the contact's phone and e-mail masked (R-27.1); one organisation's page shows them whole to its manager.</summary>
    private static OrganisationDto Masked(OrganisationDto o) =>
        o with { ContactPhone = ContactRules.MaskPhone(o.ContactPhone), ContactEmail = ContactRules.MaskEmail(o.ContactEmail) };

    /// <summary>Every organisation in scope, for pickers: small rows, no paging.</summary>
    public async Task<List<OrganisationOption>> OptionsAsync(Actor actor, CancellationToken ct) =>
        await (await ScopedAsync(actor, ct)).OrderBy(o => o.Type).ThenBy(o => o.Name)
            .Select(o => new OrganisationOption(o.Id, o.Name, o.Type, o.ParentId)).ToListAsync(ct);

    /// <summary>The filtered list (all pages) as .xlsx.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, OrganisationQuery q, CancellationToken ct)
    {
        var all = await (await FilterAsync(actor, q, ct)).Select(ToDto).ToListAsync(ct);
        return await ExcelExport.ToXlsxAsync(all.Select(Masked), ExportColumns, "单位", ct);
    }

    private static readonly ExcelColumn<OrganisationDto>[] ExportColumns =
    [
        new("单位名称", o => o.Name),
        new("类型", o => o.TypeName),
        new("上级单位", o => o.ParentName),
        new("统一社会信用代码", o => o.CreditCode),
        new("经费来源", o => o.FundingTypeName),
        new("联系人", o => o.ContactName),
        new("联系电话", o => o.ContactPhone),
        new("联系邮箱", o => o.ContactEmail),
        new("状态", o => o.IsActive ? "启用" : "停用"),
    ];

    /// <summary>One organisation: the contact whole to the system administrator (audited), else masked (R-27.1).</summary>
    public async Task<OrganisationDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var org = await FindAsync(actor, id, ct);
        // Whole only to the system administrator, who keeps organisations (and edits these); each such view is in the audit log.
        if (!actor.IsIn(Role.SystemAdmin)) return Masked(org);
        await audit.PersonalDataViewedAsync(actor, nameof(Organisation), id, org.Name, [("联系电话", org.ContactPhone), ("联系邮箱", org.ContactEmail)], ct);
        return org;
    }

    private async Task<OrganisationDto> FindAsync(Actor actor, Guid id, CancellationToken ct) =>
        await (await ScopedAsync(actor, ct)).Where(o => o.Id == id).Select(ToDto).FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("单位");

    public async Task<OrganisationDto> CreateAsync(Actor actor, OrganisationInput input, CancellationToken ct)
    {
        RequireAdmin(actor);
        var org = new Organisation { Name = "" };
        await ApplyAsync(org, input, ct);
        db.Organisations.Add(org);
        audit.Record(actor, AuditActions.OrganisationCreated, nameof(Organisation), org.Id, after: Snapshot(org));
        await db.SaveChangesAsync(ct);
        return Masked(await FindAsync(actor, org.Id, ct));
    }

    public async Task<OrganisationDto> UpdateAsync(Actor actor, Guid id, OrganisationInput input, CancellationToken ct)
    {
        RequireAdmin(actor);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw ProblemException.NotFound("单位");
        ProblemException.CheckVersion(input.Version, org.Version, "单位");
        var before = Snapshot(org);
        // A list row or an earlier answer sent back shows the contact masked: that means unchanged.
        input = input with
        {
            ContactPhone = ContactRules.KeptIfMasked(input.ContactPhone, org.ContactPhone), ContactEmail = ContactRules.KeptIfMasked(input.ContactEmail, org.ContactEmail),
        };
        await ApplyAsync(org, input, ct);
        org.Version++;
        audit.Record(actor, AuditActions.OrganisationUpdated, nameof(Organisation), org.Id, before, Snapshot(org));
        await db.SaveChangesAsync(ct);
        return Masked(await FindAsync(actor, org.Id, ct));
    }

    /// <summary>Counts per organisation type, for the administrators' home page.</summary>
    public async Task<Dictionary<OrganisationType, int>> CountByTypeAsync(CancellationToken ct) =>
        await db.Organisations.AsNoTracking().GroupBy(o => o.Type).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    private async Task<IQueryable<Organisation>> FilterAsync(Actor actor, OrganisationQuery q, CancellationToken ct)
    {
        var query = await ScopedAsync(actor, ct);
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            // The contact phone is stored sealed: found by its keyed hash, and only by whom it is shown whole (else a search,
            // digit by digit, would unmask it).
            var phone = actor.IsIn(Role.SystemAdmin) ? personalData.SearchIndex(q.Q) : null;
            query = query.Where(o => o.Name.Contains(q.Q) || (o.CreditCode != null && o.CreditCode.Contains(q.Q))
                || (phone != null && EF.Property<string>(o, PersonalDataModel.IndexOf(nameof(Organisation.ContactPhone))) == phone));
        }
        if (q.Type is { } type) query = query.Where(o => o.Type == type);
        if (q.ParentId is { } parent) query = query.Where(o => o.ParentId == parent);
        if (q.IsActive is { } active) query = query.Where(o => o.IsActive == active);
        return query.OrderBy(o => o.Type).ThenBy(o => o.Name);
    }

    private async Task<IQueryable<Organisation>> ScopedAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.DirectoryAsync(actor, ct);
        var query = db.Organisations.AsNoTracking();
        return visible is null ? query : query.Where(o => visible.Contains(o.Id));
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Role.SystemAdmin)) throw ProblemException.Forbidden("只有系统管理员可以维护单位");
    }

    private async Task ApplyAsync(Organisation org, OrganisationInput input, CancellationToken ct)
    {
        var v = new Validation();
        var name = Texts.Line(input.Name);
        v.Required(name, "name", "单位名称", 100);
        if (input.Type is null) v.Add("type", "请选择单位类型");
        var type = input.Type ?? OrganisationType.Agency;

        if (!string.IsNullOrEmpty(name) && await db.Organisations.AnyAsync(o => o.Name == name && o.Id != org.Id, ct))
            v.Add("name", $"单位名称“{name}”已存在");

        OrganisationType? parentType = null;
        if (input.ParentId is { } parentId)
        {
            if (parentId == org.Id) v.Add("parentId", "上级单位不能是本单位");
            parentType = await db.Organisations.Where(o => o.Id == parentId).Select(o => (OrganisationType?)o.Type).FirstOrDefaultAsync(ct);
            if (parentType is null) v.Add("parentId", "上级单位不存在");
        }
        if (input.Type == OrganisationType.CountyDepartment && parentType != OrganisationType.County)
            v.Add("parentId", "县区部门须选择所属县区");

        var code = input.CreditCode?.Trim().ToUpperInvariant();
        if (type.NeedsCreditCode())
        {
            if (CreditCode.Check(code) is { } problem) v.Add("creditCode", problem);
            else if (await db.Organisations.AnyAsync(o => o.CreditCode == code && o.Id != org.Id, ct))
                v.Add("creditCode", "该统一社会信用代码已被其他单位使用");
        }
        else if (!string.IsNullOrEmpty(code) && CreditCode.Check(code) is { } problem) v.Add("creditCode", problem);

        if (type == OrganisationType.Agency && input.FundingType is null) v.Add("fundingType", "请选择经费来源（财政全额拨款 / 其他）");
        if (input.ContactName?.Length > 50) v.Add("contactName", "联系人不能超过 50 个字");
        if (!TextRules.IsBlank(input.ContactPhone) && !PhonePattern().IsMatch(input.ContactPhone.Trim()))
            v.Add("contactPhone", "联系电话格式不正确（手机号 11 位，或座机如 0772-1234567）");
        if (!TextRules.IsBlank(input.ContactEmail) && !ContactRules.IsEmail(input.ContactEmail))
            v.Add("contactEmail", "邮箱格式不正确");
        v.ThrowIfInvalid();

        org.Name = name!;
        org.Type = type;
        org.ParentId = input.ParentId;
        org.CreditCode = string.IsNullOrEmpty(code) ? null : code;
        org.FundingType = type == OrganisationType.Agency ? input.FundingType : null;
        org.ContactName = Texts.Line(input.ContactName);
        org.ContactPhone = Texts.Line(input.ContactPhone);
        org.ContactEmail = Texts.Line(input.ContactEmail);
        org.IsActive = input.IsActive;
    }


    private static object Snapshot(Organisation o) => new
    {
        o.Name, Type = o.Type.ToString(), o.ParentId, o.CreditCode, FundingType = o.FundingType?.ToString(),
        o.ContactName, o.ContactPhone, o.ContactEmail, o.IsActive,
    };

    private static readonly System.Linq.Expressions.Expression<Func<Organisation, OrganisationDto>> ToDto = o => new OrganisationDto(
        o.Id, o.Name, o.Type, o.ParentId, o.Parent == null ? null : o.Parent.Name, o.CreditCode, o.FundingType,
        o.ContactName, o.ContactPhone, o.ContactEmail, o.IsActive, o.Version);

    [GeneratedRegex(@"^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")]
    private static partial Regex PhonePattern();
}
