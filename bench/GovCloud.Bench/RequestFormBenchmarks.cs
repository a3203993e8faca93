using BenchmarkDotNet.Attributes;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Applications;
using MiniExcelLibs;

namespace GovCloud.Bench;

/// <summary>
/// Reading a 2,000-row Annex 3 form (the most the product accepts): the product's reader with every
/// rule checked, against MiniExcel reading the same file with no validation at all.
/// </summary>
[MemoryDiagnoser]
public class RequestFormBenchmarks
{
    public const int Rows = 2000;
    private byte[] _form = [];
    private readonly VmLimits _limits = new();

    [GlobalSetup]
    public void Setup()
    {
        var rows = Enumerable.Range(1, Rows).Select(no => new VmRequest(no, no % 3 == 0 ? "互联网区" : "公共网络区", "广西某软件有限公司", "智慧校园平台",
            $"子系统{no % 17}", (ServerType)(no % 7), [new BastionOwner("张三", "zhangsan@example.com", "13800000001"), new BastionOwner("李四", "lisi@example.com", "13800000002")],
            2 + no % 8, 4 + no % 28, 100, no % 5 * 100, "麒麟 V10", no % 4 == 0, no % 4 == 0 ? $"G{no / 8}" : null, no % 10 == 0 ? "对外服务" : null)).ToList();
        // Every cluster group needs two machines: pair the clustered rows up.
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].Clustered == true) rows[i] = rows[i] with { ClusterGroup = $"G{i / 8}" };
        _form = RequestFormWriter.Write(["公共网络区", "互联网区"], null, rows);
        var check = RequestFormReader.Read(_form, _limits);
        if (!check.Ok || check.Rows.Count != Rows) throw new InvalidOperationException("generated form does not read back: " + check.Errors.FirstOrDefault());
    }

    [Benchmark(Description = "RequestFormReader.Read (all rules)")]
    public int Product() => RequestFormReader.Read(_form, _limits).Rows.Count;

    [Benchmark(Baseline = true, Description = "MiniExcel.Query (no validation)")]
    public int MiniExcelOnly()
    {
        using var stream = new MemoryStream(_form, writable: false);
        return MiniExcel.Query(stream, useHeaderRow: false).Count();
    }
}
