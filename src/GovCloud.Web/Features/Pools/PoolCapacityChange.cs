using GovCloud.Web.Features.Catalog;

namespace GovCloud.Web.Features.Pools;

/// <summary>Where capacity came from: bought, taken over from a revoked data centre, the first build, or a correction.</summary>
public enum CapacitySource
{
    InitialBuild,
    NewPurchase,
    RevokedDataCenter,
    Correction,
}

public static class CapacitySources
{
    public static string DisplayName(this CapacitySource source) => source switch
    {
        CapacitySource.InitialBuild => "初始建设",
        CapacitySource.NewPurchase => "新购",
        CapacitySource.RevokedDataCenter => "撤销数据中心统筹利用",
        CapacitySource.Correction => "更正",
        _ => source.ToString(),
    };
}

/// <summary>One change of a zone's hardware, so the pool's size is explained by its history.</summary>
public sealed class PoolCapacityChange
{
    public long Id { get; set; }
    public Guid ZoneId { get; set; }
    public NetworkZone? Zone { get; set; }
    public int Vcpu { get; set; }
    public int MemoryGb { get; set; }
    public int StorageGb { get; set; }
    public int BandwidthMbps { get; set; }
    public int PublicIps { get; set; }
    public CapacitySource Source { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
}
