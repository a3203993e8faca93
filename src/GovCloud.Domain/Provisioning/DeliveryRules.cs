using GovCloud.Domain;
using System.Net;
using System.Text.RegularExpressions;

namespace GovCloud.Domain.Provisioning;

/// <summary>
/// What the Center records of one VM it built (R-21.4): the row it fulfils, its name, addresses, actual specs, image and
/// bastion accounts, and the bandwidth it allotted (R-21.5, Mbps).
/// </summary>
public sealed record DeliveredVm(int No, string? HostName, string? Ips, int? Vcpu, int? MemoryGb, int? SystemDiskGb, int? DataDiskGb,
    string? OperatingSystem, IReadOnlyList<string>? BastionAccounts, int? BandwidthMbps = null);

/// <summary>What the Bureau approved for a row: the ceiling of what may be built, and how many bastion owners it names.</summary>
public sealed record ApprovedVm(int No, int Vcpu, int MemoryGb, int SystemDiskGb, int DataDiskGb, int Owners);

/// <summary>
/// Checks the Center's record of a delivered trial environment: every approved row built once, a
/// valid host name and addresses unique within the delivery, actual specs no larger than approved
/// (more takes a change request), one bastion account per named owner.
/// </summary>
public static partial class DeliveryRules
{
    public const int MaxHostName = 63, MaxOperatingSystem = 100, MaxAccount = 64, MaxIps = 8;

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9.-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex HostNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex AccountPattern();

    /// <summary>Which of a VM's bastion accounts its message is about: the first empty or malformed one, else the first.</summary>
    public static int FirstBadAccount(IReadOnlyList<string?> accounts)
    {
        for (var i = 0; i < accounts.Count; i++)
            if (accounts[i]?.Trim() is not { Length: > 0 and <= MaxAccount } a || !AccountPattern().IsMatch(a)) return i;
        return 0;
    }

    private static readonly char[] IpSeparators = [',', '，', '、', ';', '；', ' ', '\n'];

    /// <summary>An IPv4 address as people write it: four numbers 0–255, no leading zeros (which some readers take as octal).</summary>
    [GeneratedRegex(@"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")]
    private static partial Regex Ipv4Pattern();

