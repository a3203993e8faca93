using System.Globalization;
using System.Text;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Inventory;

public sealed record ReconciliationReport(string FileName, int PlatformVms, Reconciliation Result);

/// <summary>
/// R-21.5: the Center checks GovCloud's inventory against the cloud platform's own export (CSV or
/// xlsx with name, IP, vCPU, memory, disks, zone): VMs on the platform that nobody registered, VMs
/// GovCloud holds that the platform no longer has, and specs that drifted. A file it cannot read is
/// refused with every problem by row and column (422). Reading changes nothing; each run is audited.
/// </summary>
public sealed class ReconciliationService(GovCloudDbContext db, AuditLog audit, Microsoft.Extensions.Options.IOptions<GovCloudOptions> options,
    Platform.GovCloudMetrics metrics)
{
    private const string Title = "平台清单有误，未比对";

    /// <summary>Header names the platforms' exports use for each column (compared without spaces, case or brackets).</summary>
    private static readonly (string Field, string[] Names, bool Required)[] Columns =
    [
        ("name", ["名称", "主机名", "虚拟机名称", "实例名称", "云主机名称", "name", "hostname"], true),
        ("ip", ["ip", "ip地址", "内网ip", "私有ip", "ipaddress"], false),
        ("vcpu", ["vcpu", "cpu", "cpu核数", "vcpu核", "cpu核"], true),
        ("memory", ["内存", "内存gb", "内存g", "memory", "memorygb"], true),
        ("disk", ["磁盘", "磁盘gb", "硬盘", "存储", "存储gb", "disk", "diskgb"], false),
        // Or the system disk and the data disks apart (as the inventory's own export has them): their sum is compared.
        ("systemDisk", ["系统盘", "系统盘gb", "systemdisk"], false),
        ("dataDisk", ["数据盘", "数据盘gb", "datadisk"], false),
        ("zone", ["网络分区", "分区", "可用区", "zone"], false),
    ];

    public async Task<ReconciliationReport> RunAsync(Actor actor, string fileName, byte[] file, CancellationToken ct)
    {
        if (!actor.IsInAny(Role.CenterOperator, Role.CenterEvaluator)) throw ProblemException.Forbidden("只有信息化建设管理中心可以导入云平台清单进行比对");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var platform = Read(fileName, file, options.Value.Imports.Limits);
        var known = (await db.CloudVms.AsNoTracking().Where(v => v.State != VmState.Reclaimed)
                .Select(v => new { v.Id, v.HostName, v.Ips, v.Vcpu, v.MemoryGb, Disk = v.SystemDiskGb + v.DataDiskGb, v.Zone, Agency = v.Organisation!.Name, System = v.System!.Name })
                .ToListAsync(ct))
            .Select(v => new KnownVm(v.Id, v.HostName, v.Ips.Split(", ", StringSplitOptions.RemoveEmptyEntries), v.Vcpu, v.MemoryGb, v.Disk, v.Zone, v.Agency, v.System)).ToList();
        var result = ReconciliationRules.Compare(platform, known);
        audit.Record(actor, AuditActions.InventoryReconciled, "Inventory", fileName, after: new
        {
            file = fileName, platform = platform.Count, result.Matched, unregistered = result.Unregistered.Count, missing = result.Missing.Count, drift = result.Drifts.Count,
        });
        await db.SaveChangesAsync(ct);
        metrics.Imported("reconciliation", platform.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return new ReconciliationReport(fileName, platform.Count, result);
    }

    private static List<PlatformVm> Read(string fileName, byte[] file, SpreadsheetLimits limits)
    {
        var csv = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var sheet = csv ? Csv(file, limits) : UploadedSpreadsheet.Rows(file, limits, Title);

        static string Text(object? v) => UploadedSpreadsheet.Text(v);
        static string Key(string header) => new(FormText.Fold(header).ToLowerInvariant().Where(c => !" ()（）[]【】_-".Contains(c)).ToArray());
        var headerIndex = sheet.Take(10).ToList().FindIndex(r => r.Values.Any(v => Columns[0].Names.Contains(Key(Text(v)))));
        if (headerIndex < 0) throw Refused(new SheetError(0, "", "", "前 10 行中找不到名称列（名称、主机名或虚拟机名称）"));
        var header = sheet[headerIndex];
        var letterOf = Columns.ToDictionary(c => c.Field, c => header.FirstOrDefault(kv => c.Names.Contains(Key(Text(kv.Value)))).Key);
        var errors = Columns.Where(c => c.Required && letterOf[c.Field] is null)
            .Select(c => new SheetError(headerIndex + 1, "", c.Names[0], $"缺少必填列“{c.Names[0]}”")).ToList();
        if (errors.Count > 0) throw Refused(errors.ToArray());

        var vms = new List<PlatformVm>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = headerIndex + 1; i < sheet.Count; i++)
        {
            var row = i + 1;
            string Cell(string field) => letterOf[field] is { } letter && sheet[i].TryGetValue(letter, out var v) ? Text(v) : "";
            void Error(string field, string message) => errors.Add(new SheetError(row, letterOf[field] ?? "", Text(header[letterOf[field]!]), message));
            if (Columns.All(c => Cell(c.Field).Length == 0)) continue;
            var name = Cell("name");
            if (name.Length == 0) Error("name", "名称不能为空");
            else if (!names.Add(name)) Error("name", $"“{name}”在清单中重复出现");
            var vcpu = FormText.Integer(Cell("vcpu"), "核", "C", "vCPU");
            if (vcpu is null or < 1) Error("vcpu", $"vCPU“{Cell("vcpu")}”应为正整数");
            var memory = FormText.Integer(Cell("memory"), "GB", "G");
            if (memory is null or < 1) Error("memory", $"内存“{Cell("memory")}”应为以 GB 计的正整数");
            int? Disk(string field)
            {
                if (letterOf[field] is null || FormText.IsNothing(Cell(field))) return null;
                // A VM with several disks is listed as "100+500" or "100/500": their sum is compared.
                var parts = Cell(field).Split(['+', '/', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries).Select(p => FormText.Integer(p, "GB", "G")).ToList();
                if (parts.Any(p => p is null or < 0)) { Error(field, $"磁盘“{Cell(field)}”应为以 GB 计的整数（多块盘用 + 分隔）"); return null; }
                return parts.Sum(p => p!.Value);
            }
            var disk = letterOf["disk"] is not null ? Disk("disk")
                : letterOf["systemDisk"] is not null || letterOf["dataDisk"] is not null ? (Disk("systemDisk") ?? 0) + (Disk("dataDisk") ?? 0) : null;
            var ips = letterOf["ip"] is null ? [] : DeliveryRules.ParseIps(FormText.Fold(Cell("ip")));
            if (ips is null) Error("ip", $"IP 地址“{Cell("ip")}”格式不正确");
            if (errors.Count == 0) vms.Add(new PlatformVm(row, name, ips!, vcpu!.Value, memory!.Value, disk, Texts.OrNull(Cell("zone"))));
        }
        if (errors.Count > 0) throw Refused(errors.ToArray());
        return vms;
    }

    /// <summary>
    /// The rows of a CSV export, as many as a sheet may have. The text is measured first, in one pass: a line of 40,000
    /// fields (or one quote left open to the end) costs the CSV reader time that grows with the square of its length.
    /// </summary>
    private static List<IDictionary<string, object?>> Csv(byte[] file, SpreadsheetLimits limits)
    {
        var utf8 = Utf8(file);
        if (CsvProblem(Encoding.UTF8.GetString(utf8), limits) is { } problem) throw Refused(problem);
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(new MemoryStream(utf8), useHeaderRow: false, excelType: ExcelType.CSV)
                .Cast<IDictionary<string, object?>>().Take(limits.MaxRows + 1).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Refused(new SheetError(0, "", "", "文件已损坏或不是 .xlsx / .csv 文件"));
        }
        if (rows.Count > limits.MaxRows) throw Refused(new SheetError(0, "", "", $"表格超过 {limits.MaxRows} 行，请分批导入"));
        if (rows.FirstOrDefault(r => r.Count > limits.MaxColumns) is { } wide)
            throw Refused(new SheetError(rows.IndexOf(wide) + 1, "", "", $"表格第 {rows.IndexOf(wide) + 1} 行超过 {limits.MaxColumns} 列，请删除多余的列后再导入"));
        return rows;
    }

    /// <summary>The first record over the limits (fields, length, rows, an unclosed quote), by line; null when there is none.</summary>
    private static SheetError? CsvProblem(string text, SpreadsheetLimits limits)
    {
        const int maxRecordLength = 64 * 1024;
        var (row, fields, length, quoted) = (1, 1, 0, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            length++;
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') fields++;
            else if (!quoted && c == '\n')
            {
                (row, fields, length) = (row + 1, 1, 0);
                if (row > limits.MaxRows + 1) return new SheetError(0, "", "", $"表格超过 {limits.MaxRows} 行，请分批导入");
                continue;
            }
            if (fields > limits.MaxColumns) return new SheetError(row, "", "", $"表格第 {row} 行超过 {limits.MaxColumns} 列，请删除多余的列后再导入");
            if (length > maxRecordLength) return new SheetError(row, "", "", $"表格第 {row} 行超过 64 KB，不像是虚拟机清单");
        }
        return quoted ? new SheetError(row, "", "", $"表格第 {row} 行的引号没有配对，文件已损坏或不是 CSV 文件") : null;
    }

    /// <summary>Platforms export CSV as UTF-8 (with or without BOM) or as GB18030/GBK; MiniExcel reads UTF-8.</summary>
    private static byte[] Utf8(byte[] file)
    {
        try
        {
            return Encoding.UTF8.GetBytes(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file).TrimStart('\uFEFF'));
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.UTF8.GetBytes(Encoding.GetEncoding("GB18030").GetString(file));
        }
    }

    private static ProblemException Refused(params SheetError[] errors) => ProblemException.SpreadsheetRefused(Title, errors);
}
