using GovCloud.Domain;
using System.Linq.Expressions;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Applications;

/// <summary>
/// The agency's side of 云资源使用申请: create one per system, fill the header, the Annex 3 rows
/// (typed or imported from Excel) and the other services, and read it back with its fee and clocks.
/// An agency sees its own applications (a county its departments'); the Center, the Bureau and the
/// regulators see every application once it has been submitted to the city, never another agency's draft nor one its
/// county government has not yet sent on (Art. 5).
/// </summary>
public sealed class ApplicationService(
    GovCloudDbContext db, DataScope scope, AuditLog audit, CatalogService catalog, DeadlineClockService clocks, Pools.PoolService poolService,
    TimeProvider clock, Microsoft.Extensions.Options.IOptions<GovCloudOptions> options, Infrastructure.Privacy.PersonalDataProtector personalData)
{
    public const string CaseType = nameof(ResourceApplication);

    public async Task<Paged<ApplicationSummaryDto>> ListAsync(Actor actor, ApplicationQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).Select(ToSummary).ToListAsync(ct);
        return new Paged<ApplicationSummaryDto>(await WithTrialsAsync(items, ct), total, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, ApplicationQuery q, CancellationToken ct)
    {
        var all = await WithTrialsAsync(await (await FilterAsync(actor, q, ct)).Select(ToSummary).ToListAsync(ct), ct);
        return await ExcelExport.ToXlsxAsync(all, ExportColumns, "云资源申请", ct);
    }

    private static readonly ExcelColumn<ApplicationSummaryDto>[] ExportColumns =
    [
        new("申请编号", a => a.Number), new("申请单位", a => a.ApplicantName), new("使用单位", a => a.OrganisationName), new("信息系统", a => a.SystemName),
        new("状态", a => a.StateName), new("虚拟机台数", a => a.VmCount), new("提交时间", a => ChinaTime.Format(a.SubmittedAt)),
        new("当前环节截止日", a => a.DueOn?.ToString("yyyy-MM-dd")),
    ];

    private async Task<IQueryable<ResourceApplication>> FilterAsync(Actor actor, ApplicationQuery q, CancellationToken ct)
    {
        var query = await ScopedAsync(actor, ct);
        if (q.State is { } state) query = query.Where(a => a.State == state);
        if (q.InProgress == true)
            query = query.Where(a => a.State == ApplicationState.AwaitingCounty || a.State == ApplicationState.Submitted || a.State == ApplicationState.Evaluated);
        if (q.OrganisationId is { } org) query = query.Where(a => a.OrganisationId == org);
        if (q.Trial is { } trial) query = query.Where(a => db.TrialEnvironments.Any(t => t.ApplicationId == a.Id && t.State == trial));
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            // The contacts' mobiles are stored sealed: found by their keyed hash, and only by those shown them whole (else a
            // search, digit by digit, would unmask them).
            var phone = actor.IsInAny([.. Access.Agency, .. ContactReaders]) ? personalData.SearchIndex(q.Q) : null;
            var (agencyIndex, vendorIndex) = (Infrastructure.Privacy.PersonalDataModel.IndexOf(nameof(ResourceApplication.AgencyContactMobile)),
                Infrastructure.Privacy.PersonalDataModel.IndexOf(nameof(ResourceApplication.VendorContactMobile)));
            query = query.Where(a => a.Number.Contains(q.Q) || a.System!.Name.Contains(q.Q) || a.Organisation!.Name.Contains(q.Q)
                || (phone != null && (EF.Property<string>(a, agencyIndex) == phone || EF.Property<string>(a, vendorIndex) == phone)));
        }
        // Queues show the soonest last day first; finished applications the newest first.
        return query.OrderBy(a => a.OpenClock == null).ThenBy(a => a.OpenClock!.DueAt).ThenByDescending(a => a.CreatedAt);
    }

    /// <summary>The trial stage of the approved ones among <paramref name="items"/>, so a list says 试用中 or 已正式开通, not only 已批准.</summary>
    private async Task<List<ApplicationSummaryDto>> WithTrialsAsync(List<ApplicationSummaryDto> items, CancellationToken ct)
    {
        var ids = items.Where(i => i.State == ApplicationState.Approved).Select(i => i.Id).ToList();
        if (ids.Count == 0) return items;
        var trials = await db.TrialEnvironments.AsNoTracking().Where(t => ids.Contains(t.ApplicationId))
            .ToDictionaryAsync(t => t.ApplicationId, t => t.State, ct);
        return items.Select(i => trials.TryGetValue(i.Id, out var t) ? i with { Trial = t } : i).ToList();
    }

    /// <summary>The application as the service works on it and answers the one who just acted on it (contacts whole).</summary>
    public async Task<ApplicationDto> GetAsync(Actor actor, Guid id, CancellationToken ct) => await ToDtoAsync(await LoadAsync(actor, id, ct), ct);

    /// <summary>
    /// The application as a person reads it: the contacts and bastion owners whole to the agency that entered them,
    /// and to those who review and deliver it (each such view audited); masked to everyone else who may read it.
    /// </summary>
    public async Task<ApplicationDto> ViewAsync(Actor actor, Guid id, CancellationToken ct, string? via = null)
    {
        var a = await LoadAsync(actor, id, ct);
        var dto = await ToDtoAsync(a, ct);
        if (actor.OrganisationId == a.OrganisationId) return dto;
        if (!actor.IsInAny(ContactReaders) && actor.OrganisationId != a.Organisation!.ParentId) return Masked(dto);
        var c = dto.Contacts;
        await audit.PersonalDataViewedAsync(actor, nameof(ResourceApplication), id, $"{dto.Number} {dto.OrganisationName} {dto.SystemName}",
        [
            ("联系人手机", c.AgencyContactMobile ?? c.VendorContactMobile), ("联系人邮箱", c.AgencyContactEmail ?? c.VendorContactEmail),
            ("堡垒机账号负责人邮箱", string.Concat(dto.Vms.Select(v => v.OwnerEmails))), ("堡垒机账号负责人手机", string.Concat(dto.Vms.Select(v => v.OwnerMobiles))),
        ], ct, via);
        return dto;
    }

    private async Task<ResourceApplication> LoadAsync(Actor actor, Guid id, CancellationToken ct) =>
        await (await ScopedAsync(actor, ct))
            .Include(x => x.Organisation!.Parent).Include(x => x.System).Include(x => x.Vms).Include(x => x.Services).Include(x => x.Network).Include(x => x.Attachments)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct)
        ?? throw ProblemException.NotFound("申请");

    private static readonly Role[] ContactReaders = [Role.CenterEvaluator, Role.CenterOperator, Role.BureauApprover];

    private static ApplicationDto Masked(ApplicationDto a) => a with
    {
        Contacts = a.Contacts with
        {
            AgencyContactMobile = ContactRules.MaskPhone(a.Contacts.AgencyContactMobile), AgencyContactEmail = ContactRules.MaskEmail(a.Contacts.AgencyContactEmail),
            VendorContactMobile = ContactRules.MaskPhone(a.Contacts.VendorContactMobile), VendorContactEmail = ContactRules.MaskEmail(a.Contacts.VendorContactEmail),
        },
        Vms = a.Vms.Select(v => v with { OwnerEmails = ContactRules.MaskEmail(v.OwnerEmails)!, OwnerMobiles = ContactRules.MaskPhone(v.OwnerMobiles)! }).ToList(),
    };

    public async Task<ApplicationDto> CreateAsync(Actor actor, ApplicationInput input, CancellationToken ct)
    {
        RequireAgency(actor);
        var v = new Validation();
        var visible = await scope.OrganisationsAsync(actor, ct);
        var system = input.SystemId is { } sid
            ? await db.InfoSystems.Include(s => s.Organisation).FirstOrDefaultAsync(s => s.Id == sid && (visible == null || visible.Contains(s.OrganisationId)), ct)
            : null;
        if (system is null) v.Add("systemId", "请选择本单位已登记的信息系统");
        else if (await db.ResourceApplications.Where(a => a.SystemId == system.Id && a.State != ApplicationState.Approved && a.State != ApplicationState.Rejected)
                     .Select(a => a.Number).FirstOrDefaultAsync(ct) is { } open)
            v.Add("systemId", $"该系统已有办理中的申请 {open}，一个系统同时只办理一份申请");
        var (services, network) = await CheckHeaderAsync(v, input, ct);
        v.ThrowIfInvalid();

        var contacts = input.Contacts;
        var app = new ResourceApplication
        {
            Number = "", OrganisationId = system!.OrganisationId, SystemId = system.Id, State = ApplicationState.Draft,
            CreatedAt = clock.GetUtcNow(), CreatedBy = actor.UserName,
            // The register already knows the vendor's contact; the agency may change it.
            VendorContactName = Texts.Line(contacts?.VendorContactName) ?? system.VendorContactName,
            VendorContactMobile = Texts.Line(contacts?.VendorContactMobile) ?? system.VendorContactMobile,
            VendorContactEmail = Texts.Line(contacts?.VendorContactEmail) ?? system.VendorContactEmail,
        };
        ApplyHeader(app, input, services, network);
        db.ResourceApplications.Add(app);
        // The number is drawn from the numbers already given; taking the writers' turn first means two
        // agencies creating at the same moment never draw the same one.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.TakeWriteTurnAsync(ct);
            app.Number = await NextNumberAsync(ct);
            audit.Record(actor, AuditActions.ApplicationCreated, CaseType, app.Id, after: new { app.Number, system = system.Name, org = system.Organisation!.Name });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return await GetAsync(actor, app.Id, ct);
    }

    public async Task<ApplicationDto> UpdateAsync(Actor actor, Guid id, ApplicationInput input, CancellationToken ct)
    {
        var app = await EditableAsync(actor, id, input.Version, ct);
        var v = new Validation();
        var (services, network) = await CheckHeaderAsync(v, input, ct);
        v.ThrowIfInvalid();
        var before = Header(app);
        ApplyHeader(app, input, services, network);
        app.Version++;
        audit.Record(actor, AuditActions.ApplicationUpdated, CaseType, app.Id, before, Header(app));
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Replaces the VM rows with rows typed in the wizard's grid; problems come back per row and field.</summary>
    public async Task<ApplicationDto> ReplaceVmsAsync(Actor actor, Guid id, VmRowsInput input, CancellationToken ct)
    {
        var app = await EditableAsync(actor, id, input.Version, ct);
        var v = new Validation();
        var rows = new List<VmRequest>();
        if (input.Rows?.Any(r => r is null) == true) throw ProblemException.Invalid("rows", "虚拟机需求中有空行");
        foreach (var r in input.Rows ?? [])
        {
            var no = r.No ?? 0;
            var type = ServerTypes.Parse(r.ServerType);
            if (type is null && !TextRules.IsBlank(r.ServerType)) v.Add($"rows[{no}].serverType", $"第 {no} 行服务器类型“{r.ServerType}”不正确");
            var (owners, problem) = VmRules.PairOwners(r.OwnerNames, r.OwnerEmails, r.OwnerMobiles);
            if (problem is not null) v.Add($"rows[{no}].owners", $"第 {no} 行{problem}");
            rows.Add(new VmRequest(no, Texts.Line(r.Zone), Texts.Line(r.Vendor), Texts.Line(r.SystemName), Texts.Line(r.SubsystemName), type, owners, r.Vcpu, r.MemoryGb,
                r.SystemDiskGb, r.DataDiskGb, Texts.Line(r.OperatingSystem), r.Clustered, Texts.Line(r.ClusterGroup), Texts.OrNull(r.Remarks)));
        }
        var systemName = await db.InfoSystems.Where(s => s.Id == app.SystemId).Select(s => s.Name).FirstAsync(ct);
        foreach (var p in VmRules.Validate(rows, await catalog.LimitsAsync(ct), systemName))
            v.Add(p.Row == 0 ? "rows" : $"rows[{p.Row}].{p.Field}", p.Row == 0 ? p.Message : $"第 {p.Row} 行：{p.Message}");
        v.ThrowIfInvalid();
        await ReplaceRowsAsync(actor, app, rows, "表格填写", ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>
    /// Replaces the VM rows with those of an uploaded Annex 3 form, or refuses with every problem of
    /// the file by row and column (422) and changes nothing (R-A3.6).
    /// </summary>
    public async Task<ApplicationDto> ImportVmsAsync(Actor actor, Guid id, byte[] file, long? version, CancellationToken ct)
    {
        var app = await EditableAsync(actor, id, version, ct);
        var systemName = await db.InfoSystems.Where(s => s.Id == app.SystemId).Select(s => s.Name).FirstAsync(ct);
        var read = RequestFormReader.Read(file, await catalog.LimitsAsync(ct), systemName, options.Value.Imports.Limits);
        if (!read.Ok) throw ProblemException.SpreadsheetRefused("需求表有误，未导入", read.Errors);

        if (read.Contacts is { } c && (c.AgencyName ?? c.VendorName) is not null)
        {
            app.AgencyContactName = c.AgencyName ?? app.AgencyContactName;
            app.AgencyContactMobile = c.AgencyMobile ?? app.AgencyContactMobile;
            app.AgencyContactEmail = c.AgencyEmail ?? app.AgencyContactEmail;
            app.VendorContactName = c.VendorName ?? app.VendorContactName;
            app.VendorContactMobile = c.VendorMobile ?? app.VendorContactMobile;
            app.VendorContactEmail = c.VendorEmail ?? app.VendorContactEmail;
        }
        await ReplaceRowsAsync(actor, app, read.Rows, "Excel 导入", ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The application in the Annex 3 layout; importing it gives the same rows back.</summary>
    public async Task<(byte[] File, string Name)> ExportFormAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var a = await ViewAsync(actor, id, ct, via: "导出需求表");
        var zones = (await catalog.ZonesAsync(false, ct)).Select(z => z.Name).ToList();
        var c = a.Contacts;
        var file = RequestFormWriter.Write(zones,
            new RequestFormContacts(c.AgencyContactName, c.AgencyContactMobile, c.AgencyContactEmail, c.VendorContactName, c.VendorContactMobile, c.VendorContactEmail),
            a.Vms.Select(ToRequest).ToList());
        return (file, $"云资源使用需求表-{a.OrganisationName}-{a.SystemName}.xlsx");
    }

    /// <summary>Before evaluating and approving: per zone the pool (what may be promised, what others hold) and what this one asks.</summary>
    public async Task<IReadOnlyList<ZoneCapacityDto>> CapacityAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var a = await GetAsync(actor, id, ct);
        return await poolService.PreviewAsync(Requested(a.Vms, a.Network), id, ct);
    }

    /// <summary>
    /// Per zone, what the rows still standing (not refused by the Center or the Bureau) ask, with the Center's adjustments,
    /// and the bandwidth and public IPs that stand.
    /// </summary>
    internal static IReadOnlyDictionary<string, Domain.Provisioning.Resources> Requested(IEnumerable<VmRowDto> rows, IEnumerable<NetworkNeedDto> network)
    {
        var requested = rows.Where(Counts).GroupBy(v => v.Zone).ToDictionary(g => g.Key, g =>
        {
            var t = FeeRules.VmTotals(g.Select(Effective));
            return new Domain.Provisioning.Resources(t.Vcpu, t.MemoryGb, t.StorageGb);
        });
        foreach (var n in network)
            requested[n.Zone] = requested.GetValueOrDefault(n.Zone) + new Domain.Provisioning.Resources(0, 0, 0, n.EffectiveBandwidthMbps, n.EffectivePublicIps);
        return requested;
    }

    internal static NetworkNeedDto ToNeed(ApplicationNetwork n) =>
        new(n.Zone, n.BandwidthMbps, n.PublicIps, n.AdjustedBandwidthMbps, n.AdjustedPublicIps, n.DecisionReason);

    // ---- shared with the process ----

    /// <summary>Applications the actor may read: its scope, and no other organisation's drafts (tracked when about to change one).</summary>
    internal async Task<IQueryable<ResourceApplication>> ScopedAsync(Actor actor, CancellationToken ct, bool tracked = false)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = tracked ? db.ResourceApplications : db.ResourceApplications.AsNoTracking();
        // The city's offices see an application once it has reached the city: not a draft, nor one still with its county government.
        return visible is null
            ? query.Where(a => a.SubmittedAt != null)
            : query.Where(a => visible.Contains(a.OrganisationId));
    }

    /// <summary>An application the agency holds (draft or returned), loaded for change, with the version the caller saw.</summary>
    private async Task<ResourceApplication> EditableAsync(Actor actor, Guid id, long? version, CancellationToken ct)
    {
        RequireAgency(actor);
        var app = await (await ScopedAsync(actor, ct, tracked: true)).Include(a => a.Vms).Include(a => a.Services).Include(a => a.Network)
                      .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct)
                  ?? throw ProblemException.NotFound("申请");
        if (!ApplicationFlow.IsEditable(app.State))
            throw new ProblemException(409, "不能修改", $"申请当前为“{app.State.DisplayName()}”，只有草稿或退回修改的申请可以修改");
        ProblemException.CheckVersion(version, app.Version, "申请");
        return app;
    }

    private async Task ReplaceRowsAsync(Actor actor, ResourceApplication app, IReadOnlyList<VmRequest> rows, string source, CancellationToken ct)
    {
        var before = new { rows = app.Vms.Count, vcpu = app.Vms.Sum(v => v.Vcpu) };
        db.ApplicationVms.RemoveRange(app.Vms);
        app.Vms = rows.OrderBy(r => r.No).Select(r => new ApplicationVm
        {
            ApplicationId = app.Id, No = r.No, Zone = r.Zone!, Vendor = r.Vendor!, SystemName = r.SystemName!, SubsystemName = r.SubsystemName,
            ServerType = r.ServerType!.Value, OwnerNames = string.Join("、", r.Owners.Select(o => o.Name)),
            OwnerEmails = string.Join("、", r.Owners.Select(o => o.Email)), OwnerMobiles = string.Join("、", r.Owners.Select(o => o.Mobile)),
            Vcpu = r.Vcpu!.Value, MemoryGb = r.MemoryGb!.Value, SystemDiskGb = r.SystemDiskGb!.Value, DataDiskGb = r.DataDiskGb ?? 0,
            OperatingSystem = r.OperatingSystem!, Clustered = r.Clustered!.Value, ClusterGroup = r.Clustered == true ? r.ClusterGroup : null, Remarks = r.Remarks,
        }).ToList();
        db.ApplicationVms.AddRange(app.Vms);
        app.Version++;
        audit.Record(actor, AuditActions.ApplicationVmsReplaced, CaseType, app.Id, before,
            new { rows = app.Vms.Count, vcpu = app.Vms.Sum(v => v.Vcpu), memoryGb = app.Vms.Sum(v => v.MemoryGb), source });
        await db.SaveChangesAsync(ct);
    }

    private async Task<(List<RequestedService> Services, List<ApplicationNetwork> Network)> CheckHeaderAsync(Validation v, ApplicationInput input,
        CancellationToken ct)
    {
        if (input.Purpose?.Length > 1000) v.Add("purpose", "用途说明不能超过 1000 个字");
        var c = input.Contacts;
        v.Contact("agencyContact", "使用单位联系人", c?.AgencyContactName, c?.AgencyContactMobile, c?.AgencyContactEmail);
        v.Contact("vendorContact", "开发商联系人", c?.VendorContactName, c?.VendorContactMobile, c?.VendorContactEmail);
        var items = await db.CatalogItems.AsNoTracking().Where(i => i.Active && i.Code != FeeRules.VmItem).Select(i => i.Code).ToListAsync(ct);
        var lines = new List<RequestedService>();
        foreach (var (s, i) in (input.Services ?? []).Select((s, i) => (s, i)))
        {
            if (s is null)
            {
                v.Add($"services[{i}]", $"第 {i + 1} 行为空");
                continue;
            }
            if (s.ItemCode is null || !items.Contains(s.ItemCode)) v.Add($"services[{i}].itemCode", $"服务“{s.ItemCode}”不在服务目录中（虚拟机请在需求表中填写）");
            else if (lines.Any(l => l.ItemCode == s.ItemCode)) v.Add($"services[{i}].itemCode", "同一服务只填一行，数量合并填写");
            if (s.Quantity is null or < 1 or > 10000) v.Add($"services[{i}].quantity", "数量须为 1 至 10000 之间的整数");
            if (s.Remarks?.Length > 200) v.Add($"services[{i}].remarks", "备注不能超过 200 个字");
            if (s.ItemCode is not null && s.Quantity is not null)
                lines.Add(new RequestedService { ItemCode = s.ItemCode, Quantity = s.Quantity.Value, Remarks = Texts.OrNull(s.Remarks) });
        }
        var needs = (input.Network ?? []).Select(n => n is null ? null : n with { Zone = Texts.Line(n.Zone) }).ToList();
        var zones = (await catalog.ZonesAsync(false, ct)).Select(z => z.Name).ToList();
        foreach (var p in NetworkRules.Validate(needs, zones)) v.Add(p.Field, p.Message);
        var network = needs.OfType<NetworkNeed>()
            .Select(n => new ApplicationNetwork { Zone = n.Zone ?? "", BandwidthMbps = n.BandwidthMbps ?? 0, PublicIps = n.PublicIps ?? 0 }).ToList();
        return (lines, network);
    }

    private void ApplyHeader(ResourceApplication app, ApplicationInput input, List<RequestedService> services, List<ApplicationNetwork> network)
    {
        if (input.Network is not null)
        {
            db.ApplicationNetworks.RemoveRange(app.Network);
            foreach (var n in network) n.ApplicationId = app.Id;
            app.Network = network;
            db.ApplicationNetworks.AddRange(network);
        }
        app.Purpose = Texts.OrNull(input.Purpose);
        if (input.Contacts is { } c)
        {
            app.AgencyContactName = Texts.Line(c.AgencyContactName);
            app.AgencyContactMobile = Texts.Line(c.AgencyContactMobile);
            app.AgencyContactEmail = Texts.Line(c.AgencyContactEmail);
            app.VendorContactName = Texts.Line(c.VendorContactName) ?? app.VendorContactName;
            app.VendorContactMobile = Texts.Line(c.VendorContactMobile) ?? app.VendorContactMobile;
            app.VendorContactEmail = Texts.Line(c.VendorContactEmail) ?? app.VendorContactEmail;
        }
        if (input.Services is null) return;
        db.RequestedServices.RemoveRange(app.Services);
        foreach (var s in services) s.ApplicationId = app.Id;
        app.Services = services;
        db.RequestedServices.AddRange(services);
    }

    private Task<string> NextNumberAsync(CancellationToken ct) => CaseNumbers.NextAsync(db.ResourceApplications.Select(a => a.Number), "SQ", clock, ct);

    internal async Task<ApplicationDto> ToDtoAsync(ResourceApplication a, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var items = await catalog.ItemsAsync(today, true, ct);
        var vms = a.Vms.OrderBy(v => v.No).Select(ToRow).ToList();
        var totals = FeeRules.VmTotals(vms.Where(Counts).Select(Effective));
        var quantities = new List<(string, string, decimal)> { (FeeRules.VmItem, FeeRules.Vcpu, totals.Vcpu), (FeeRules.VmItem, FeeRules.Memory, totals.MemoryGb), (FeeRules.VmItem, FeeRules.Storage, totals.StorageGb) };
        quantities.AddRange(a.Services.Select(s => (s.ItemCode, items.FirstOrDefault(i => i.Code == s.ItemCode)?.Prices.FirstOrDefault()?.Component ?? "", (decimal)s.Quantity)));
        var fee = FeeRules.Estimate(quantities, (item, component) =>
            items.FirstOrDefault(i => i.Code == item) is { } found && found.Prices.FirstOrDefault(p => p.Component == component) is { } p
                ? (found.Name, p.ComponentName, p.Unit, p.UnitPrice) : null);
        var kind = a.System!.Kind;
        return new ApplicationDto(a.Id, a.Number, a.OrganisationId, a.Organisation!.Name, a.SystemId, a.System.Name, kind, a.State, a.Purpose,
            new ContactsDto(a.AgencyContactName, a.AgencyContactMobile, a.AgencyContactEmail, a.VendorContactName, a.VendorContactMobile, a.VendorContactEmail),
            a.CreatedAt, a.SubmittedAt, a.ReturnedFrom, a.ReturnReason,
            new EvaluationDto(a.EvaluationOpinion, a.EvaluatedBy, a.EvaluatedAt,
                a.SurveyDate is null && a.SurveyPeople is null ? null : new SiteSurvey(a.SurveyDate, a.SurveyPeople, a.SurveyFindings),
                a.ReviewExperts is null && a.ReviewConclusion is null ? null : new TechnicalReview(a.ReviewExperts, a.ReviewMinutes, a.ReviewConclusion)),
            new DecisionDto(a.DecisionOpinion, a.DecidedBy, a.DecidedAt),
            vms,
            a.Services.Select(s => ServiceLine(s, items.FirstOrDefault(i => i.Code == s.ItemCode))).ToList(),
            a.Attachments.OrderBy(x => x.Kind).ThenBy(x => x.UploadedAt)
                .Select(x => new AttachmentDto(x.Id, x.Kind, x.FileName, x.Size, x.Sha256, x.UploadedAt, x.UploadedBy)).ToList(),
            AttachmentRules.Missing(kind, a.Attachments.Select(x => x.Kind)), fee,
            await clocks.ForCaseAsync(CaseType, a.Id.ToString(), ct), a.Version,
            a.State == ApplicationState.Approved
                ? await db.TrialEnvironments.AsNoTracking().Where(t => t.ApplicationId == a.Id).Select(t => (Domain.Provisioning.TrialState?)t.State).FirstOrDefaultAsync(ct)
                : null,
            ThroughCounty(a.Organisation) ? a.Organisation.ParentId!.Value : a.OrganisationId,
            ThroughCounty(a.Organisation) ? a.Organisation.Parent!.Name : a.Organisation.Name, ThroughCounty(a.Organisation),
            a.Network.OrderBy(n => n.Zone).Select(ToNeed).ToList());
    }

    /// <summary>A row counts towards fee and capacity unless the Center or the Bureau refused it.</summary>
    private static bool Counts(VmRowDto v) => v.Decision != RowDecision.Refuse && v.Approved != false;

    /// <summary>The configuration that stands: the Center's adjusted values where it adjusted, else the requested ones.</summary>
    private static (int, int, int, int) Effective(VmRowDto v) =>
        (v.AdjustedVcpu ?? v.Vcpu, v.AdjustedMemoryGb ?? v.MemoryGb, v.AdjustedSystemDiskGb ?? v.SystemDiskGb, v.AdjustedDataDiskGb ?? v.DataDiskGb);

    internal static VmRowDto ToRow(ApplicationVm v) => new(v.No, v.Zone, v.Vendor, v.SystemName, v.SubsystemName, v.ServerType, v.OwnerNames,
        v.OwnerEmails, v.OwnerMobiles, v.Vcpu, v.MemoryGb, v.SystemDiskGb, v.DataDiskGb, v.OperatingSystem, v.Clustered, v.ClusterGroup, v.Remarks,
        v.Decision, v.AdjustedVcpu, v.AdjustedMemoryGb, v.AdjustedSystemDiskGb, v.AdjustedDataDiskGb, v.DecisionReason, v.Approved);

    private static VmRequest ToRequest(VmRowDto v) => new(v.No, v.Zone, v.Vendor, v.SystemName, v.SubsystemName, v.ServerType,
        VmRules.PairOwners(v.OwnerNames, v.OwnerEmails, v.OwnerMobiles).Owners, v.Vcpu, v.MemoryGb, v.SystemDiskGb, v.DataDiskGb == 0 ? null : v.DataDiskGb,
        v.OperatingSystem, v.Clustered, v.ClusterGroup, v.Remarks);

    private static void RequireAgency(Actor actor)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("只有使用单位经办人可以填写和修改云资源申请");
    }

    private static object Header(ResourceApplication a) => new
    {
        a.Purpose, a.AgencyContactName, a.AgencyContactMobile, a.AgencyContactEmail, a.VendorContactName, a.VendorContactMobile, a.VendorContactEmail,
        services = a.Services.Select(s => new { s.ItemCode, s.Quantity }),
        network = a.Network.Select(n => new { n.Zone, n.BandwidthMbps, n.PublicIps }),
    };

    /// <summary>Art. 5: a county department applies through its county government, the applicant of record.</summary>
    private static bool ThroughCounty(Organisation o) => o.Type == OrganisationType.CountyDepartment && o.Parent is not null;

    private static readonly Expression<Func<ResourceApplication, ApplicationSummaryDto>> ToSummary = a => new ApplicationSummaryDto(
        a.Id, a.Number, a.OrganisationId, a.Organisation!.Name, a.SystemId, a.System!.Name, a.State, a.Vms.Count, a.CreatedAt, a.SubmittedAt,
        a.OpenClock == null ? null : a.OpenClock.DueOn, a.OpenClock == null ? null : a.OpenClock.DueAt,
        a.Organisation.Type == OrganisationType.CountyDepartment && a.Organisation.Parent != null ? a.Organisation.Parent.Name : a.Organisation.Name);

    /// <summary>A service asked for, named and counted as the catalogue names and bills it.</summary>
    private static ServiceLineDto ServiceLine(RequestedService service, Catalog.CatalogItemDto? item) =>
        new(service.ItemCode, item?.Name ?? service.ItemCode, service.Quantity, service.Remarks, item?.Prices.FirstOrDefault()?.Unit);
}
