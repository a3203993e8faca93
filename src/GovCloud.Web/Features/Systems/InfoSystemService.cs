using GovCloud.Web.Infrastructure.Privacy;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Provisioning;
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
    SystemLocation Location, SystemLifecycle Lifecycle, string? Remarks, long Version, string? OffCloudReason, string? OffCloudBy, DateTimeOffset? OffCloudAt,
    SystemLocation? VerifiedLocation = null, bool Migrated = false)
{
    public string KindName => Kind.DisplayName();
    public string LocationName => Location.DisplayName();
    /// <summary>Where the inventory and the data-centre register show it runs (null when neither knows).</summary>
    public string? VerifiedLocationName => VerifiedLocation?.DisplayName();
    public string LifecycleName => Lifecycle.DisplayName();
}

/// <param name="OffCloudReason">The Bureau's reason for a new or upgraded system not built on the cloud (Art. 4); others may not give one.</param>
public sealed record InfoSystemInput(
    Guid? OrganisationId, string? Name, string? Subsystems, string? Vendor, string? VendorContactName, string? VendorContactMobile,
    string? VendorContactEmail, SystemKind? Kind, int? MlpsLevel, SystemLocation? Location, SystemLifecycle? Lifecycle, string? Remarks,
    long? Version = null, string? OffCloudReason = null);

/// <param name="OffCloud">Only the new and upgraded systems the Bureau let be built elsewhere than the cloud (Art. 4).</param>
public sealed record InfoSystemQuery(string? Q = null, Guid? OrganisationId = null, SystemLifecycle? Lifecycle = null, SystemKind? Kind = null,
    int? Page = null, int? PageSize = null, bool? OffCloud = null);

public sealed record SystemImportResult(int Created, int Updated, int Unchanged);

/// <summary>One system's facts with its agency.</summary>
public sealed record SystemFactsRow(Guid SystemId, Guid OrganisationId, string OrganisationName, SystemFacts Facts);

public sealed record MigrationRateDto(Guid OrganisationId, string OrganisationName, int Systems, int Migrated, double? Rate);

