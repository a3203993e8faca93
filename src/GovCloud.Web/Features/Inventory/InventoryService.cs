using GovCloud.Web.Features.Catalog;
using GovCloud.Domain.Organisations;
using System.Linq.Expressions;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Inventory;

/// <summary>
/// 资源台账 (R-21.5): every VM delivered, with its agency, system, zone, specs, addresses, bastion
/// owners, state, monthly fee at today's catalogue prices and full history, and every catalogue service
/// taken on (by quantity, with its fee). An agency sees its own
/// (a county its departments'); the Center, the Bureau, Finance and the regulators see all.
/// </summary>
public sealed class InventoryService(GovCloudDbContext db, DataScope scope, AuditLog audit, Catalog.CatalogService catalog, TimeProvider clock)
{
    public async Task<InventoryList> ListAsync(Actor actor, InventoryQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var totals = await query.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(), Vcpu = g.Sum(v => v.Vcpu), Memory = g.Sum(v => v.MemoryGb), Storage = g.Sum(v => v.SystemDiskGb + v.DataDiskGb),
            BilledVcpu = g.Sum(v => VmStates.InUse.Contains(v.State) ? v.Vcpu : 0),
            BilledMemory = g.Sum(v => VmStates.InUse.Contains(v.State) ? v.MemoryGb : 0),
            BilledStorage = g.Sum(v => VmStates.InUse.Contains(v.State) ? v.SystemDiskGb + v.DataDiskGb : 0),
        }).FirstOrDefaultAsync(ct);
        var prices = await PricesAsync(ct);
        var rows = await Sort(query, q.Sort).Skip((page - 1) * size).Take(size).Select(ToRow).ToListAsync(ct);
        return new InventoryList(rows.Select(r => r.WithFee(prices)).ToList(), totals?.Count ?? 0, page, size, totals?.Vcpu ?? 0, totals?.Memory ?? 0,
            totals?.Storage ?? 0, totals is null ? 0 : prices.Monthly(totals.BilledVcpu, totals.BilledMemory, totals.BilledStorage));
    }

    /// <summary>Every VM the filter matches, as the list shows them, in one sheet.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, InventoryQuery q, CancellationToken ct)
    {
        var prices = await PricesAsync(ct);
        // Streamed from the database into the sheet (MiniExcel reads an IEnumerable): 100,000 rows are never all in memory as objects.
        var rows = Sort(await FilterAsync(actor, q, ct), q.Sort).Select(ToRow).AsEnumerable().Select(r => r.WithFee(prices));
        return await ExcelExport.ToXlsxAsync(rows, ExportColumns, "资源台账", ct);
    }

    private static readonly ExcelColumn<VmSummaryDto>[] ExportColumns =
    [
        new("使用单位", v => v.OrganisationName), new("信息系统", v => v.SystemName), new("网络分区", v => v.Zone), new("服务器类型", v => v.ServerTypeName),
        new("主机名", v => v.HostName), new("IP 地址", v => v.Ips), new("vCPU（核）", v => v.Vcpu), new("内存（GB）", v => v.MemoryGb),
        new("系统盘（GB）", v => v.SystemDiskGb), new("数据盘（GB）", v => v.DataDiskGb), new("带宽（Mbps）", v => v.BandwidthMbps),
        new("公网 IP（个）", v => v.PublicIps), new("操作系统", v => v.OperatingSystem), new("堡垒机账号负责人", v => v.OwnerNames),
        new("堡垒机账号", v => v.BastionAccounts), new("状态", v => v.StateName), new("交付日期", v => v.DeliveredOn.ToString("yyyy-MM-dd")),
        new("正式开通日期", v => v.ActiveFrom?.ToString("yyyy-MM-dd")), new("回收日期", v => v.ReclaimedOn?.ToString("yyyy-MM-dd")),
        new("月费用（元）", v => v.MonthlyFee),
    ];

    public async Task<VmDetailDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var row = await (await FilterAsync(actor, new InventoryQuery(), ct)).Where(v => v.Id == id).Select(ToRow).FirstOrDefaultAsync(ct)
                  ?? throw ProblemException.NotFound("虚拟机");
        var more = await db.CloudVms.AsNoTracking().Where(v => v.Id == id).Select(v => new
        {
            v.OwnerEmails, v.OwnerMobiles, v.Provider, v.ExternalId, v.System!.ElasticMinVcpu, v.System.ElasticMaxVcpu, v.System.ElasticMinMemoryGb, v.System.ElasticMaxMemoryGb,
            Number = db.ResourceApplications.Where(a => a.Id == v.ApplicationId).Select(a => a.Number).FirstOrDefault(),
        }).FirstAsync(ct);
        var history = (await db.CloudVmEvents.AsNoTracking().Where(x => x.VmId == id).ToListAsync(ct))
            .OrderBy(x => x.At).ThenBy(x => x.Id).Select(x => new VmEventDto(x.Kind, x.Description, x.At, x.By)).ToList();
        var elastic = more.ElasticMinVcpu is null ? null
            : new ElasticEnvelope(more.ElasticMinVcpu.Value, more.ElasticMaxVcpu!.Value, more.ElasticMinMemoryGb!.Value, more.ElasticMaxMemoryGb!.Value);
        // R-27.1: the bastion owners' e-mails and mobiles whole to the VM's agency and to the Center's operators, who open
        // their bastion accounts (each such view audited); masked to everyone else who may read the VM.
        var (emails, mobiles) = (more.OwnerEmails, more.OwnerMobiles);
        if (actor.OrganisationId != row.Vm.OrganisationId)
        {
            if (actor.IsIn(Role.CenterOperator))
                await audit.PersonalDataViewedAsync(actor, nameof(CloudVm), id, $"{row.Vm.OrganisationName} {row.Vm.HostName}",
                    [("堡垒机账号负责人邮箱", emails), ("堡垒机账号负责人手机", mobiles)], ct);
            else (emails, mobiles) = (ContactRules.MaskEmail(emails)!, ContactRules.MaskPhone(mobiles)!);
        }
        return new VmDetailDto(row.WithFee(await PricesAsync(ct)), emails, mobiles, more.Provider, more.ExternalId, more.Number ?? "", history, elastic);
    }

    /// <summary>
    /// R-21.5: the platform scaled a VM of an elastic system by itself. Inside the approved range it is
    /// recorded (specs, history, audit, so the pool and the fee follow); outside it is refused, pointing to a change.
    /// </summary>
    public async Task<PlatformVmDto> ScaleAsync(Actor actor, Guid id, ScalingInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.PlatformAgent)) throw ProblemException.Forbidden("弹性调整由云平台对接账号报送");
        var vm = await db.CloudVms.Include(v => v.System).FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw ProblemException.NotFound("虚拟机");
        var v = new Validation();
        if (input.Vcpu is null or < 1) v.Add("vcpu", "请填写调整后的 vCPU 核数");
        if (input.MemoryGb is null or < 1) v.Add("memoryGb", "请填写调整后的内存 GB");
        if (input.Note?.Length > 200) v.Add("note", "说明不能超过 200 个字");
        v.ThrowIfInvalid();
        if (vm.State != VmState.Active) throw new ProblemException(409, "不能弹性调整", $"虚拟机 {vm.HostName} 当前为“{vm.State.DisplayName()}”，只有正式使用中的虚拟机可以弹性调整");
        if (ElasticRules.Check(vm.System!.Elastic, input.Vcpu!.Value, input.MemoryGb!.Value) is { } refusal) throw new ProblemException(409, "超出弹性范围", refusal);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = new { vm.Vcpu, vm.MemoryGb };
        (vm.Vcpu, vm.MemoryGb) = (input.Vcpu.Value, input.MemoryGb.Value);
        vm.Version++;
        Record(actor, vm, VmEventKind.Scaled, $"弹性调整：{before.Vcpu} 核 / {before.MemoryGb} GB → {vm.Vcpu} 核 / {vm.MemoryGb} GB{(string.IsNullOrWhiteSpace(input.Note) ? "" : "（" + input.Note.Trim() + "）")}");
        audit.Record(actor, AuditActions.VmScaled, nameof(CloudVm), vm.Id, before, new { vm.Vcpu, vm.MemoryGb, vm.HostName, note = input.Note });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await PlatformVmAsync(actor, id, ct);
    }

    /// <summary>The VMs in use as the platform's service account sees them (no agency data), by host name or address.</summary>
    public async Task<Paged<PlatformVmDto>> PlatformVmsAsync(Actor actor, string? hostName, string? ip, int? page, int? pageSize, CancellationToken ct)
    {
        RequirePlatform(actor);
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = db.CloudVms.AsNoTracking().Where(v => v.State != VmState.Reclaimed);
        if (Texts.Line(hostName) is { } host) query = query.Where(v => v.HostName == host);
        if (Texts.Line(ip) is { } address) query = query.Where(v => v.Ips == address || v.Ips.StartsWith(address + ", ") || v.Ips.EndsWith(", " + address) || v.Ips.Contains(", " + address + ", "));
        var total = await query.CountAsync(ct);
        var ids = await query.OrderBy(v => v.HostName).Skip((p - 1) * size).Take(size).Select(v => v.Id).ToListAsync(ct);
        var items = new List<PlatformVmDto>();
        foreach (var id in ids) items.Add(await PlatformVmAsync(actor, id, ct));
        return new Paged<PlatformVmDto>(items, total, p, size);
    }

    public async Task<PlatformVmDto> PlatformVmAsync(Actor actor, Guid id, CancellationToken ct)
    {
        RequirePlatform(actor);
        var vm = await db.CloudVms.AsNoTracking().Where(v => v.Id == id).Select(v => new
        {
            v.Id, v.SystemId, v.HostName, v.Ips, v.Zone, v.Vcpu, v.MemoryGb, v.SystemDiskGb, v.DataDiskGb, v.OperatingSystem, v.State, v.ExternalId,
            v.System!.ElasticMinVcpu, v.System.ElasticMaxVcpu, v.System.ElasticMinMemoryGb, v.System.ElasticMaxMemoryGb,
        }).FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("虚拟机");
        var last = (await db.CloudVmEvents.AsNoTracking().Where(x => x.VmId == id).ToListAsync(ct)).OrderBy(x => x.At).ThenBy(x => x.Id).LastOrDefault();
        var elastic = vm.ElasticMinVcpu is null ? null
            : new ElasticEnvelope(vm.ElasticMinVcpu.Value, vm.ElasticMaxVcpu!.Value, vm.ElasticMinMemoryGb!.Value, vm.ElasticMaxMemoryGb!.Value);
        return new PlatformVmDto(vm.Id, vm.SystemId, vm.HostName, vm.Ips, vm.Zone, vm.Vcpu, vm.MemoryGb, vm.SystemDiskGb, vm.DataDiskGb, vm.OperatingSystem,
            vm.State, vm.ExternalId, elastic, last is null ? null : new VmEventDto(last.Kind, last.Description, last.At, last.By));
    }

    private static void RequirePlatform(Actor actor)
    {
        if (!actor.IsIn(Role.PlatformAgent)) throw ProblemException.Forbidden("只有云平台对接账号使用此接口");
    }

    /// <summary>GET /api/v1/systems/{id}/resources: what one system holds, for its agency and the Center.</summary>
    public async Task<SystemResourcesDto> OfSystemAsync(Actor actor, Guid systemId, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var system = await db.InfoSystems.AsNoTracking().Where(s => s.Id == systemId && (visible == null || visible.Contains(s.OrganisationId)))
                         .Select(s => new { s.Id, s.Name, s.OrganisationId, Organisation = s.Organisation!.Name }).FirstOrDefaultAsync(ct)
                     ?? throw ProblemException.NotFound("信息系统");
        var prices = await PricesAsync(ct);
        var vms = (await db.CloudVms.AsNoTracking().Where(v => v.SystemId == systemId).OrderBy(v => v.State == VmState.Reclaimed).ThenBy(v => v.HostName)
            .Select(ToRow).ToListAsync(ct)).Select(r => r.WithFee(prices)).ToList();
        var held = vms.Where(v => v.State != VmState.Reclaimed).ToList();
        var services = await ServicesAsync(actor, new ServiceQuery(SystemId: systemId, PageSize: Paging.MaxPageSize), ct);
        return new SystemResourcesDto(system.Id, system.Name, system.OrganisationId, system.Organisation, vms, held.Sum(v => v.Vcpu), held.Sum(v => v.MemoryGb),
            held.Sum(v => v.SystemDiskGb + v.DataDiskGb), vms.Sum(v => v.MonthlyFee ?? 0) + services.MonthlyFee, services.Items);
    }

    /// <summary>The catalogue services of the inventory in the actor's scope; the fee sums every service the filter matched.</summary>
    public async Task<ServiceList> ServicesAsync(Actor actor, ServiceQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.CloudServices.AsNoTracking();
        if (visible is not null) query = query.Where(s => visible.Contains(s.OrganisationId));
        if (q.AgencyId is { } agency) query = query.Where(s => s.OrganisationId == agency);
        if (q.SystemId is { } system) query = query.Where(s => s.SystemId == system);
        if (q.State is { } state) query = query.Where(s => s.State == state);
        if (!string.IsNullOrWhiteSpace(q.ItemCode)) query = query.Where(s => s.ItemCode == q.ItemCode);
        var items = (await catalog.ItemsAsync(ChinaTime.Today(clock), true, ct)).ToDictionary(i => i.Code);
        // Services are few per system (a city has tens of thousands at most): the fee of all is summed from their quantities.
        var active = await query.Where(s => s.State == VmState.Active).GroupBy(s => s.ItemCode).Select(g => new { g.Key, Quantity = g.Sum(s => s.Quantity) }).ToListAsync(ct);
        decimal? Fee(string code, int quantity) => items.GetValueOrDefault(code)?.Prices.FirstOrDefault() is { } p ? Math.Round(quantity * p.UnitPrice, 2) : null;
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(s => s.State).ThenBy(s => s.System!.Name).ThenBy(s => s.ItemCode).Skip((page - 1) * size).Take(size)
            .Select(s => new { s.Id, s.OrganisationId, Organisation = s.Organisation!.Name, s.SystemId, System = s.System!.Name, s.ItemCode, s.Quantity, s.State, s.ActiveFrom,
                s.ReclaimedOn, s.Source })
            .ToListAsync(ct);
        return new ServiceList(rows.Select(s => new ServiceSummaryDto(s.Id, s.OrganisationId, s.Organisation, s.SystemId, s.System, s.ItemCode,
                items.GetValueOrDefault(s.ItemCode)?.Name ?? s.ItemCode, s.Quantity, items.GetValueOrDefault(s.ItemCode)?.Prices.FirstOrDefault()?.Unit, s.State,
                s.ActiveFrom, s.ReclaimedOn, s.Source, s.State == VmState.Active ? Fee(s.ItemCode, s.Quantity) : null)).ToList(),
            total, page, size, active.Sum(a => Fee(a.Key, a.Quantity) ?? 0));
    }

    /// <summary>The systems (in the actor's scope) holding VMs not yet reclaimed: what a change or a termination can be about.</summary>
    public async Task<IReadOnlyList<HeldSystemDto>> HeldSystemsAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.CloudVms.AsNoTracking().Where(v => v.State != VmState.Reclaimed);
        if (visible is not null) query = query.Where(v => visible.Contains(v.OrganisationId));
        return await query.GroupBy(v => new { v.SystemId, v.System!.Name }).OrderBy(g => g.Key.Name)
            .Select(g => new HeldSystemDto(g.Key.SystemId, g.Key.Name, g.Count())).ToListAsync(ct);
    }

    /// <summary>The VMs built for one application, for its trial panel (the caller has checked the application is visible).</summary>
    internal async Task<IReadOnlyList<VmSummaryDto>> OfApplicationAsync(Guid applicationId, CancellationToken ct)
    {
        var prices = await PricesAsync(ct);
        // VMs a later change added (row 0) belong to the system's inventory, not to the application's rows.
        return (await db.CloudVms.AsNoTracking().Where(v => v.ApplicationId == applicationId && v.RowNo > 0).OrderBy(v => v.RowNo).ThenBy(v => v.DeliveredOn)
            .Select(ToRow).ToListAsync(ct)).Select(r => r.WithFee(prices)).ToList();
    }

    /// <summary>A host name or an address still held by a VM of the inventory cannot be given out again.</summary>
    internal async Task CheckNotInUseAsync(IReadOnlyList<DeliveredVm> recorded, string field, CancellationToken ct)
    {
        var v = new Validation();
        await AddInUseAsync(recorded, field, v, ct);
        v.ThrowIfInvalid();
    }

    /// <summary>The same check, adding to problems already found so that every problem of a record is reported at once.</summary>
    internal async Task AddInUseAsync(IReadOnlyList<DeliveredVm?> recorded, string field, Validation v, CancellationToken ct)
    {
        for (var i = 0; i < recorded.Count; i++)
        {
            if (recorded[i] is null) continue;
            if (Texts.Line(recorded[i]!.HostName) is { } host && await db.CloudVms.AnyAsync(x => x.State != VmState.Reclaimed && x.HostName == host, ct))
                v.Add($"{field}[{i}].hostName", $"第 {recorded[i]!.No} 台：主机名“{host}”已被资源台账中的其他虚拟机使用");
            foreach (var ip in DeliveryRules.ParseIps(recorded[i]!.Ips) ?? [])
                if (await db.CloudVms.AnyAsync(x => x.State != VmState.Reclaimed &&
                                                     (x.Ips == ip || x.Ips.StartsWith(ip + ", ") || x.Ips.EndsWith(", " + ip) || x.Ips.Contains(", " + ip + ", ")), ct))
                    v.Add($"{field}[{i}].ips", $"第 {recorded[i]!.No} 台：IP 地址 {ip} 已被资源台账中的其他虚拟机使用");
        }
    }

    /// <summary>A VM leaves use (trial reclaimed, removed by a change, terminated): kept as history, no longer allocated or billed.</summary>
    internal void Reclaim(Actor actor, CloudVm vm, string description)
    {
        vm.State = VmState.Reclaimed;
        vm.ReclaimedOn = ChinaTime.Today(clock);
        vm.Version++;
        Record(actor, vm, VmEventKind.Reclaimed, description);
    }

    /// <summary>Adds a line to a VM's history; the caller audits the step and saves.</summary>
    internal void Record(Actor actor, CloudVm vm, VmEventKind kind, string description) =>
        db.CloudVmEvents.Add(new CloudVmEvent { VmId = vm.Id, Kind = kind, Description = Texts.Fit(description, 1000), At = clock.GetUtcNow(), By = actor.UserName });

    private async Task<IQueryable<CloudVm>> FilterAsync(Actor actor, InventoryQuery q, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.CloudVms.AsNoTracking();
        if (visible is not null) query = query.Where(v => visible.Contains(v.OrganisationId));
        if (q.AgencyId is { } agency) query = query.Where(v => v.OrganisationId == agency);
        if (!string.IsNullOrWhiteSpace(q.Zone)) query = query.Where(v => v.Zone == q.Zone);
        if (q.State is { } state) query = query.Where(v => v.State == state);
        if (q.SystemId is { } system) query = query.Where(v => v.SystemId == system);
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var text = q.Q.Trim();
            query = query.Where(v => v.HostName.Contains(text) || v.Ips.Contains(text) || v.System!.Name.Contains(text) || v.OwnerNames.Contains(text));
        }
        return query;
    }

    /// <summary>Sort keys of the list ("-" before a key for descending); the newest delivered first when none is given.</summary>
    private static IQueryable<CloudVm> Sort(IQueryable<CloudVm> query, string? sort)
    {
        var descending = sort?.StartsWith('-') == true;
        var key = sort?.TrimStart('-');
        IOrderedQueryable<CloudVm> By<T>(Expression<Func<CloudVm, T>> k) => descending ? query.OrderByDescending(k) : query.OrderBy(k);
        var ordered = key switch
        {
            "hostName" => By(v => v.HostName),
            "zone" => By(v => v.Zone),
            "vcpu" => By(v => v.Vcpu),
            "memoryGb" => By(v => v.MemoryGb),
            "state" => By(v => v.State),
            "activeFrom" => By(v => v.ActiveFrom),
            "deliveredOn" => By(v => v.DeliveredOn),
            _ => query.OrderByDescending(v => v.DeliveredOn),
        };
        return ordered.ThenBy(v => v.Id);
    }

    // ---- fees ----

    private Task<VmPrices> PricesAsync(CancellationToken ct) => VmPrices.OnAsync(catalog, ChinaTime.Today(clock), ct);

    private sealed record VmRow(VmSummaryDto Vm)
    {
        public VmSummaryDto WithFee(VmPrices prices) => Vm with
        {
            MonthlyFee = Vm.State.IsBilled() ? prices.Monthly(Vm.Vcpu, Vm.MemoryGb, Vm.SystemDiskGb + Vm.DataDiskGb) : null,
        };
    }

    private static readonly Expression<Func<CloudVm, VmRow>> ToRow = v => new VmRow(new VmSummaryDto(v.Id, v.OrganisationId, v.Organisation!.Name, v.SystemId,
        v.System!.Name, v.ApplicationId, v.RowNo, v.Zone, v.ServerType, v.HostName, v.Ips, v.Vcpu, v.MemoryGb, v.SystemDiskGb, v.DataDiskGb, v.OperatingSystem,
        v.OwnerNames, v.BastionAccounts, v.State, v.DeliveredOn, v.ActiveFrom, v.ReclaimedOn, null, v.Version, v.BandwidthMbps, v.PublicIps));
}
