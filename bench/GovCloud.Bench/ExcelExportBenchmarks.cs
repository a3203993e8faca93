using BenchmarkDotNet.Attributes;
using GovCloud.Web.Infrastructure;

namespace GovCloud.Bench;

/// <summary>
/// An export of the inventory's size, without a database: 100,000 rows of 20 columns written by MiniExcel and rewritten
/// in Excel's spelling (<see cref="XlsxPackage.AsExcelWrites"/>), and the rewrite alone on the file MiniExcel made.
/// Run: dotnet run -c Release --project bench/GovCloud.Bench -- --filter '*ExcelExport*' --job short
/// </summary>
[MemoryDiagnoser]
public class ExcelExportBenchmarks
{
    public const int Rows = 100_000;
    private sealed record Vm(int No, string Host, string Ip, string Agency, string System, string Zone, int Vcpu, int Memory, int Disk, DateOnly Since);

    private static readonly ExcelColumn<Vm>[] Columns =
    [
        new("主机名", v => v.Host), new("IP 地址", v => v.Ip), new("使用单位", v => v.Agency), new("信息系统", v => v.System),
        new("网络分区", v => v.Zone), new("vCPU", v => v.Vcpu), new("内存（GB）", v => v.Memory), new("系统盘（GB）", v => 100),
        new("数据盘（GB）", v => v.Disk), new("操作系统", v => "麒麟 V10"), new("状态", v => "正式使用"), new("带宽（Mbps）", v => 20),
        new("公网 IP", v => v.No % 7 == 0 ? 1 : 0), new("堡垒机账号", v => $"张三：zhangsan{v.No}；李四：lisi{v.No}"), new("申请编号", v => $"SQ2026-{v.No % 9999:0000}"),
        new("交付时间", v => v.Since.ToString("yyyy-MM-dd")), new("开通日期", v => v.Since.ToString("yyyy-MM-dd")), new("月费用（元）", v => v.Vcpu * 30m + v.Memory * 15m),
        new("交付方式", v => "手工交付"), new("备注", v => v.No % 5 == 0 ? "=SUM(A1:A2) 看似公式" : ""),
    ];

    private List<Vm> _vms = [];
    private byte[] _miniExcel = [];

    [GlobalSetup]
    public void Setup()
    {
        _vms = Enumerable.Range(1, Rows).Select(no => new Vm(no, $"web-{no:x6}", $"10.{no / 65536 % 256}.{no / 256 % 256}.{no % 256}", $"单位{no % 1000}",
            $"信息系统{no % 30000}", no % 3 == 0 ? "互联网区" : "公共网络区", 2 + no % 16, 4 + no % 60, no % 9 * 100, new DateOnly(2025, 1, 1).AddDays(no % 700))).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, ExcelExport.Safe(ExcelExport.Sheet(_vms, Columns)).ToList());
        _miniExcel = stream.ToArray();
    }

    [Benchmark(Description = "ExcelExport.ToXlsxAsync (write + rewrite)")]
    public async Task<int> Export() => (await ExcelExport.ToXlsxAsync(_vms, Columns, "虚拟机", CancellationToken.None)).Length;

    [Benchmark(Description = "XlsxPackage.AsExcelWrites (rewrite only)")]
    public int Rewrite() => XlsxPackage.AsExcelWrites(_miniExcel).Length;
}
