using GovCloud.Domain;
using GovCloud.Domain.Organisations;

namespace GovCloud.Domain.Applications;

/// <summary>堡垒机账号负责人: one person who holds a bastion-host account for the VM.</summary>
public sealed record BastionOwner(string Name, string Email, string Mobile);

/// <summary>One row of the Annex 3 form: one virtual machine (R-A3.3).</summary>
public sealed record VmRequest(
    int No, string? Zone, string? Vendor, string? SystemName, string? SubsystemName, ServerType? ServerType,
    IReadOnlyList<BastionOwner> Owners, int? Vcpu, int? MemoryGb, int? SystemDiskGb, int? DataDiskGb, string? OperatingSystem,
    bool? Clustered, string? ClusterGroup, string? Remarks);

/// <summary>Per-VM limits and allowed values; configuration (R-32.1), so a county can set its own.</summary>
public sealed record VmLimits(int MaxVcpu = 64, int MaxMemoryGb = 512, int MaxSystemDiskGb = 1024, int MaxDataDiskGb = 32768)
{
    public IReadOnlyCollection<string> Zones { get; init; } = ["公共网络区", "互联网区"];

    /// <summary>Per zone, the server types it allows and its OS images; a zone missing here allows everything.</summary>
    public IReadOnlyDictionary<string, ZoneRule> ZoneRules { get; init; } = new Dictionary<string, ZoneRule>();
}

/// <summary>What one network zone accepts: server types, and OS images (any OS when the list is empty).</summary>
public sealed record ZoneRule(IReadOnlyCollection<ServerType> ServerTypes, IReadOnlyCollection<string> OsImages)
{
    /// <summary>"麒麟V10" matches the image "麒麟 V10", and "银河麒麟 V10 SP1" matches it too: spaces and case do not count.</summary>
    public bool AllowsOs(string? os)
    {
        if (OsImages.Count == 0) return true;
        var typed = Squash(os);
        return typed.Length > 0 && OsImages.Any(image => typed.Contains(Squash(image), StringComparison.Ordinal));
    }

    private static string Squash(string? text) => FormText.Fold(text).Replace(" ", "").ToUpperInvariant();
}

/// <summary>A problem with one field of one row, in Chinese.</summary>
public sealed record VmProblem(int Row, string Field, string Message);

