namespace GovCloud.Web.Features.Applications;

/// <summary>The columns of 云资源使用需求表 (Annex 3), in order; required ones are red in the template (R-A3.2).</summary>
public static class RequestFormLayout
{
    public sealed record Column(string Header, string Field, bool Required, string Hint);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("序号", "no", true, "1、2、3…，每台虚拟机一行"),
        new("网络分区", "zone", true, "从下拉列表选择"),
        new("开发商", "vendor", true, "系统开发或承建单位"),
        new("系统名称", "systemName", true, "一张表只填一个系统"),
        new("子系统名称", "subsystemName", false, ""),
        new("服务器类型", "serverType", true, "APP 应用、WEB 网站、FTP 文件、DAT 数据库、MID 中间件、TST 测试、OTH 其他"),
        new("堡垒机账号负责人", "owners", true, "多人用顿号分隔"),
        new("堡垒机账号负责人邮箱", "ownerEmails", true, "与负责人一一对应"),
        new("堡垒机账号负责人手机号码", "ownerMobiles", true, "与负责人一一对应"),
        new("vCPU核", "vcpu", true, "正整数"),
        new("内存GB", "memoryGb", true, "正整数"),
        new("系统盘GB", "systemDiskGb", true, "正整数"),
        new("数据盘GB", "dataDiskGb", false, "不需要可留空"),
        new("操作系统", "operatingSystem", true, "如 麒麟 V10、统信 UOS"),
        new("集群部署", "clustered", true, "是 / 否"),
        new("集群组号", "clusterGroup", false, "集群部署时必填，同组至少 2 台"),
        new("备注", "remarks", false, ""),
    ];

    public const string Title = "云资源使用需求表";
    public const string ExampleMarker = "示例";

    /// <summary>Excel's column letter for a 1-based column number.</summary>
    public static string Letter(int column)
    {
        var s = "";
        for (; column > 0; column = (column - 1) / 26) s = (char)('A' + (column - 1) % 26) + s;
        return s;
    }

    /// <summary>A header as people write it: spaces, full-width characters and line breaks do not matter.</summary>
    public static string Normalise(string? header) =>
        GovCloud.Domain.Applications.FormText.Fold(header).Replace(" ", "").Replace("\n", "").ToUpperInvariant();
}