    /// <summary>
    /// The addresses of a cell, split on the usual separators, in one canonical spelling (an IPv4 address written as
    /// IPv6, ::ffff:10.1.1.1, is that IPv4 address); null when one is not an IP address. Short or octal forms such as
    /// 10.1 or 010.0.0.1 are refused rather than read as some other address.
    /// </summary>
    public static IReadOnlyList<string>? ParseIps(string? text)
    {
        var parts = (text ?? "").Split(IpSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ips = new List<string>();
        foreach (var p in parts)
        {
            if (p.Contains(':'))
            {
                if (!IPAddress.TryParse(p, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return null;
                ips.Add((v6.IsIPv4MappedToIPv6 ? v6.MapToIPv4() : v6).ToString());
            }
            else if (Ipv4Pattern().IsMatch(p) && IPAddress.TryParse(p, out var v4)) ips.Add(v4.ToString());
            else return null;
        }
        return ips;
    }

    /// <summary>
    /// How many of the addresses are public (not private, shared, loopback or link-local): what a VM takes from
    /// the zone's public addresses (R-20.1).
    /// </summary>
    public static int PublicCount(IEnumerable<string> ips) => ips.Count(text => IPAddress.TryParse(text, out var ip) && IsPublic(ip));

    private static bool IsPublic(IPAddress ip)
    {
        if (IPAddress.IsLoopback(ip)) return false;
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            return !(ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || ip.IsIPv4MappedToIPv6 && !IsPublic(ip.MapToIPv4()));
        var b = ip.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 172 && b[1] is >= 16 and <= 31 || b[0] == 192 && b[1] == 168 || b[0] == 100 && b[1] is >= 64 and <= 127
                 || b[0] == 169 && b[1] == 254 || b[0] == 0);
    }

    /// <summary>
    /// Every problem of the record, by field under <paramref name="field"/> ("vms" for a trial, "added" for the VMs a change
    /// adds); <paramref name="rowName"/> names a row still missing ("批准的第 2 台虚拟机" by default).
    /// </summary>
    public static IReadOnlyList<RuleProblem> Validate(IReadOnlyList<DeliveredVm> vms, IReadOnlyList<ApprovedVm> approved, string field = "vms",
        Func<int, string>? rowName = null)
    {
        var problems = new List<RuleProblem>();
        void Add(string name, string message) => problems.Add(new RuleProblem(name, message));
        foreach (var missing in approved.Where(a => vms.All(v => v.No != a.No)))
            Add(field, $"{rowName?.Invoke(missing.No) ?? $"批准的第 {missing.No} 台虚拟机"}尚未填写交付信息");
        var hostNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addresses = new HashSet<string>();
        for (var i = 0; i < vms.Count; i++)
        {
            var vm = vms[i];
            var f = $"{field}[{i}]";
            var row = approved.FirstOrDefault(a => a.No == vm.No);
            if (row is null)
            {
                Add($"{f}.no", $"第 {vm.No} 台不在批准的虚拟机中");
                continue;
            }
            if (vms.Take(i).Any(v => v.No == vm.No)) Add($"{f}.no", $"第 {vm.No} 台重复填写");
            var label = $"第 {vm.No} 台";
            var host = vm.HostName?.Trim();
            if (string.IsNullOrEmpty(host)) Add($"{f}.hostName", $"{label}：请填写主机名");
            else if (host.Length > MaxHostName || !HostNamePattern().IsMatch(host)) Add($"{f}.hostName", $"{label}：主机名只能由字母、数字、“-”和“.”组成，不超过 {MaxHostName} 个字符");
            else if (!hostNames.Add(host)) Add($"{f}.hostName", $"{label}：主机名“{host}”与其他虚拟机重复");

            var ips = ParseIps(vm.Ips);
            if (TextRules.IsBlank(vm.Ips) || ips is { Count: 0 }) Add($"{f}.ips", $"{label}：请填写 IP 地址");
            else if (ips is null) Add($"{f}.ips", $"{label}：IP 地址格式不正确，多个地址用逗号或顿号分隔");
            else if (ips.Count > MaxIps) Add($"{f}.ips", $"{label}：每台最多填写 {MaxIps} 个 IP 地址");
            else foreach (var ip in ips.Where(ip => !addresses.Add(ip))) Add($"{f}.ips", $"{label}：IP 地址 {ip} 与其他虚拟机重复");

            Spec(f, "vcpu", label, "vCPU", "核", vm.Vcpu, row.Vcpu, 1);
            Spec(f, "memoryGb", label, "内存", "GB", vm.MemoryGb, row.MemoryGb, 1);
            Spec(f, "systemDiskGb", label, "系统盘", "GB", vm.SystemDiskGb, row.SystemDiskGb, 1);
            Spec(f, "dataDiskGb", label, "数据盘", "GB", vm.DataDiskGb ?? 0, row.DataDiskGb, 0);

            if (TextRules.IsBlank(vm.OperatingSystem)) Add($"{f}.operatingSystem", $"{label}：请填写操作系统镜像");
            else if (vm.OperatingSystem.Trim().Length > MaxOperatingSystem) Add($"{f}.operatingSystem", $"{label}：操作系统镜像不能超过 {MaxOperatingSystem} 个字");

            var accounts = (vm.BastionAccounts ?? []).Select(a => a?.Trim() ?? "").ToList();
            if (accounts.Count != row.Owners) Add($"{f}.bastionAccounts", $"{label}：须为 {row.Owners} 位堡垒机账号负责人各开设一个账号（已填 {accounts.Count} 个）");
            else if (accounts.FindIndex(a => a.Length == 0) is var empty and >= 0)
                Add($"{f}.bastionAccounts", $"{label}：请填写第 {empty + 1} 位负责人的堡垒机账号");
            else if (accounts.Any(a => a.Length > MaxAccount || !AccountPattern().IsMatch(a)))
                Add($"{f}.bastionAccounts", $"{label}：堡垒机账号只能由字母、数字、“.”“_”“-”组成，不超过 {MaxAccount} 个字符");
            else if (accounts.Distinct(StringComparer.OrdinalIgnoreCase).Count() != accounts.Count) Add($"{f}.bastionAccounts", $"{label}：堡垒机账号不能重复");
        }
        return problems;

        void Spec(string f, string field, string label, string name, string unit, int? actual, int ceiling, int min)
        {
            if (actual is null) Add($"{f}.{field}", $"{label}：请填写实际{name}");
            else if (actual < min) Add($"{f}.{field}", $"{label}：实际{name}不能小于 {min} {unit}");
            else if (actual > ceiling) Add($"{f}.{field}", $"{label}：实际{name} {actual} {unit}超过批准的 {ceiling} {unit}，增加配置须提交变更申请");
        }
    }
}
