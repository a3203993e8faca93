using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovCloud.Domain.Applications;
using GovCloud.Web.Infrastructure;

namespace GovCloud.Web.Features.Applications;

/// <summary>The contact block above the rows: the applying agency's contact and the system vendor's.</summary>
public sealed record RequestFormContacts(string? AgencyName, string? AgencyMobile, string? AgencyEmail, string? VendorName, string? VendorMobile, string? VendorEmail);

/// <summary>
/// Writes 云资源使用需求表 as agencies know it (R-A3.6): title, contact block, header row with the
/// required columns in red, drop-down lists for zone, server type and 是/否, a marked example row and
/// an instructions sheet. Filled with rows it is also the export of an application.
/// </summary>
public static class RequestFormWriter
{
    public const int HeaderRow = 4;
    public const int MaxRows = 2000;

    // Style indexes in the stylesheet below.
    private const uint Plain = 0, Bold = 1, RequiredHeader = 2, OptionalHeader = 3, TitleStyle = 4, Example = 5;

    public static byte[] Write(IReadOnlyCollection<string> zones, RequestFormContacts? contacts, IReadOnlyList<VmRequest>? rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddStyles(workbook);
            var strings = new SharedStrings();
            AddFormSheet(workbook, strings, zones, contacts, rows);
            AddInstructions(workbook, strings, zones);
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table;
        }
        return XlsxPackage.AsExcelWrites(stream.ToArray());
    }

    private static void AddFormSheet(WorkbookPart workbook, SharedStrings strings, IReadOnlyCollection<string> zones, RequestFormContacts? c, IReadOnlyList<VmRequest>? rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(strings.Row(1, (1, RequestFormLayout.Title, TitleStyle)));
        data.Append(strings.Row(2, (1, "使用单位联系人", Bold), (2, c?.AgencyName, Plain), (3, "手机", Bold), (4, c?.AgencyMobile, Plain), (5, "邮箱", Bold), (6, c?.AgencyEmail, Plain)));
        data.Append(strings.Row(3, (1, "系统开发商联系人", Bold), (2, c?.VendorName, Plain), (3, "手机", Bold), (4, c?.VendorMobile, Plain), (5, "邮箱", Bold), (6, c?.VendorEmail, Plain)));
        data.Append(strings.Row(HeaderRow, RequestFormLayout.Columns.Select((col, i) => (i + 1, (string?)col.Header, col.Required ? RequiredHeader : OptionalHeader)).ToArray()));
        var next = HeaderRow + 1;
        if (rows is null or { Count: 0 })
        {
            var zone = zones.FirstOrDefault() ?? "";
            string?[] example = [RequestFormLayout.ExampleMarker, zone, "广西某软件有限公司", "智慧校园平台", "门户", "WEB", "张三、李四",
                "zhangsan@example.com、lisi@example.com", "13800000001、13800000002", "4", "8", "100", "500", "麒麟 V10", "是", "G1", "示例行导入时跳过"];
            data.Append(strings.Row((uint)next, example.Select((v, i) => (i + 1, v, Example)).ToArray()));
        }
        else
        {
            foreach (var r in rows)
                data.Append(strings.Row((uint)next++, Values(r).Select((v, i) => (i + 1, v, Plain)).ToArray()));
        }

        var columns = new Columns(RequestFormLayout.Columns.Select((col, i) =>
            new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Max(10, col.Header.Length * 2.2 + 2), CustomWidth = true }));
        var worksheet = new Worksheet(columns, data);
        var first = HeaderRow + 1;
        var last = HeaderRow + MaxRows;
        worksheet.Append(new DataValidations(
            ListValidation($"B{first}:B{last}", zones, "网络分区", "请从下拉列表选择网络分区"),
            ListValidation($"F{first}:F{last}", Enum.GetNames<ServerType>(), "服务器类型", "APP、WEB、FTP、DAT、MID、TST、OTH 之一"),
            ListValidation($"O{first}:O{last}", ["是", "否"], "集群部署", "请填写 是 或 否")));
        part.Worksheet = worksheet;
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "需求表" });
    }

    private static void AddInstructions(WorkbookPart workbook, SharedStrings strings, IReadOnlyCollection<string> zones)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        string[] lines =
        [
            "填写说明",
            "1. 一个信息系统填一张表；同一单位申请多个系统的，每个系统各填一张（附件3 第1条）。",
            "2. 红色表头为必填项（附件3 第2条）。",
            "3. 每台虚拟机一行，不得合并单元格（附件3 第3条）。",
            "4. 堡垒机账号负责人可有多人，用顿号分隔；邮箱、手机号码按同样顺序一一对应（附件3 第4条）。",
            "5. 服务器类型：APP 应用服务器、WEB 政府网站、FTP 文件服务器、DAT 数据库、MID 中间件、TST 测试、OTH 其他（附件3 第5条）。",
            $"6. 网络分区：{string.Join("、", zones)}。",
            "7. 集群部署填“是”的，须填集群组号，同一组至少 2 台。",
            "8. 序号为“示例”的行是填写示例，导入时跳过，可删除。",
        ];
        for (var i = 0; i < lines.Length; i++) data.Append(strings.Row((uint)i + 1, (1, lines[i], i == 0 ? TitleStyle : Plain)));
        part.Worksheet = new Worksheet(new Columns(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = 1, Max = 1, Width = 120, CustomWidth = true }), data);
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 2, Name = "填写说明" });
    }

    private static IEnumerable<string?> Values(VmRequest r) =>
    [
        r.No.ToString(), r.Zone, r.Vendor, r.SystemName, r.SubsystemName, r.ServerType?.ToString(),
        string.Join("、", r.Owners.Select(o => o.Name)), string.Join("、", r.Owners.Select(o => o.Email)), string.Join("、", r.Owners.Select(o => o.Mobile)),
        r.Vcpu?.ToString(), r.MemoryGb?.ToString(), r.SystemDiskGb?.ToString(), r.DataDiskGb?.ToString(), r.OperatingSystem,
        r.Clustered is null ? null : r.Clustered.Value ? "是" : "否", r.ClusterGroup, r.Remarks,
    ];

    /// <summary>The workbook's text, each distinct string once, as Excel keeps it; cells refer to it by index.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        public SharedStringTable Table { get; } = new();

        public Row Row(uint index, params (int Column, string? Value, uint Style)[] cells)
        {
            var row = new Row { RowIndex = index };
            foreach (var (column, value, style) in cells)
                row.Append(new Cell
                {
                    CellReference = RequestFormLayout.Letter(column) + index,
                    DataType = CellValues.SharedString,
                    StyleIndex = style,
                    CellValue = new CellValue(IndexOf(SpreadsheetText.Neutralise(value ?? ""))),
                });
            return row;
        }

        private int IndexOf(string text)
        {
            if (_index.TryGetValue(text, out var i)) return i;
            Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            return _index[text] = _index.Count;
        }
    }

    private static DataValidation ListValidation(string range, IEnumerable<string> values, string title, string error) => new()
    {
        Type = DataValidationValues.List,
        AllowBlank = true,
        ShowErrorMessage = true,
        ErrorTitle = title,
        Error = error,
        SequenceOfReferences = new ListValue<StringValue>([new StringValue(range)]),
        Formula1 = new Formula1("\"" + string.Join(",", values) + "\""),
    };

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
                // Child order is fixed by the schema (b, i, sz, color, name); Excel "repairs" files that break it.
                new Font(new Bold(), new FontSize { Val = 11 }, new Color { Rgb = "FFFF0000" }, new FontName { Val = "宋体" }),
                new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "宋体" }),
                new Font(new Italic(), new FontSize { Val = 11 }, new Color { Rgb = "FF808080" }, new FontName { Val = "宋体" })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat { FontId = 0 },
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { FontId = 2, ApplyFont = true },
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { FontId = 3, ApplyFont = true },
                new CellFormat { FontId = 4, ApplyFont = true }));
    }
}
