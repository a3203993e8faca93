using GovCloud.Domain;
using GovCloud.Domain.Provisioning;

namespace GovCloud.Domain.Applications;

/// <summary>What an application asks of a zone's network besides its VMs (the 其他 needs of Annex 3): bandwidth and public addresses.</summary>
public sealed record NetworkNeed(string? Zone, int? BandwidthMbps, int? PublicIps);

/// <summary>The Center's word on one zone's network need: the values it agrees to (equal to the request) or adjusts to, with why.</summary>
public sealed record NetworkOpinion(string? Zone, int? BandwidthMbps, int? PublicIps, string? Reason);

/// <summary>
/// R-21.5 (合理分配计算、存储、带宽等资源): bandwidth and public IPs are asked for per zone, agreed or adjusted by the
/// Center, approved by the Bureau against the pool, and recorded at delivery no larger than approved.
/// </summary>
public static class NetworkRules
{
    public const int MaxBandwidthMbps = 100_000, MaxPublicIps = 256, MaxRows = 50;

    /// <summary>Every problem of the needs as typed: a known zone, once each, amounts within bounds and not both nothing.</summary>
    public static IReadOnlyList<RuleProblem> Validate(IReadOnlyList<NetworkNeed?> needs, IReadOnlyCollection<string> zones)
    {
        var problems = new List<RuleProblem>();
        if (needs.Count > MaxRows) return [new("network", $"带宽与公网 IP 最多填写 {MaxRows} 行（每个网络分区一行）")];
        for (var i = 0; i < needs.Count; i++)
        {
            var f = $"network[{i}]";
            if (needs[i] is not { } n)
            {
                problems.Add(new(f, $"第 {i + 1} 行为空"));
                continue;
            }
            if (TextRules.IsBlank(n.Zone) || !zones.Contains(n.Zone)) problems.Add(new($"{f}.zone", $"网络分区“{Show(n.Zone)}”不存在或未启用"));
            else if (needs.Take(i).Any(x => x?.Zone == n.Zone)) problems.Add(new($"{f}.zone", $"网络分区“{n.Zone}”只填一行，带宽和公网 IP 合并填写"));
            Amounts(problems, f, n.BandwidthMbps, n.PublicIps);
            if (n.BandwidthMbps is 0 or null && n.PublicIps is 0 or null) problems.Add(new($"{f}.bandwidthMbps", "带宽和公网 IP 至少填写一项"));
        }
        return problems;
    }

    /// <summary>
    /// The Center's opinions: at most one per requested zone (a zone left out is agreed as asked), amounts within
    /// bounds, and a reason for every value that differs from the request.
    /// </summary>
    public static IReadOnlyList<RuleProblem> ValidateOpinions(IReadOnlyList<NetworkNeed> requested, IReadOnlyList<NetworkOpinion?> opinions)
    {
        var problems = new List<RuleProblem>();
        if (opinions.Count > requested.Count)
            return [new("network", $"带宽与公网 IP 的评估意见有 {opinions.Count} 行，多于申请的 {requested.Count} 个网络分区")];
        for (var i = 0; i < opinions.Count; i++)
        {
            var f = $"network[{i}]";
            if (opinions[i] is not { } o)
            {
                problems.Add(new(f, $"第 {i + 1} 行为空"));
                continue;
            }
            var asked = requested.FirstOrDefault(r => r.Zone == o.Zone);
            if (asked is null)
            {
                problems.Add(new($"{f}.zone", $"申请中没有网络分区“{Show(o.Zone)}”的带宽或公网 IP 需求"));
                continue;
            }
            if (opinions.Take(i).Any(x => x?.Zone == o.Zone)) problems.Add(new($"{f}.zone", $"网络分区“{o.Zone}”重复填写"));
            Amounts(problems, f, o.BandwidthMbps, o.PublicIps);
            var changed = (o.BandwidthMbps ?? 0) != (asked.BandwidthMbps ?? 0) || (o.PublicIps ?? 0) != (asked.PublicIps ?? 0);
            if (changed && TextRules.IsBlank(o.Reason)) problems.Add(new($"{f}.reason", $"调整网络分区“{o.Zone}”的带宽或公网 IP 须说明理由"));
            if (o.Reason?.Length > 500) problems.Add(new($"{f}.reason", "理由不能超过 500 个字"));
        }
        return problems;
    }

    /// <summary>
    /// What a delivery records against what was approved, per zone: bandwidth and public addresses no more than
    /// approved (more takes a change request).
    /// </summary>
    public static IReadOnlyList<RuleProblem> CheckDelivered(IReadOnlyDictionary<string, Resources> delivered, IReadOnlyDictionary<string, Resources> approved,
        string field = "vms")
    {
        var problems = new List<RuleProblem>();
        foreach (var (zone, d) in delivered.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var a = approved.GetValueOrDefault(zone, Resources.None);
            if (d.BandwidthMbps > a.BandwidthMbps)
                problems.Add(new(field, $"网络分区“{zone}”交付的带宽合计 {d.BandwidthMbps} Mbps 超过批准的 {a.BandwidthMbps} Mbps，增加须提交变更申请"));
            if (d.PublicIps > a.PublicIps)
                problems.Add(new(field, $"网络分区“{zone}”交付的公网 IP {d.PublicIps} 个超过批准的 {a.PublicIps} 个，增加须提交变更申请"));
        }
        return problems;
    }

    /// <summary>
    /// Art. 21(五) allots bandwidth with the VMs: a zone asked for must have VMs of the application in it, or nothing could
    /// ever be delivered there.
    /// </summary>
    public static IReadOnlyList<RuleProblem> CheckZonesHaveVms(IReadOnlyList<NetworkNeed> needs, IReadOnlyCollection<string> vmZones) =>
        needs.Select((n, i) => (n, i)).Where(x => !vmZones.Contains(x.n.Zone ?? ""))
            .Select(x => new RuleProblem($"network[{x.i}].zone", $"网络分区“{x.n.Zone}”中没有申请虚拟机，带宽和公网 IP 无法分配；请删除该行或在该分区添加虚拟机"))
            .ToList();

    /// <summary>A name as typed, cut short for a message (a 10,000-character name is not echoed back).</summary>
    private static string Show(string? text) => text is null ? "" : text.Length > 30 ? text[..30] + "…" : text;

    private static void Amounts(List<RuleProblem> problems, string f, int? bandwidth, int? ips)
    {
        if (bandwidth is < 0 or > MaxBandwidthMbps) problems.Add(new($"{f}.bandwidthMbps", $"带宽须为 0 至 {MaxBandwidthMbps} 之间的整数（Mbps）"));
        if (ips is < 0 or > MaxPublicIps) problems.Add(new($"{f}.publicIps", $"公网 IP 须为 0 至 {MaxPublicIps} 之间的整数（个）"));
    }
}
