using GovCloud.Domain.Applications;

namespace GovCloud.Web.Features.Catalog;

/// <summary>
/// What a new installation starts with: the 14 services of Annex 4 and the zones named in the
/// configuration. The prices are placeholders for the Bureau to replace with the contract's prices
/// in 服务目录 (they are data from then on; nothing here is read again once the tables have rows).
/// </summary>
public static class CatalogDefaults
{
    public sealed record Component(string Code, string Name, string Unit, decimal Price);
    public sealed record Item(string Code, string Name, string Specification, params Component[] Components);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("vm", "云虚拟机", "按 vCPU、内存、存储（系统盘+数据盘）计费；国产化操作系统镜像",
            new Component(FeeRules.Vcpu, "vCPU", "核·月", 30m), new Component(FeeRules.Memory, "内存", "GB·月", 15m),
            new Component(FeeRules.Storage, "存储", "GB·月", 0.5m)),
        new("load-balancer", "云负载均衡", "四层/七层负载均衡实例", new Component("instance", "实例", "个·月", 300m)),
        new("database", "数据库服务器", "关系型数据库实例（主备）", new Component("instance", "实例", "套·月", 1500m)),
        new("middleware", "云中间件", "消息队列、缓存等中间件实例", new Component("instance", "实例", "套·月", 800m)),
        new("bastion", "堡垒机", "运维审计账号", new Component("account", "账号", "个·月", 50m)),
        new("vpn", "VPN", "远程接入账号", new Component("account", "账号", "个·月", 30m)),
        new("vulnerability-scan", "漏洞扫描", "主机与 Web 漏洞扫描", new Component("target", "扫描对象", "个·月", 100m)),
        new("firewall", "云防火墙", "东西向/南北向访问控制", new Component("instance", "实例", "个·月", 500m)),
        new("security-pool", "云安全资源池", "虚拟 WAF、虚拟网页防篡改、虚拟安全审计", new Component("instance", "实例", "个·月", 600m)),
        new("backup", "数据备份与灾备", "本地数据备份、同城灾备、异地灾备", new Component("capacity", "备份容量", "GB·月", 0.3m)),
        new("cryptography", "云密码服务", "商用密码应用（签名验签、加解密）", new Component("instance", "实例", "个·月", 800m)),
        new("time-source", "时钟源服务", "北斗/GPS 授时", new Component("instance", "接入", "个·月", 20m)),
        new("dns", "域名解析服务", "政务外网/互联网域名解析", new Component("domain", "域名", "个·月", 10m)),
        new("colocation", "设备托管服务", "机柜空间、电力与网络接入", new Component("rack-unit", "机位", "U·月", 150m)),
    ];

    public static readonly string[] OsImages = ["麒麟 V10", "统信 UOS", "CentOS 7", "Windows Server 2019"];

    /// <summary>A zone in the configuration but not yet in the database starts allowing every server type, with this capacity.</summary>
    public const int CapacityVcpu = 2000, CapacityMemoryGb = 8000, CapacityStorageGb = 200_000, CapacityBandwidthMbps = 10_000, CapacityPublicIps = 256;
}
