namespace GovCloud.Domain.Provisioning;

/// <summary>
/// An amount of the pooled resources: vCPU cores, memory GB, storage GB, and the network the Center allocates with
/// them (R-21.5: 计算、存储、带宽): bandwidth in Mbps and public IP addresses.
/// </summary>
public readonly record struct Resources(int Vcpu, int MemoryGb, int StorageGb, int BandwidthMbps = 0, int PublicIps = 0)
{
    public static readonly Resources None = new(0, 0, 0);
    public static Resources operator +(Resources a, Resources b) => new(a.Vcpu + b.Vcpu, a.MemoryGb + b.MemoryGb, a.StorageGb + b.StorageGb,
        a.BandwidthMbps + b.BandwidthMbps, a.PublicIps + b.PublicIps);
    public static Resources operator -(Resources a, Resources b) => new(a.Vcpu - b.Vcpu, a.MemoryGb - b.MemoryGb, a.StorageGb - b.StorageGb,
        a.BandwidthMbps - b.BandwidthMbps, a.PublicIps - b.PublicIps);
}

/// <summary>How far each resource may be promised beyond the hardware (configuration, R-32.1).</summary>
public sealed record Overcommit(double Vcpu = 1, double Memory = 1, double Storage = 1);

/// <summary>
/// One zone's pool: the hardware, what may be promised of it, what is running (allocated),
/// what is approved but not yet running (reserved), and what is left.
/// </summary>
public sealed record PoolFigures(string Zone, Resources Physical, Resources Effective, Resources Allocated, Resources Reserved)
{
    public Resources Free => Effective - Allocated - Reserved;
}

/// <summary>A resource a request would take the pool below zero on.</summary>
public sealed record Shortfall(string Zone, string Resource, int Missing, string Message);

public static class PoolRules
{
    /// <summary>What may be promised: compute and storage over-committed as configured; bandwidth and public addresses never are.</summary>
    public static Resources Effective(Resources physical, Overcommit overcommit) => new(
        (int)Math.Floor(physical.Vcpu * overcommit.Vcpu), (int)Math.Floor(physical.MemoryGb * overcommit.Memory),
        (int)Math.Floor(physical.StorageGb * overcommit.Storage), physical.BandwidthMbps, physical.PublicIps);

    /// <summary>What would be missing if <paramref name="request"/> were reserved too; empty when the pool holds it.</summary>
    public static IReadOnlyList<Shortfall> Check(PoolFigures pool, Resources request)
    {
        var after = pool.Free - request;
        var shortfalls = new List<Shortfall>();
        void Add(string name, int left, int asked, int free, string unit)
        {
            // A request asking nothing of a resource is never held up by that resource (an overdrawn pool stays as it is).
            if (left < 0 && asked > 0)
                shortfalls.Add(new Shortfall(pool.Zone, name, -left,
                    $"网络分区“{pool.Zone}”的{name}不足：本次需 {asked} {unit}，可用 {free} {unit}，缺 {-left} {unit}"));
        }
        Add("vCPU", after.Vcpu, request.Vcpu, pool.Free.Vcpu, "核");
        Add("内存", after.MemoryGb, request.MemoryGb, pool.Free.MemoryGb, "GB");
        Add("存储", after.StorageGb, request.StorageGb, pool.Free.StorageGb, "GB");
        Add("带宽", after.BandwidthMbps, request.BandwidthMbps, pool.Free.BandwidthMbps, "Mbps");
        Add("公网 IP", after.PublicIps, request.PublicIps, pool.Free.PublicIps, "个");
        return shortfalls;
    }
}
