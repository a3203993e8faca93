using GovCloud.Domain.Applications;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Catalog;

public sealed record CatalogPriceDto(string Component, string ComponentName, string Unit, decimal UnitPrice, DateOnly EffectiveFrom,
    DateTimeOffset RecordedAt, string? RecordedBy);

/// <summary>An item with the prices that apply on the asked day and those already set for later days.</summary>
public sealed record CatalogItemDto(string Code, int No, string Name, string? Specification, bool Active, long Version,
    IReadOnlyList<CatalogPriceDto> Prices, IReadOnlyList<CatalogPriceDto> Scheduled);

public sealed record CatalogItemInput(string? Code, string? Name, string? Specification, bool? Active, string? Component, string? ComponentName,
    string? Unit, decimal? UnitPrice, long? Version = null);

public sealed record CatalogPriceInput(string? Component, string? ComponentName, string? Unit, decimal? UnitPrice, DateOnly? EffectiveFrom);

public sealed record NetworkZoneDto(Guid Id, int No, string Name, string? Description, IReadOnlyList<ServerType> ServerTypes,
    IReadOnlyList<string> OsImages, int CapacityVcpu, int CapacityMemoryGb, int CapacityStorageGb, bool Active, long Version,
    int CapacityBandwidthMbps = 0, int CapacityPublicIps = 0);

public sealed record NetworkZoneInput(string? Name, string? Description, IReadOnlyList<ServerType>? ServerTypes, IReadOnlyList<string>? OsImages,
    int? CapacityVcpu, int? CapacityMemoryGb, int? CapacityStorageGb, bool? Active, long? Version = null, int? CapacityBandwidthMbps = null,
    int? CapacityPublicIps = null);