/// <summary>
/// The register of non-classified systems (R-4.2): an agency keeps its own, a county its departments',
/// the Bureau reads all; every change audited.
/// </summary>
public sealed class InfoSystemService(GovCloudDbContext db, DataScope scope, AuditLog audit, TimeProvider clock, Microsoft.Extensions.Options.IOptions<GovCloudOptions> options,
    PersonalDataProtector personalData, Platform.GovCloudMetrics metrics)
{
    public async Task<Paged<InfoSystemDto>> ListAsync(Actor actor, InfoSystemQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).Select(ToDto).ToListAsync(ct);
        return new Paged<InfoSystemDto>((await VerifyAsync(items, ct)).Select(Masked).ToList(), total, page, size);
    }

    /// <summary>
    /// Lists and exports show the vendor contact's mobile and e-mail masked (R-27.1); one system's page shows them whole to
    /// those who edit it. An exported sheet read back keeps a masked value as it is stored.
    /// </summary>
    private static InfoSystemDto Masked(InfoSystemDto s) =>
        s with { VendorContactMobile = ContactRules.MaskPhone(s.VendorContactMobile), VendorContactEmail = ContactRules.MaskEmail(s.VendorContactEmail) };

    private static readonly Role[] Editors = [Role.AgencyOperator, Role.BureauApprover];

    /// <summary>The filtered register (all pages) as .xlsx.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, InfoSystemQuery q, CancellationToken ct)
    {
        var all = (await VerifyAsync(await (await FilterAsync(actor, q, ct)).Select(ToDto).ToListAsync(ct), ct)).Select(Masked);
        IEnumerable<IDictionary<string, object?>> rows = all.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["所属单位"] = s.OrganisationName, ["系统名称"] = s.Name, ["子系统"] = s.Subsystems, ["类型"] = s.KindName,
            ["等保级别"] = s.MlpsLevel, ["部署位置"] = s.LocationName, ["状态"] = s.LifecycleName, ["开发商"] = s.Vendor,
            ["开发商联系人"] = s.VendorContactName, ["联系人手机"] = s.VendorContactMobile, ["联系人邮箱"] = s.VendorContactEmail,
            // Not read back on import: what the inventory and the data-centre register show (R-30.1).
            ["核实部署位置"] = s.VerifiedLocationName ?? "未核实", ["计入已迁移"] = s.Migrated ? "是" : "否",
        }).ToList();
        // An empty register still exports its header row, so the file serves as the import template.
        if (!rows.Any()) rows = [Columns.ToDictionary(c => c.Header, c => (object?)null)];
        return await ExcelExport.ToXlsxAsync(rows, "信息系统台账", ct);
    }

    private async Task<IQueryable<InfoSystem>> FilterAsync(Actor actor, InfoSystemQuery q, CancellationToken ct)
    {
        var query = await ScopedAsync(actor, ct);
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            // The vendor contact's mobile is stored sealed: found by its keyed hash, and only by whom it is shown whole (else a
            // search, digit by digit, would unmask it).
            var phone = actor.IsInAny(Editors) ? personalData.SearchIndex(q.Q) : null;
            query = query.Where(s => s.Name.Contains(q.Q) || (s.Vendor != null && s.Vendor.Contains(q.Q))
                || (phone != null && EF.Property<string>(s, PersonalDataModel.IndexOf(nameof(InfoSystem.VendorContactMobile))) == phone));
        }
        if (q.OrganisationId is { } org) query = query.Where(s => s.OrganisationId == org);
        if (q.Lifecycle is { } state) query = query.Where(s => s.Lifecycle == state);
        if (q.Kind is { } kind) query = query.Where(s => s.Kind == kind);
        if (q.OffCloud == true) query = query.Where(s => s.OffCloudReason != null);
        return query.OrderBy(s => s.Organisation!.Name).ThenBy(s => s.Name);
    }

    /// <summary>One system: the vendor contact whole to those who edit systems (each such view in the audit log), else masked.</summary>
    public async Task<InfoSystemDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var system = await OneAsync(actor, id, ct);
        if (!actor.IsInAny(Editors)) return Masked(system);
        if (actor.OrganisationId != system.OrganisationId)
            await audit.PersonalDataViewedAsync(actor, nameof(InfoSystem), id, $"{system.OrganisationName} {system.Name}",
                [("开发商联系人手机", system.VendorContactMobile), ("开发商联系人邮箱", system.VendorContactEmail)], ct);
        return system;
    }

    private async Task<InfoSystemDto> OneAsync(Actor actor, Guid id, CancellationToken ct) =>
        (await VerifyAsync(await (await ScopedAsync(actor, ct)).Where(s => s.Id == id).Select(ToDto).ToListAsync(ct), ct)).FirstOrDefault()
        ?? throw ProblemException.NotFound("信息系统");

    /// <summary>Adds where the registers show each system runs, and whether it counts as migrated today.</summary>
    private async Task<List<InfoSystemDto>> VerifyAsync(List<InfoSystemDto> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.Id).ToList();
        var facts = (await FactsAsync(db, db.InfoSystems.Where(s => ids.Contains(s.Id)), ChinaTime.Today(clock), ct)).ToDictionary(f => f.SystemId, f => f.Facts);
        return items.Select(i => facts.TryGetValue(i.Id, out var f)
            ? i with { VerifiedLocation = InfoSystemRules.VerifiedLocation(f), Migrated = f.Lifecycle != SystemLifecycle.Offline && (f.InFormalUse || f.InRetainedCentre) }
            : i).ToList();
    }

    /// <summary>
    /// What the inventory and the data-centre register know of each system (R-30.1): one query, for the rates, the monthly
    /// snapshots and the register alike.
    /// </summary>
    public static async Task<List<SystemFactsRow>> FactsAsync(GovCloudDbContext db, IQueryable<InfoSystem> systems, DateOnly today, CancellationToken ct) =>
        (await systems.Select(s => new
        {
            s.Id, s.OrganisationId, OrganisationName = s.Organisation!.Name, s.Lifecycle,
            InFormalUse = db.CloudVms.Any(v => v.SystemId == s.Id && v.State == GovCloud.Domain.Provisioning.VmState.Active),
            InRetainedCentre = s.DataCenterId != null && db.DataCenters.Any(d => d.Id == s.DataCenterId && d.RevokedOn == null
                && d.Decision == GovCloud.Domain.DataCenters.CertificationState.Certified && d.RetentionEndsOn >= today),
            Hosted = s.DataCenterId != null,
        }).ToListAsync(ct)).Select(r => new SystemFactsRow(r.Id, r.OrganisationId, r.OrganisationName, new SystemFacts(r.Lifecycle, r.InFormalUse, r.InRetainedCentre, r.Hosted)))
        .ToList();

    public async Task<InfoSystemDto> CreateAsync(Actor actor, InfoSystemInput input, CancellationToken ct)
    {
        var entity = new InfoSystem { Name = "", CreatedAt = clock.GetUtcNow() };
        await ApplyAsync(actor, entity, input, ct);
        db.InfoSystems.Add(entity);
        audit.Record(actor, AuditActions.SystemRegistered, nameof(InfoSystem), entity.Id, after: Snapshot(entity));
        await db.SaveChangesAsync(ct);
        return await OneAsync(actor, entity.Id, ct);
    }

    public async Task<InfoSystemDto> UpdateAsync(Actor actor, Guid id, InfoSystemInput input, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var entity = await db.InfoSystems.FirstOrDefaultAsync(s => s.Id == id && (visible == null || visible.Contains(s.OrganisationId)), ct)
                     ?? throw ProblemException.NotFound("信息系统");
        ProblemException.CheckVersion(input.Version, entity.Version, "信息系统");
        var before = Snapshot(entity);
        await ApplyAsync(actor, entity, input with { OrganisationId = entity.OrganisationId }, ct);
        entity.Version++;
        audit.Record(actor, AuditActions.SystemUpdated, nameof(InfoSystem), entity.Id, before, Snapshot(entity));
        await db.SaveChangesAsync(ct);
        return await OneAsync(actor, id, ct);
    }

    /// <summary>The headers of the register sheet (export and import), and the input field each fills.</summary>
    private static readonly (string Header, string Field)[] Columns =
    [
        ("所属单位", "organisationId"), ("系统名称", "name"), ("子系统", "subsystems"), ("类型", "kind"), ("等保级别", "mlpsLevel"),
        ("部署位置", "location"), ("状态", "lifecycle"), ("开发商", "vendor"), ("开发商联系人", "vendorContactName"),
        ("联系人手机", "vendorContactMobile"), ("联系人邮箱", "vendorContactEmail"),
    ];

    /// <summary>
    /// Adds or updates systems from a sheet laid out like the export (matched by unit and name), or
    /// refuses with every problem by row and column (422) and changes nothing.
    /// </summary>
    public async Task<SystemImportResult> ImportAsync(Actor actor, byte[] file, CancellationToken ct)
    {
        if (!actor.IsInAny(Role.AgencyOperator, Role.BureauApprover)) throw ProblemException.Forbidden("只有使用单位经办人或大数据局审批人员可以导入信息系统台账");
        const string title = "台账有误，未导入";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var sheet = UploadedSpreadsheet.Rows(file, options.Value.Imports.Limits, title);
        static string Text(object? v) => UploadedSpreadsheet.Text(v);
        var headerIndex = sheet.Take(10).ToList().FindIndex(r => r.Values.Any(v => Text(v) == "系统名称"));
        if (headerIndex < 0) throw ProblemException.SpreadsheetRefused(title, new[] { new SheetError(0, "", "", "前 10 行中找不到表头“系统名称”，请先导出台账作为模板") });
        var letterOf = Columns.ToDictionary(c => c.Field, c => sheet[headerIndex].FirstOrDefault(kv => Text(kv.Value) == c.Header).Key);
        var errors = new List<SheetError>();
        foreach (var (header, field) in Columns.Where(c => c.Field is "name" or "kind" or "location"))
            if (letterOf[field] is null) errors.Add(new SheetError(headerIndex + 1, "", header, $"缺少必填列“{header}”"));
        if (errors.Count > 0) throw ProblemException.SpreadsheetRefused(title, errors);

        var visible = await scope.OrganisationsAsync(actor, ct);
        var tenants = (await db.Organisations.AsNoTracking().Where(o => visible == null || visible.Contains(o.Id)).Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct))
            .Where(o => o.Type.IsTenant()).ToDictionary(o => o.Name, o => o.Id);
        var existing = await db.InfoSystems.Where(s => visible == null || visible.Contains(s.OrganisationId)).ToListAsync(ct);
        var seen = new HashSet<(Guid, string)>();
        int created = 0, updated = 0, unchanged = 0;
        for (var i = headerIndex + 1; i < sheet.Count; i++)
        {
            var row = i + 1;
            string Cell(string field) => letterOf[field] is { } letter && sheet[i].TryGetValue(letter, out var v) ? Text(v) : "";
            void Error(string field, string message) =>
                errors.Add(new SheetError(row, letterOf.GetValueOrDefault(field) ?? "", Columns.FirstOrDefault(c => c.Field == field).Header ?? "", message));
            if (Columns.All(c => Cell(c.Field).Length == 0)) continue;

            Guid? orgId = actor.OrganisationId;
            if (Cell("organisationId") is { Length: > 0 } orgName)
            {
                if (tenants.TryGetValue(orgName, out var found)) orgId = found;
                else { Error("organisationId", $"单位“{orgName}”不存在、不是使用单位或不在您的权限范围内"); continue; }
            }
            // A choice is written as its Chinese name, as the export writes it (full-width or half-width brackets alike).
            T? Choice<T>(string field, string label, Func<T, string> nameOf) where T : struct, Enum
            {
                var text = Cell(field);
                var found = Enum.GetValues<T>().Where(k => FormText.Fold(nameOf(k)) == FormText.Fold(text)).Select(k => (T?)k).FirstOrDefault();
                if (found is null && text.Length > 0) Error(field, $"{label}“{text}”应为 {string.Join("、", Enum.GetValues<T>().Select(nameOf))} 之一");
                return found;
            }
            var kind = Choice<SystemKind>("kind", "类型", k => k.DisplayName());
            var location = Choice<SystemLocation>("location", "部署位置", l => l.DisplayName());
            var lifecycle = Choice<SystemLifecycle>("lifecycle", "状态", l => l.DisplayName());
            int? mlps = null;
            if (Cell("mlpsLevel") is { Length: > 0 } levelText && levelText != "未定级")
            {
                mlps = FormText.Integer(levelText.Replace("第", "").Replace("一", "1").Replace("二", "2").Replace("三", "3").Replace("四", "4").Replace("五", "5"), "级");
                if (mlps is null) Error("mlpsLevel", $"等保级别“{levelText}”应为 1 至 5 的数字（可写“二级”）");
            }
            var name = Cell("name");
            if (orgId is { } o && name.Length > 0 && !seen.Add((o, name))) { Error("name", $"表中“{name}”重复出现"); continue; }

            var entity = existing.FirstOrDefault(s => s.OrganisationId == orgId && s.Name == name);
            var isNew = entity is null;
            entity ??= new InfoSystem { Name = "", CreatedAt = clock.GetUtcNow() };
            var before = isNew ? null : Snapshot(entity);
            var input = new InfoSystemInput(orgId, name, Cell("subsystems"), Cell("vendor"), Cell("vendorContactName"), Cell("vendorContactMobile"),
                Cell("vendorContactEmail"), kind, mlps, location, isNew ? lifecycle : lifecycle ?? entity.Lifecycle, entity.Remarks); // no column: kept
            try
            {
                await ApplyAsync(actor, entity, input, ct);
            }
            catch (ProblemException p) when (p.Errors is not null)
            {
                foreach (var (field, messages) in p.Errors)
                    foreach (var message in messages)
                        if (!errors.Any(e => e.Row == row && e.Column == (letterOf.GetValueOrDefault(field) ?? ""))) Error(field, message);
                continue;
            }
            if (isNew)
            {
                db.InfoSystems.Add(entity);
                audit.Record(actor, AuditActions.SystemRegistered, nameof(InfoSystem), entity.Id, after: Snapshot(entity));
                created++;
            }
            else if (IsModified(entity))
            {
                entity.Version++;
                audit.Record(actor, AuditActions.SystemUpdated, nameof(InfoSystem), entity.Id, before, Snapshot(entity));
                updated++;
            }
            else unchanged++; // the row as it was exported: nothing to record
        }
        if (errors.Count > 0) throw ProblemException.SpreadsheetRefused(title, errors);
        audit.Record(actor, AuditActions.SystemsImported, nameof(InfoSystem), null, after: new { created, updated, unchanged });
        await db.SaveChangesAsync(ct);
        metrics.Imported("systems", created + updated + unchanged, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return new SystemImportResult(created, updated, unchanged);
    }

    /// <summary>Whether the values just applied differ from those loaded (a row exported and imported again changes nothing).</summary>
    private bool IsModified(InfoSystem entity)
    {
        var entry = db.Entry(entity);
        entry.DetectChanges();
        return entry.State == EntityState.Modified;
    }

    /// <summary>迁移上云率 per agency in scope (R-30.1).</summary>
    public async Task<IReadOnlyList<MigrationRateDto>> MigrationRatesAsync(Actor actor, CancellationToken ct)
    {
        var rows = await FactsAsync(db, await ScopedAsync(actor, ct), ChinaTime.Today(clock), ct);
        return rows.GroupBy(r => (r.OrganisationId, r.OrganisationName))
            .Select(g =>
            {
                var count = InfoSystemRules.Migration(g.Select(r => r.Facts));
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
        // A list row, an earlier answer or an exported sheet sent back shows the vendor contact masked: that means unchanged.
        input = input with
        {
            VendorContactMobile = ContactRules.KeptIfMasked(input.VendorContactMobile, entity.VendorContactMobile),
            VendorContactEmail = ContactRules.KeptIfMasked(input.VendorContactEmail, entity.VendorContactEmail),
        };
        var v = new Validation();
        var orgId = input.OrganisationId ?? actor.OrganisationId;
        if (await scope.CheckTenantAsync(actor, orgId, "信息系统", ct) is { } owner) v.Add("organisationId", owner);
        var name = Texts.Line(input.Name);
        v.Required(name, "name", "系统名称", 100);
        if (!string.IsNullOrEmpty(name) && orgId is { } org && await db.InfoSystems.AnyAsync(s => s.OrganisationId == org && s.Name == name && s.Id != entity.Id, ct))
            v.Add("name", $"本单位已登记名为“{name}”的系统");
        if (input.Kind is null) v.Add("kind", "请选择系统类型（存量、新建、升级改造）");
        foreach (var (value, max, field, label) in new[]
                 {
                     (input.Subsystems, 500, "subsystems", "子系统"), (input.Vendor, 100, "vendor", "开发商"),
                     (input.Remarks, 500, "remarks", "备注"),
                 })
            if (value?.Trim().Length > max) v.Add(field, $"{label}不能超过 {max} 个字");
        if (input.Location is null) v.Add("location", "请选择当前部署位置");
        // Art. 4: a new or upgraded system goes on the cloud; elsewhere only as the Bureau's recorded exception.
        var offCloudReason = Texts.OrNull(input.OffCloudReason);
        if (offCloudReason is not null && !actor.IsIn(Role.BureauApprover)) v.Add("offCloudReason", "例外由大数据局审批人员登记");
        else if (offCloudReason?.Length > 500) v.Add("offCloudReason", "例外理由不能超过 500 个字");
        if (input.Kind is { } k && input.Location is { } where
            && InfoSystemRules.CheckBuiltOnCloud(k, where, entity.OffCloudReason is not null || offCloudReason is not null && actor.IsIn(Role.BureauApprover)) is { } offCloud)
            v.Add("location", offCloud);
        if (InfoSystemRules.CheckMlpsLevel(input.MlpsLevel) is { } mlps) v.Add("mlpsLevel", mlps);
        // Art. 26: the order of handover and wipe follows the MLPS level the termination was decided on; lowering it while
        // the termination is open would let a level-3 system's data be wiped before it is handed over.
        else if (entity.MlpsLevel is { } level && (input.MlpsLevel ?? 0) < level && await db.ChangeRequests.AnyAsync(c => c.SystemId == entity.Id && c.Kind == ChangeKind.Termination
                     && (c.State == ChangeState.Submitted || c.State == ChangeState.Evaluated || c.State == ChangeState.Approved), ct))
            v.Add("mlpsLevel", "该系统的终止申请正在办理，办结前不能降低等保级别");
        // R-27.1: once graded in 等级保护, the register's level is the grading's; it changes there, with its filing.
        else if (await db.MlpsRecords.Where(m => m.SystemId == entity.Id).Select(m => (int?)m.Level).FirstOrDefaultAsync(ct) is { } graded && input.MlpsLevel != graded)
            v.Add("mlpsLevel", $"等保级别以“等级保护”中登记的定级（{GovCloud.Domain.Supervision.MlpsRules.LevelName(graded)}）为准，请在等级保护中修改");
        // Art. 26 and the rates of Art. 30: a system goes offline through its termination or a shutdown's recorded data
        // handling (handover and wipe), never by choosing it; only the Bureau corrects an entry.
        if (input.Lifecycle == SystemLifecycle.Offline && entity.Lifecycle != SystemLifecycle.Offline && !actor.IsIn(Role.BureauApprover))
            v.Add("lifecycle", "“已下线”在终止回收或整合关停的数据处置办结后自动记录，不能直接选择");
        v.Contact("vendorContact", "开发商联系人", input.VendorContactName, input.VendorContactMobile, input.VendorContactEmail);
        v.ThrowIfInvalid();

        entity.OrganisationId = orgId!.Value;
        entity.Name = name!;
        entity.Subsystems = string.Join("、", FormText.List(input.Subsystems)) is { Length: > 0 } subs ? subs : null;
        entity.Vendor = Texts.Line(input.Vendor);
        entity.VendorContactName = Texts.Line(input.VendorContactName);
        entity.VendorContactMobile = Texts.Line(input.VendorContactMobile);
        entity.VendorContactEmail = Texts.Line(input.VendorContactEmail);
        entity.Kind = input.Kind!.Value;
        entity.MlpsLevel = input.MlpsLevel;
        entity.Location = input.Location!.Value;
        if (offCloudReason is not null && offCloudReason != entity.OffCloudReason)
        {
            (entity.OffCloudReason, entity.OffCloudBy, entity.OffCloudAt) = (offCloudReason, actor.UserName, clock.GetUtcNow());
            audit.Record(actor, AuditActions.SystemOffCloudException, nameof(InfoSystem), entity.Id, null,
                new { entity.Name, kind = entity.Kind.ToString(), location = entity.Location.ToString(), reason = offCloudReason });
        }
        // New systems start waiting to go onto the cloud; what happens next is the processes' to say.
        // A new or upgraded system entered as "政务云" is to be built there: it waits for its resources like any other.
        entity.Lifecycle = input.Lifecycle ?? (input.Location == SystemLocation.OnCloud && input.Kind == SystemKind.Existing ? SystemLifecycle.OnCloud : SystemLifecycle.PendingMigration);
        entity.Remarks = Texts.OrNull(input.Remarks);
    }


    private static object Snapshot(InfoSystem s) => new
    {
        s.OrganisationId, s.Name, s.Subsystems, s.Vendor, Kind = s.Kind.ToString(), s.MlpsLevel, Location = s.Location.ToString(),
        Lifecycle = s.Lifecycle.ToString(),
    };

    private static readonly System.Linq.Expressions.Expression<Func<InfoSystem, InfoSystemDto>> ToDto = s => new InfoSystemDto(
        s.Id, s.OrganisationId, s.Organisation!.Name, s.Name, s.Subsystems, s.Vendor, s.VendorContactName, s.VendorContactMobile,
        s.VendorContactEmail, s.Kind, s.MlpsLevel, s.Location, s.Lifecycle, s.Remarks, s.Version, s.OffCloudReason, s.OffCloudBy, s.OffCloudAt);

}
