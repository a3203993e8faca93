namespace GovCloud.Web.Features.Catalog;

/// <summary>One service of 云资源服务目录 (Annex 4): data, so the Bureau adds and changes items as the cloud evolves (R-A4.1).</summary>
public sealed class CatalogItem
{
    /// <summary>A short stable name the prices and applications refer to ("vm", "load-balancer", …).</summary>
    public required string Code { get; set; }
    public int No { get; set; }
    public required string Name { get; set; }
    public string? Specification { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; }
    public List<CatalogPrice> Prices { get; set; } = [];
}

/// <summary>
/// A unit price of one billing component of an item, valid from a day until the next price of the
/// same component: rows are only added, so what applied on any past day stays answerable.
/// </summary>
public sealed class CatalogPrice
{
    public long Id { get; set; }
    public required string ItemCode { get; set; }
    /// <summary>What is counted ("vcpu", "memory", "storage", "instance", …).</summary>
    public required string Component { get; set; }
    public required string ComponentName { get; set; }
    /// <summary>计费单位, e.g. 核·月, GB·月, 个·月.</summary>
    public required string Unit { get; set; }
    public decimal UnitPrice { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>网络分区: where a VM may be placed, with the server types and OS images it accepts and its capacity.</summary>
public sealed class NetworkZone
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int No { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>Server type codes, joined with commas.</summary>
    public string ServerTypes { get; set; } = "";
    /// <summary>OS images offered, one per line; empty means any.</summary>
    public string OsImages { get; set; } = "";
    public int CapacityVcpu { get; set; }
    public int CapacityMemoryGb { get; set; }
    public int CapacityStorageGb { get; set; }
    public int CapacityBandwidthMbps { get; set; }
    public int CapacityPublicIps { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; }
}