/// <summary>
/// 云资源服务目录 and 网络分区: configuration kept as data (R-A4.1, R-32.1). Everyone signed in reads
/// them; the Bureau changes them, every change audited; a price is never rewritten once it applied.
/// </summary>
public sealed class CatalogService(GovCloudDbContext db, AuditLog audit, TimeProvider clock, IOptions<GovCloudOptions> options,
    PoolService pools)
{
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<IReadOnlyList<CatalogItemDto>> ItemsAsync(DateOnly? on, bool includeInactive, CancellationToken ct)
    {
        var day = on ?? Today;
        var items = await db.CatalogItems.AsNoTracking().Include(i => i.Prices).Where(i => includeInactive || i.Active).OrderBy(i => i.No).ToListAsync(ct);
        return items.Select(i => ToDto(i, day)).ToList();
    }

    public async Task<IReadOnlyList<CatalogPriceDto>> HistoryAsync(string code, CancellationToken ct)
    {
        var item = await db.CatalogItems.AsNoTracking().Include(i => i.Prices).FirstOrDefaultAsync(i => i.Code == code, ct)
                   ?? throw ProblemException.NotFound("服务目录项");
        return item.Prices.OrderBy(p => p.Component).ThenByDescending(p => p.EffectiveFrom).Select(ToDto).ToList();
    }

    public async Task<CatalogItemDto> CreateItemAsync(Actor actor, CatalogItemInput input, CancellationToken ct)
    {
        RequireBureau(actor);
        var v = new Validation();
        var code = input.Code?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(code) || !System.Text.RegularExpressions.Regex.IsMatch(code, "^[a-z][a-z0-9-]{1,31}$"))
            v.Add("code", "编码须为 2 至 32 位小写字母、数字或连字符，以字母开头");
        else if (await db.CatalogItems.AnyAsync(i => i.Code == code, ct)) v.Add("code", $"编码“{code}”已存在");
        v.Required(input.Name, "name", "服务名称", 50);
        if (input.Specification?.Length > 500) v.Add("specification", "规格说明不能超过 500 个字");
        CheckPrice(v, input.Component, input.ComponentName, input.Unit, input.UnitPrice);
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var item = new CatalogItem
        {
            Code = code!, Name = Texts.Line(input.Name)!, Specification = Texts.Line(input.Specification),
            No = (await db.CatalogItems.MaxAsync(i => (int?)i.No, ct) ?? 0) + 1,
        };
        item.Prices.Add(NewPrice(actor, code!, input.Component!, input.ComponentName!, input.Unit!, input.UnitPrice!.Value, Today));
        db.CatalogItems.Add(item);
        audit.Record(actor, AuditActions.CatalogItemCreated, nameof(CatalogItem), item.Code, after: new { item.Name, item.Specification, input.UnitPrice, input.Unit });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToDto(item, Today);
    }

    public async Task<CatalogItemDto> UpdateItemAsync(Actor actor, string code, CatalogItemInput input, CancellationToken ct)
    {
        RequireBureau(actor);
        var item = await db.CatalogItems.Include(i => i.Prices).FirstOrDefaultAsync(i => i.Code == code, ct) ?? throw ProblemException.NotFound("服务目录项");
        var v = new Validation();
        v.Required(input.Name, "name", "服务名称", 50);
        if (input.Specification?.Length > 500) v.Add("specification", "规格说明不能超过 500 个字");
        v.ThrowIfInvalid();
        ProblemException.CheckVersion(input.Version, item.Version, "服务目录项");
        var before = new { item.Name, item.Specification, item.Active };
        item.Name = Texts.Line(input.Name)!;
        item.Specification = Texts.Line(input.Specification);
        item.Active = input.Active ?? item.Active;
        item.Version++;
        audit.Record(actor, AuditActions.CatalogItemUpdated, nameof(CatalogItem), item.Code, before, new { item.Name, item.Specification, item.Active });
        await db.SaveChangesAsync(ct);
        return ToDto(item, Today);
    }

    /// <summary>
    /// A new unit price from a day on (today or later: a price that already applied is history and
    /// stays). Setting the same component and day again replaces that not-yet-applied price.
    /// </summary>
    public async Task<CatalogItemDto> SetPriceAsync(Actor actor, string code, CatalogPriceInput input, CancellationToken ct)
    {
        RequireBureau(actor);
        var item = await db.CatalogItems.Include(i => i.Prices).FirstOrDefaultAsync(i => i.Code == code, ct) ?? throw ProblemException.NotFound("服务目录项");
        var v = new Validation();
        var component = input.Component?.Trim();
        var known = item.Prices.Where(p => p.Component == component).OrderByDescending(p => p.EffectiveFrom).FirstOrDefault();
        var name = Texts.Line(input.ComponentName) ?? known?.ComponentName;
        var unit = Texts.Line(input.Unit) ?? known?.Unit;
        CheckPrice(v, component, name, unit, input.UnitPrice);
        if (input.EffectiveFrom is null) v.Add("effectiveFrom", "请填写生效日期");
        else if (input.EffectiveFrom < Today) v.Add("effectiveFrom", "生效日期不能早于今天：已经执行过的价格是历史记录，不能更改");
        v.Date(input.EffectiveFrom, "effectiveFrom", "生效日期", options.Value.Dates.Around(Today));
        v.ThrowIfInvalid();

        // A price for the same component and day that has not applied yet is replaced where it stands.
        var price = item.Prices.FirstOrDefault(p => p.Component == component && p.EffectiveFrom == input.EffectiveFrom);
        var before = price is null ? null : new { price.UnitPrice, price.Unit, price.EffectiveFrom };
        if (price is null) item.Prices.Add(price = NewPrice(actor, code, component!, name!, unit!, input.UnitPrice!.Value, input.EffectiveFrom!.Value));
        else
        {
            price.ComponentName = name!;
            price.Unit = unit!;
            price.UnitPrice = input.UnitPrice!.Value;
            price.RecordedAt = clock.GetUtcNow();
            price.RecordedBy = actor.UserName;
        }
        item.Version++;
        audit.Record(actor, AuditActions.CatalogPriceSet, nameof(CatalogItem), item.Code, before,
            new { price.Component, price.UnitPrice, price.Unit, price.EffectiveFrom });
        await db.SaveChangesAsync(ct);
        return ToDto(item, Today);
    }

    // ---- network zones ----

    public async Task<IReadOnlyList<NetworkZoneDto>> ZonesAsync(bool includeInactive, CancellationToken ct) =>
        (await db.NetworkZones.AsNoTracking().Where(z => includeInactive || z.Active).OrderBy(z => z.No).ToListAsync(ct)).Select(ToDto).ToList();

    /// <summary>The per-VM rules of the day: active zones with their server types and images, limits from the configuration.</summary>
    public async Task<VmLimits> LimitsAsync(CancellationToken ct)
    {
        var zones = await ZonesAsync(false, ct);
        return options.Value.Applications.Limits with
        {
            Zones = zones.Select(z => z.Name).ToList(),
            ZoneRules = zones.ToDictionary(z => z.Name, z => new ZoneRule(z.ServerTypes, z.OsImages)),
        };
    }

    public async Task<NetworkZoneDto> CreateZoneAsync(Actor actor, NetworkZoneInput input, CancellationToken ct)
    {
        RequireBureau(actor);
        var zone = new NetworkZone { Name = "" };
        var capacity = await ApplyAsync(zone, input, ct);
        // The next number is drawn in the writers' turn, so two zones created at the same moment get two numbers.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        zone.No = (await db.NetworkZones.MaxAsync(z => (int?)z.No, ct) ?? 0) + 1;
        db.NetworkZones.Add(zone);
        audit.Record(actor, AuditActions.NetworkZoneCreated, nameof(NetworkZone), zone.Id, after: Snapshot(zone));
        pools.Record(actor, zone, capacity, CapacitySource.InitialBuild, "新建网络分区");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToDto(zone);
    }

    public async Task<NetworkZoneDto> UpdateZoneAsync(Actor actor, Guid id, NetworkZoneInput input, CancellationToken ct)
    {
        RequireBureau(actor);
        var zone = await db.NetworkZones.FirstOrDefaultAsync(z => z.Id == id, ct) ?? throw ProblemException.NotFound("网络分区");
        ProblemException.CheckVersion(input.Version, zone.Version, "网络分区");
        var before = Snapshot(zone);
        var capacity = await ApplyAsync(zone, input, ct);
        audit.Record(actor, AuditActions.NetworkZoneUpdated, nameof(NetworkZone), zone.Id, before, Snapshot(zone));
        // A capacity typed over in the zone form is a correction, kept in the pool's history like any other change.
        var delta = capacity - PoolCapacity.Of(zone);
        if (!delta.IsEmpty) pools.Record(actor, zone, delta, CapacitySource.Correction, "在网络分区中直接修改容量");
        else zone.Version++;
        await db.SaveChangesAsync(ct);
        return ToDto(zone);
    }

    /// <summary>Checks and applies the zone's settings; returns the capacity asked for, which the pool history applies.</summary>
    private async Task<PoolCapacity> ApplyAsync(NetworkZone zone, NetworkZoneInput input, CancellationToken ct)
    {
        var v = new Validation();
        var name = Texts.Line(input.Name);
        v.Required(name, "name", "分区名称", 30);
        if (!string.IsNullOrEmpty(name) && await db.NetworkZones.AnyAsync(z => z.Name == name && z.Id != zone.Id, ct)) v.Add("name", $"已有名为“{name}”的网络分区");
        if (input.ServerTypes is not { Count: > 0 }) v.Add("serverTypes", "请至少选择一种允许的服务器类型");
        v.Check(input.CapacityVcpu is >= 0, "capacityVcpu", "vCPU 容量须为不小于 0 的整数");
        v.Check(input.CapacityMemoryGb is >= 0, "capacityMemoryGb", "内存容量须为不小于 0 的整数");
        v.Check(input.CapacityStorageGb is >= 0, "capacityStorageGb", "存储容量须为不小于 0 的整数");
        v.Check(input.CapacityBandwidthMbps is null or >= 0, "capacityBandwidthMbps", "带宽须为不小于 0 的整数（Mbps）");
        v.Check(input.CapacityPublicIps is null or >= 0, "capacityPublicIps", "公网 IP 数须为不小于 0 的整数");
        var images = (input.OsImages ?? []).Select(i => Texts.Line(i) ?? "").Where(i => i.Length > 0).Distinct().ToList();
        if (images.Any(i => i.Length > 50)) v.Add("osImages", "镜像名称不能超过 50 个字");
        else if (string.Join("\n", images).Length > 2000) v.Add("osImages", "镜像列表过长，请精简");
        if (input.Description?.Trim().Length > 200) v.Add("description", "说明不能超过 200 个字");
        v.ThrowIfInvalid();
        zone.Name = name!;
        zone.Description = Texts.OrNull(input.Description);
        zone.ServerTypes = string.Join(",", input.ServerTypes!.Distinct().Order());
        zone.OsImages = string.Join("\n", images);
        zone.Active = input.Active ?? zone.Active;
        return new PoolCapacity(
            new GovCloud.Domain.Provisioning.Resources(input.CapacityVcpu!.Value, input.CapacityMemoryGb!.Value, input.CapacityStorageGb!.Value),
            input.CapacityBandwidthMbps ?? zone.CapacityBandwidthMbps, input.CapacityPublicIps ?? zone.CapacityPublicIps);
    }

    /// <summary>
    /// A new installation gets the Annex 4 services and the configured zones; a zone added to the
    /// configuration later is added too. Rows the Bureau has changed are left alone.
    /// </summary>
    public static async Task EnsureDefaultsAsync(GovCloudDbContext db, AuditLog audit, TimeProvider clock, IReadOnlyList<string> zones, CancellationToken ct)
    {
        if (!await db.CatalogItems.AnyAsync(ct))
        {
            var from = new DateOnly(2019, 1, 1);
            foreach (var (d, n) in CatalogDefaults.Items.Select((d, i) => (d, i + 1)))
                db.CatalogItems.Add(new CatalogItem
                {
                    Code = d.Code, No = n, Name = d.Name, Specification = d.Specification,
                    Prices = d.Components.Select(c => new CatalogPrice
                    {
                        ItemCode = d.Code, Component = c.Code, ComponentName = c.Name, Unit = c.Unit, UnitPrice = c.Price, EffectiveFrom = from,
                        RecordedAt = clock.GetUtcNow(), RecordedBy = "系统",
                    }).ToList(),
                });
            audit.Record(Actor.System, AuditActions.CatalogItemCreated, nameof(CatalogItem), null, after: new { items = CatalogDefaults.Items.Count, source = "附件4" });
        }
        var existing = await db.NetworkZones.Select(z => z.Name).ToListAsync(ct);
        var no = existing.Count;
        foreach (var name in zones.Where(z => !existing.Contains(z)))
        {
            var zone = new NetworkZone
            {
                Name = name, No = ++no, ServerTypes = string.Join(",", Enum.GetValues<ServerType>()), OsImages = string.Join("\n", CatalogDefaults.OsImages),
                CapacityVcpu = CatalogDefaults.CapacityVcpu, CapacityMemoryGb = CatalogDefaults.CapacityMemoryGb, CapacityStorageGb = CatalogDefaults.CapacityStorageGb,
                CapacityBandwidthMbps = CatalogDefaults.CapacityBandwidthMbps, CapacityPublicIps = CatalogDefaults.CapacityPublicIps,
            };
            db.NetworkZones.Add(zone);
            db.PoolCapacityChanges.Add(new PoolCapacityChange
            {
                ZoneId = zone.Id, Vcpu = zone.CapacityVcpu, MemoryGb = zone.CapacityMemoryGb, StorageGb = zone.CapacityStorageGb,
                BandwidthMbps = zone.CapacityBandwidthMbps, PublicIps = zone.CapacityPublicIps,
                Source = CapacitySource.InitialBuild, Note = "初始容量（待按实际硬件更正）", At = clock.GetUtcNow(), By = "系统",
            });
            audit.Record(Actor.System, AuditActions.NetworkZoneCreated, nameof(NetworkZone), zone.Id, after: new { zone.Name, source = "配置文件" });
        }
        await db.SaveChangesAsync(ct);
    }

    private static void RequireBureau(Actor actor)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("只有大数据局审批人员可以维护服务目录和网络分区");
    }

    private static void CheckPrice(Validation v, string? component, string? componentName, string? unit, decimal? price)
    {
        if (string.IsNullOrWhiteSpace(component) || !System.Text.RegularExpressions.Regex.IsMatch(component.Trim(), "^[a-z][a-z0-9-]{1,31}$"))
            v.Add("component", "计费项编码须为 2 至 32 位小写字母、数字或连字符");
        v.Required(componentName, "componentName", "计费项名称", 20);
        v.Required(unit, "unit", "计费单位", 20);
        if (price is null) v.Add("unitPrice", "请填写单价（元）");
        else if (price < 0 || price > 10_000_000) v.Add("unitPrice", "单价须在 0 至 10,000,000 元之间");
        else if (decimal.Round(price.Value, 4) != price.Value) v.Add("unitPrice", "单价最多保留 4 位小数");
    }

    private CatalogPrice NewPrice(Actor actor, string code, string component, string name, string unit, decimal price, DateOnly from) => new()
    {
        ItemCode = code, Component = component.Trim(), ComponentName = name.Trim(), Unit = unit.Trim(), UnitPrice = price, EffectiveFrom = from,
        RecordedAt = clock.GetUtcNow(), RecordedBy = actor.UserName,
    };

    /// <summary>Per component, the price whose day is the latest not after <paramref name="on"/>.</summary>
    private static IEnumerable<CatalogPrice> PricesOn(CatalogItem item, DateOnly on) =>
        item.Prices.Where(p => p.EffectiveFrom <= on).GroupBy(p => p.Component).Select(g => g.MaxBy(p => p.EffectiveFrom)!);

    private static CatalogItemDto ToDto(CatalogItem i, DateOnly on) => new(i.Code, i.No, i.Name, i.Specification, i.Active, i.Version,
        PricesOn(i, on).OrderBy(p => p.Id).Select(ToDto).ToList(),
        i.Prices.Where(p => p.EffectiveFrom > on).OrderBy(p => p.EffectiveFrom).Select(ToDto).ToList());

    private static CatalogPriceDto ToDto(CatalogPrice p) => new(p.Component, p.ComponentName, p.Unit, p.UnitPrice, p.EffectiveFrom, p.RecordedAt, p.RecordedBy);

    internal static NetworkZoneDto ToDto(NetworkZone z) => new(z.Id, z.No, z.Name, z.Description,
        z.ServerTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ServerType>).ToList(),
        z.OsImages.Split('\n', StringSplitOptions.RemoveEmptyEntries), z.CapacityVcpu, z.CapacityMemoryGb, z.CapacityStorageGb, z.Active, z.Version,
        z.CapacityBandwidthMbps, z.CapacityPublicIps);

    private static object Snapshot(NetworkZone z) => new
    {
        z.Name, z.ServerTypes, z.OsImages, z.CapacityVcpu, z.CapacityMemoryGb, z.CapacityStorageGb, z.CapacityBandwidthMbps, z.CapacityPublicIps, z.Active,
    };

}