/// <summary>The rules of the Annex 3 rows (R-A3.2 required fields, R-A3.4 owners, R-A3.5 server types, clusters).</summary>
public static class VmRules
{
    /// <summary>Every problem of the rows; with <paramref name="systemName"/>, rows of another system too (one form per system, R-A3.1).</summary>
    public static IReadOnlyList<VmProblem> Validate(IReadOnlyList<VmRequest> rows, VmLimits limits, string? systemName = null)
    {
        var problems = new List<VmProblem>();
        if (rows.Count == 0) problems.Add(new VmProblem(0, "rows", "至少填写一台虚拟机"));
        foreach (var r in rows)
        {
            void Add(string field, string message) => problems.Add(new VmProblem(r.No, field, message));

            if (TextRules.IsBlank(r.Zone)) Add("zone", "请填写网络分区");
            else if (!limits.Zones.Contains(r.Zone)) Add("zone", $"网络分区“{r.Zone}”不存在，可选：{string.Join("、", limits.Zones)}");
            if (TextRules.IsBlank(r.Vendor)) Add("vendor", "请填写开发商");
            if (TextRules.IsBlank(r.SystemName)) Add("systemName", "请填写系统名称");
            else if (systemName is not null && r.SystemName != systemName)
                Add("systemName", $"系统名称“{r.SystemName}”与本申请的系统“{systemName}”不一致：一张需求表只填一个系统");
            if (r.ServerType is null) Add("serverType", "请填写服务器类型（APP、WEB、FTP、DAT、MID、TST、OTH）");
            var zoneRule = r.Zone is null ? null : limits.ZoneRules.GetValueOrDefault(r.Zone);
            if (zoneRule is not null && r.ServerType is { } type && !zoneRule.ServerTypes.Contains(type))
                Add("serverType", $"网络分区“{r.Zone}”不允许部署 {type}（{type.DisplayName()}）类服务器");
            if (r.Owners.Count == 0) Add("owners", "请填写堡垒机账号负责人及其邮箱、手机号码");
            foreach (var (owner, i) in r.Owners.Select((o, i) => (o, i + 1)))
            {
                if (TextRules.IsBlank(owner.Name)) Add("owners", $"第 {i} 位堡垒机账号负责人缺少姓名");
                if (!ContactRules.IsEmail(owner.Email)) Add("ownerEmails", $"第 {i} 位负责人的邮箱“{owner.Email}”格式不正确");
                if (!ContactRules.IsMobile(owner.Mobile)) Add("ownerMobiles", $"第 {i} 位负责人的手机号码“{owner.Mobile}”须为 11 位数字");
            }
            Range(r.Vcpu, 1, limits.MaxVcpu, "vcpu", "vCPU 核数", " 核", Add);
            Range(r.MemoryGb, 1, limits.MaxMemoryGb, "memoryGb", "内存", " GB ", Add);
            Range(r.SystemDiskGb, 1, limits.MaxSystemDiskGb, "systemDiskGb", "系统盘", " GB ", Add);
            if (r.DataDiskGb is { } data && (data < 0 || data > limits.MaxDataDiskGb))
                Add("dataDiskGb", $"数据盘须在 0 至 {limits.MaxDataDiskGb} GB 之间");
            if (TextRules.IsBlank(r.OperatingSystem)) Add("operatingSystem", "请填写操作系统");
            else if (zoneRule is not null && !zoneRule.AllowsOs(r.OperatingSystem))
                Add("operatingSystem", $"操作系统“{r.OperatingSystem}”不在网络分区“{r.Zone}”可选的镜像中，可选：{string.Join("、", zoneRule.OsImages)}");
            if (r.Clustered is null) Add("clustered", "请填写是否集群部署（是/否）");
            if (r.Clustered == true && TextRules.IsBlank(r.ClusterGroup)) Add("clusterGroup", "集群部署的虚拟机须填写集群组号");
            void Long(string? value, int max, string field, string label)
            {
                if (value?.Length > max) Add(field, $"{label}不能超过 {max} 个字");
            }
            Long(r.Vendor, 100, "vendor", "开发商");
            Long(r.SubsystemName, 100, "subsystemName", "子系统名称");
            Long(r.OperatingSystem, 100, "operatingSystem", "操作系统");
            Long(r.ClusterGroup, 50, "clusterGroup", "集群组号");
            Long(r.Remarks, 500, "remarks", "备注");
            Long(string.Join("、", r.Owners.Select(o => o.Name)), 500, "owners", "堡垒机账号负责人");
            Long(string.Join("、", r.Owners.Select(o => o.Email)), 1000, "ownerEmails", "负责人邮箱");
            Long(string.Join("、", r.Owners.Select(o => o.Mobile)), 500, "ownerMobiles", "负责人手机号码");
        }
        // A cluster has at least two machines.
        foreach (var group in rows.Where(r => r.Clustered == true && !TextRules.IsBlank(r.ClusterGroup)).GroupBy(r => r.ClusterGroup!.Trim()))
            if (group.Count() < 2)
                problems.Add(new VmProblem(group.First().No, "clusterGroup", $"集群组“{group.Key}”只有 1 台虚拟机，集群至少需要 2 台"));
        foreach (var dup in rows.GroupBy(r => r.No).Where(g => g.Count() > 1))
            problems.Add(new VmProblem(dup.Key, "no", $"序号 {dup.Key} 重复"));
        return problems;
    }

    /// <summary>
    /// Pairs the owner names, e-mails and mobiles of one row, which must correspond one to one and in
    /// order (R-A3.4); a count mismatch is reported instead of guessing.
    /// </summary>
    public static (IReadOnlyList<BastionOwner> Owners, string? Problem) PairOwners(string? names, string? emails, string? mobiles)
    {
        var n = FormText.List(names);
        var e = FormText.List(emails).Select(FormText.Fold).ToList();
        // A mobile is often written in groups: 138 0000 0001, 138-0000-0001.
        var m = FormText.List(mobiles).Select(x => FormText.Fold(x).Replace(" ", "").Replace("-", "")).ToList();
        if (n.Count != e.Count || n.Count != m.Count)
            return ([], $"堡垒机账号负责人、邮箱、手机号码须一一对应：现有 {n.Count} 个姓名、{e.Count} 个邮箱、{m.Count} 个手机号码");
        return (n.Select((name, i) => new BastionOwner(name, e[i], m[i])).ToList(), null);
    }

    private static void Range(int? value, int min, int max, string field, string label, string unit, Action<string, string> add)
    {
        // unit carries its own spacing: " 核" sits against 之间, " GB " stands apart from it.
        if (value is null) add(field, $"请填写{label}（正整数，单位{unit.Trim()}）");
        else if (value < min || value > max) add(field, $"{label}须在 {min} 至 {max}{unit}之间");
    }

}
