using GovCloud.Domain;
namespace GovCloud.Domain.Provisioning;

/// <summary>A VM as the cloud platform's own inventory export lists it (its row in the file, for messages).</summary>
public sealed record PlatformVm(int Row, string Name, IReadOnlyList<string> Ips, int Vcpu, int MemoryGb, int? DiskGb, string? Zone);

/// <summary>A VM GovCloud holds (not reclaimed), with whose it is.</summary>
public sealed record KnownVm(Guid Id, string HostName, IReadOnlyList<string> Ips, int Vcpu, int MemoryGb, int DiskGb, string Zone, string Agency, string System);

public sealed record Drift(KnownVm Known, PlatformVm Platform, IReadOnlyList<string> Differences);

/// <summary>What the comparison found: VMs only on the platform, only in GovCloud, and those that differ.</summary>
public sealed record Reconciliation(IReadOnlyList<PlatformVm> Unregistered, IReadOnlyList<KnownVm> Missing, IReadOnlyList<Drift> Drifts, int Matched);

/// <summary>
/// R-21.5 reconciliation: the platform's inventory against GovCloud's. A VM is the same one when its
/// name matches (ignoring case), else when it shares an address; then its specs, zone and addresses are compared.
/// </summary>
public static class ReconciliationRules
{
    public static Reconciliation Compare(IReadOnlyList<PlatformVm> platform, IReadOnlyList<KnownVm> known)
    {
        var byName = known.GroupBy(k => k.HostName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var byIp = known.SelectMany(k => k.Ips.Select(ip => (ip, k))).GroupBy(x => x.ip).ToDictionary(g => g.Key, g => g.First().k);
        var matched = new HashSet<Guid>();
        var unregistered = new List<PlatformVm>();
        var drifts = new List<Drift>();
        foreach (var p in platform)
        {
            var k = byName.GetValueOrDefault(p.Name) ?? p.Ips.Select(ip => byIp.GetValueOrDefault(ip)).FirstOrDefault(x => x is not null);
            if (k is null || !matched.Add(k.Id))
            {
                unregistered.Add(p);
                continue;
            }
            var differences = Differences(k, p);
            if (differences.Count > 0) drifts.Add(new Drift(k, p, differences));
        }
        return new Reconciliation(unregistered, known.Where(k => !matched.Contains(k.Id)).ToList(), drifts, matched.Count);
    }

    private static List<string> Differences(KnownVm k, PlatformVm p)
    {
        var list = new List<string>();
        if (!string.Equals(k.HostName, p.Name, StringComparison.OrdinalIgnoreCase)) list.Add($"名称：台账 {k.HostName}，平台 {p.Name}");
        if (k.Vcpu != p.Vcpu) list.Add($"vCPU：台账 {k.Vcpu} 核，平台 {p.Vcpu} 核");
        if (k.MemoryGb != p.MemoryGb) list.Add($"内存：台账 {k.MemoryGb} GB，平台 {p.MemoryGb} GB");
        if (p.DiskGb is { } disk && disk != k.DiskGb) list.Add($"磁盘：台账 {k.DiskGb} GB，平台 {disk} GB");
        if (!TextRules.IsBlank(p.Zone) && p.Zone != k.Zone) list.Add($"网络分区：台账 {k.Zone}，平台 {p.Zone}");
        if (p.Ips.Count > 0 && !p.Ips.ToHashSet().SetEquals(k.Ips)) list.Add($"IP：台账 {string.Join(", ", k.Ips)}，平台 {string.Join(", ", p.Ips)}");
        return list;
    }
}
