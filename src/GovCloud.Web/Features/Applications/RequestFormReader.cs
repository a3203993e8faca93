using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovCloud.Domain.Applications;
using GovCloud.Web.Infrastructure;

namespace GovCloud.Web.Features.Applications;

public sealed record RequestFormReadResult(RequestFormContacts Contacts, IReadOnlyList<VmRequest> Rows, IReadOnlyList<SheetError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Reads 云资源使用需求表 back (R-A3.6) as people really fill it: the header row anywhere in the first
/// 15 rows, title and contacts above it, numbers as text with units, several owners per cell; and
/// reports every problem by row and column instead of stopping at the first.
/// </summary>
public static class RequestFormReader
{
    public const int MaxCellLength = 500;

    /// <summary>Reads the form; with <paramref name="systemName"/>, every row must be of that system.</summary>
    public static RequestFormReadResult Read(byte[] file, VmLimits limits, string? systemName = null)
    {
        var empty = new RequestFormContacts(null, null, null, null, null, null);
        if (FileProblem(file) is { } problem) return new(empty, [], [new SheetError(0, "", "", problem)]);
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            return ReadDocument(document, limits, systemName);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException)
        {
            return new(empty, [], [new SheetError(0, "", "", "文件已损坏或不是 Excel .xlsx 文件")]);
        }
    }

    /// <summary>What is wrong with an uploaded .xlsx as a whole, before reading any cell (also used by the other imports).</summary>
    public static string? FileProblem(byte[] file)
    {
        if (file.Length >= 4 && file[0] == 'P' && file[1] == 'K') return null;
        if (file.Length >= 8 && file[0] == 0xD0 && file[1] == 0xCF && file[2] == 0x11 && file[3] == 0xE0)
            // Both old .xls files and password-protected .xlsx files are OLE compound files; the latter carry an EncryptionInfo stream.
            return Contains(file, Encoding.Unicode.GetBytes("EncryptionInfo"))
                ? "文件设置了打开密码，请取消密码后再导入"
                : "这是旧版 Excel (.xls) 文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入";
        return "不是 Excel .xlsx 文件";
    }

    private static RequestFormReadResult ReadDocument(SpreadsheetDocument document, VmLimits limits, string? systemName)
    {
        var workbook = document.WorkbookPart!;
        var firstSheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var worksheet = ((WorksheetPart)workbook.GetPartById(firstSheet.Id!)).Worksheet;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var errors = new List<SheetError>();

        // Every cell as text, by row and column number.
        var cells = new SortedDictionary<int, Dictionary<int, string>>();
        foreach (var row in worksheet.Descendants<Row>())
        {
            var r = (int)(row.RowIndex?.Value ?? 0);
            foreach (var cell in row.Elements<Cell>())
            {
                var (col, rowNo) = Position(cell.CellReference?.Value, r);
                var text = CellText(cell, strings);
                if (cell.CellFormula is not null && cell.CellValue is null)
                    errors.Add(new SheetError(rowNo, RequestFormLayout.Letter(col), "", "单元格是公式但没有计算结果，请复制后“选择性粘贴为数值”"));
                if (text.Length == 0) continue;
                if (!cells.TryGetValue(rowNo, out var line)) cells[rowNo] = line = [];
                line[col] = text;
            }
        }

        var headerRow = cells.Keys.Where(r => r <= 15).FirstOrDefault(r =>
            cells[r].Values.Select(RequestFormLayout.Normalise).Count(h => RequestFormLayout.Columns.Any(c => RequestFormLayout.Normalise(c.Header) == h)) >= 5);
        if (headerRow == 0)
            return new(Contacts(cells, 0), [], [new SheetError(0, "", "", "前 15 行中找不到表头（序号、网络分区、系统名称……），请使用系统提供的模板")]);

        var columnOf = new Dictionary<string, int>();
        foreach (var (col, text) in cells[headerRow])
        {
            var match = RequestFormLayout.Columns.FirstOrDefault(c => RequestFormLayout.Normalise(c.Header) == RequestFormLayout.Normalise(text));
            if (match is not null) columnOf.TryAdd(match.Field, col);
        }
        foreach (var missing in RequestFormLayout.Columns.Where(c => c.Required && !columnOf.ContainsKey(c.Field)))
            errors.Add(new SheetError(headerRow, "", missing.Header, $"缺少必填列“{missing.Header}”"));
        if (errors.Count > 0) return new(Contacts(cells, headerRow), [], errors);

        foreach (var merge in worksheet.Descendants<MergeCell>())
        {
            var parts = (merge.Reference?.Value ?? "").Split(':');
            var (col, row) = Position(parts[0], 0);
            var (_, lastRow) = Position(parts.Length > 1 ? parts[1] : parts[0], 0);
            if (lastRow > headerRow)
                errors.Add(new SheetError(Math.Max(row, headerRow + 1), RequestFormLayout.Letter(col), "", $"数据行中有合并单元格（{merge.Reference}），每台虚拟机须单独一行，不得合并（附件3第3条）"));
        }

        var dataRows = cells.Keys.Where(r => r > headerRow).ToList();
        string Cell(int row, string field) => columnOf.TryGetValue(field, out var c) && cells[row].TryGetValue(c, out var v) ? v : "";
        if (dataRows.Count > RequestFormWriter.MaxRows)
            errors.Add(new SheetError(dataRows[RequestFormWriter.MaxRows], "", "", $"最多 {RequestFormWriter.MaxRows} 行虚拟机"));

        var rows = new List<VmRequest>();
        var excelRowOf = new Dictionary<int, int>();
        foreach (var r in dataRows.Take(RequestFormWriter.MaxRows))
        {
            void Error(string field, string message)
            {
                var column = RequestFormLayout.Columns.First(c => c.Field == field);
                errors.Add(new SheetError(r, columnOf.TryGetValue(field, out var c) ? RequestFormLayout.Letter(c) : "", column.Header, message));
            }

            if (FormText.Clean(Cell(r, "no")) == RequestFormLayout.ExampleMarker) continue;
            foreach (var (col, text) in cells[r].Where(c => c.Value.Length > MaxCellLength))
                errors.Add(new SheetError(r, RequestFormLayout.Letter(col), "", $"单元格内容超过 {MaxCellLength} 个字"));

            var no = FormText.Integer(Cell(r, "no"));
            if (no is null or < 1) Error("no", $"序号“{Cell(r, "no")}”须为正整数");
            int? Number(string field, string label, params string[] units)
            {
                var text = Cell(r, field);
                if (FormText.Clean(text).Length == 0) return null;
                var n = FormText.Integer(text, units);
                if (n is null) Error(field, $"{label}“{text}”须为整数");
                return n;
            }
            var serverType = ServerTypes.Parse(Cell(r, "serverType"));
            if (serverType is null && FormText.Clean(Cell(r, "serverType")).Length > 0)
                Error("serverType", $"服务器类型“{Cell(r, "serverType")}”不正确，应为 APP、WEB、FTP、DAT、MID、TST、OTH 之一");
            var clustered = FormText.YesNo(Cell(r, "clustered"));
            if (clustered is null && FormText.Clean(Cell(r, "clustered")).Length > 0) Error("clustered", $"集群部署“{Cell(r, "clustered")}”应为 是 或 否");
            var (owners, ownerProblem) = VmRules.PairOwners(Cell(r, "owners"), Cell(r, "ownerEmails"), Cell(r, "ownerMobiles"));
            if (ownerProblem is not null) Error("owners", ownerProblem);

            var vm = new VmRequest(no ?? -r, Text(Cell(r, "zone")), Text(Cell(r, "vendor")), Text(Cell(r, "systemName")), Text(Cell(r, "subsystemName")),
                serverType, owners, Number("vcpu", "vCPU", "核", "C", "CORE", "CORES"), Number("memoryGb", "内存", "GB", "G"),
                Number("systemDiskGb", "系统盘", "GB", "G"), Number("dataDiskGb", "数据盘", "GB", "G"), Text(Cell(r, "operatingSystem")),
                clustered, Text(Cell(r, "clusterGroup")), Text(Cell(r, "remarks")));
            excelRowOf.TryAdd(vm.No, r);
            rows.Add(vm);
        }

        var alreadyReported = errors.Select(e => (e.Row, e.Header)).ToHashSet();
        foreach (var p in VmRules.Validate(rows, limits, systemName))
        {
            var column = RequestFormLayout.Columns.FirstOrDefault(c => c.Field == p.Field);
            var row = excelRowOf.GetValueOrDefault(p.Row, headerRow + 1);
            if (column is not null && alreadyReported.Contains((row, column.Header))) continue; // e.g. "须为整数" already says why it is missing
            errors.Add(new SheetError(row, column is not null && columnOf.TryGetValue(column.Field, out var c) ? RequestFormLayout.Letter(c) : "",
                column?.Header ?? "", p.Message));
        }
        var contacts = Contacts(cells, headerRow, errors);
        return new(contacts, errors.Count == 0 ? rows : [], errors.OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column).ToList());
    }

    private static readonly string[] ContactLabels = ["使用单位联系人", "系统开发商联系人", "手机", "邮箱"];

    /// <summary>
    /// The contact block above the header: each label's value is the next filled cell to its right
    /// before the next label (an empty cell is no value, not the label after it). Malformed mobiles
    /// and e-mails are problems of their cell.
    /// </summary>
    private static RequestFormContacts Contacts(SortedDictionary<int, Dictionary<int, string>> cells, int headerRow, List<SheetError>? errors = null)
    {
        static string Label(string text) => FormText.Clean(text).TrimEnd(':', '：');
        (string?, string?, string?) Find(string label)
        {
            foreach (var (r, line) in cells.Where(c => headerRow == 0 || c.Key < headerRow))
            {
                var at = line.FirstOrDefault(c => Label(c.Value) == label);
                if (at.Value is null) continue;
                var ordered = line.Where(c => c.Key > at.Key).OrderBy(c => c.Key).ToList();
                string? ValueAfter(string? after)
                {
                    var from = after is null ? 0 : ordered.FindIndex(c => Label(c.Value) == after);
                    if (from < 0) return null;
                    var next = ordered.Skip(after is null ? 0 : from + 1).FirstOrDefault();
                    return next.Value is null || ContactLabels.Contains(Label(next.Value)) ? null : FormText.Clean(next.Value);
                }
                var (name, mobile, email) = (ValueAfter(null), ValueAfter("手机"), ValueAfter("邮箱"));
                int Column(string? value) => value is null ? 0 : ordered.First(c => FormText.Clean(c.Value) == value).Key;
                if (mobile is not null && !GovCloud.Domain.Organisations.ContactRules.IsMobile(mobile))
                    errors?.Add(new SheetError(r, RequestFormLayout.Letter(Column(mobile)), $"{label}手机", $"{label}手机号码“{mobile}”须为 11 位数字"));
                if (email is not null && !GovCloud.Domain.Organisations.ContactRules.IsEmail(email))
                    errors?.Add(new SheetError(r, RequestFormLayout.Letter(Column(email)), $"{label}邮箱", $"{label}邮箱“{email}”格式不正确"));
                return (name, mobile, email);
            }
            return (null, null, null);
        }
        var (an, am, ae) = Find("使用单位联系人");
        var (vn, vm, ve) = Find("系统开发商联系人");
        return new RequestFormContacts(an, am, ae, vn, vm, ve);
    }

    private static string? Text(string value) => FormText.Clean(value) is { Length: > 0 } t ? t : null;

    private static string CellText(Cell cell, string[] strings)
    {
        var raw = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var i) && i < strings.Length) return strings[i];
        if (cell.DataType?.Value == CellValues.Boolean) return raw == "1" ? "是" : "否";
        return raw;
    }

    /// <summary>Column and row numbers of a reference like "K12"; the row falls back to the row element's.</summary>
    private static (int Column, int Row) Position(string? reference, int fallbackRow)
    {
        var column = 0;
        var i = 0;
        for (; reference is not null && i < reference.Length && char.IsAsciiLetter(reference[i]); i++) column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        var row = reference is not null && int.TryParse(reference[i..], out var n) ? n : fallbackRow;
        return (column, row);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return true;
        return false;
    }
}
