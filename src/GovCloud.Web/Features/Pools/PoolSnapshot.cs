namespace GovCloud.Web.Features.Pools;

/// <summary>A zone's pool as it stood at the end of a month, for the 12-month trend .</summary>
public sealed class PoolSnapshot
{
    public long Id { get; set; }
    /// <summary>yyyy-MM, Beijing time.</summary>
    public required string Month { get; set; }
    public Guid ZoneId { get; set; }
    public int EffectiveVcpu { get; set; }
    public int EffectiveMemoryGb { get; set; }
    public int EffectiveStorageGb { get; set; }
    public int UsedVcpu { get; set; }
    public int UsedMemoryGb { get; set; }
    public int UsedStorageGb { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}
