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
    public static RequestFormReadResult Read(byte[] file, VmLimits limits, string? systemName = null, SpreadsheetLimits? sheetLimits = null)
    {
        var empty = new RequestFormContacts(null, null, null, null, null, null);
        // The form holds at most MaxRows VMs under a header within the first 15 rows, and a few lines of notes below.
        var bounds = (sheetLimits ?? SpreadsheetLimits.Default).WithRows(RequestFormWriter.MaxRows + 100);
        if (UploadedSpreadsheet.Problem(file, bounds) is { } problem) return new(empty, [], [new SheetError(0, "", "", problem)]);
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            return ReadDocument(document, limits, systemName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The package passed the checks above and still made the library fail: it is the file, not the server.
            return new(empty, [], [new SheetError(0, "", "", UploadedSpreadsheet.Damaged)]);
        }
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
        var formulasWithoutValue = new List<(int Row, int Column)>();
        foreach (var row in worksheet.Descendants<Row>())
        {
            var r = (int)(row.RowIndex?.Value ?? 0);
            foreach (var cell in row.Elements<Cell>())
            {
                var (col, rowNo) = Position(cell.CellReference?.Value, r);
                var text = CellText(cell, strings);
                if (cell.CellFormula is not null && cell.CellValue is null) formulasWithoutValue.Add((rowNo, col));
                if (FormText.Clean(text).Length == 0) continue;
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

        string Cell(int row, string field) => columnOf.TryGetValue(field, out var c) && cells[row].TryGetValue(c, out var v) ? v : "";
        var (dataRows, lastRow) = DataRows(cells, headerRow, columnOf, Cell, errors);
        foreach (var (row, col) in formulasWithoutValue.Where(f => f.Row > headerRow && f.Row <= lastRow))
            errors.Add(new SheetError(row, RequestFormLayout.Letter(col), "", "单元格是公式但没有计算结果，请复制后“选择性粘贴为数值”"));

        foreach (var merge in worksheet.Descendants<MergeCell>())
        {
            var parts = (merge.Reference?.Value ?? "").Split(':');
            var (col, row) = Position(parts[0], 0);
            var (_, mergeEnd) = Position(parts.Length > 1 ? parts[1] : parts[0], 0);
            // A note under the table is often one merged line; only merges among the VM rows break the rule.
            if (mergeEnd > headerRow && row <= lastRow)
                errors.Add(new SheetError(Math.Max(row, headerRow + 1), RequestFormLayout.Letter(col), "", $"数据行中有合并单元格（{merge.Reference}），每台虚拟机须单独一行，不得合并（附件3第3条）"));
        }

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

            foreach (var (col, text) in cells[r].Where(c => c.Value.Length > MaxCellLength))
                errors.Add(new SheetError(r, RequestFormLayout.Letter(col), "", $"单元格内容超过 {MaxCellLength} 个字"));

            var no = SerialNumber(Cell(r, "no"));
            if (no is null or < 1) Error("no", $"序号“{FormText.Clean(Cell(r, "no"))}”须为正整数");
            int? Number(string field, string label, bool optional, params string[] units)
            {
                var text = Cell(r, field);
                if (FormText.Clean(text).Length == 0 || optional && FormText.IsNothing(text)) return null;
                var n = FormText.Integer(text, units);
                if (n is null) Error(field, $"{label}“{FormText.Clean(text)}”须为整数");
                return n;
            }
            string? Optional(string field) => FormText.IsNothing(Cell(r, field)) ? null : Text(Cell(r, field));
            var serverType = ServerTypes.Parse(Cell(r, "serverType"));
            if (serverType is null && FormText.Clean(Cell(r, "serverType")).Length > 0)
                Error("serverType", $"服务器类型“{FormText.Clean(Cell(r, "serverType"))}”不正确，应为 APP、WEB、FTP、DAT、MID、TST、OTH 之一");
            var clustered = FormText.YesNo(Cell(r, "clustered"));
            if (clustered is null && FormText.Clean(Cell(r, "clustered")).Length > 0) Error("clustered", $"集群部署“{FormText.Clean(Cell(r, "clustered"))}”应为 是 或 否");
            var (owners, ownerProblem) = VmRules.PairOwners(Cell(r, "owners"), Cell(r, "ownerEmails"), Cell(r, "ownerMobiles"));
            if (ownerProblem is not null) Error("owners", ownerProblem);

            var vm = new VmRequest(no ?? -r, Text(Cell(r, "zone")), Text(Cell(r, "vendor")), Text(Cell(r, "systemName")), Optional("subsystemName"),
                serverType, owners, Number("vcpu", "vCPU", false, "核", "C", "CORE", "CORES"), Number("memoryGb", "内存", false, "GB", "G"),
                Number("systemDiskGb", "系统盘", false, "GB", "G"), Number("dataDiskGb", "数据盘", true, "GB", "G"), Text(Cell(r, "operatingSystem")),
                clustered, Optional("clusterGroup"), Optional("remarks"));
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
        static string Label(string text) => FormText.Fold(text).TrimEnd(':');
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
                int Column(string? value) => value is null ? 0 : ordered.FirstOrDefault(c => FormText.Fold(c.Value) == FormText.Fold(value)).Key;
                mobile = mobile is null ? null : FormText.Fold(mobile);
                email = email is null ? null : FormText.Fold(email);
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

    /// <summary>
    /// The rows that hold VMs, as people really fill the form: a row with nothing but a pre-printed 序号 (or cells that only
    /// look filled: spaces, invisible characters) is empty; the example row is skipped; a 合计 row, a note (注：…, 说明) or a
    /// signature line (填表人、审核人、单位（盖章）、日期…) ends the table. A VM row after that end cannot be told from a note
    /// and is reported rather than guessed. Also the last row of the table (before its end).
    /// </summary>
    private static (List<int> Rows, int LastRow) DataRows(SortedDictionary<int, Dictionary<int, string>> cells, int headerRow,
        Dictionary<string, int> columnOf, Func<int, string, string> cell, List<SheetError> errors)
    {
        var rows = new List<int>();
        var noColumn = columnOf.GetValueOrDefault("no");
        int? end = null;
        foreach (var r in cells.Keys.Where(r => r > headerRow))
        {
            var filled = cells[r].Where(c => FormText.Clean(c.Value).Length > 0).OrderBy(c => c.Key).ToList();
            if (filled.Count == 0 || filled.All(c => c.Key == noColumn) && SerialNumber(cell(r, "no")) is not null) continue;
            if (end is null)
            {
                if (FormText.Fold(cell(r, "no")) is var no && (no.StartsWith(RequestFormLayout.ExampleMarker) || no == "例")) continue;
                var first = FormText.Fold(filled[0].Value).Replace(" ", "");
                if (EndsTable(first) && (first.StartsWith("合计") || SerialNumber(cell(r, "no")) is null)) { end = r; continue; }
                rows.Add(r);
            }
            else if (SerialNumber(cell(r, "no")) is >= 1
                     && RequestFormLayout.Columns.Count(c => c.Required && FormText.Clean(cell(r, c.Field)).Length > 0) >= 4)
                errors.Add(new SheetError(r, "", "", $"该行位于第 {end} 行（合计、注释或签字行）之后，无法确定是否为虚拟机；请把虚拟机行移到该行之前"));
        }
        return (rows, end is { } e ? e - 1 : int.MaxValue);
    }

    /// <summary>The first words of the lines that end a form's table: totals, notes, signatures and dates.</summary>
    private static readonly string[] TableEnds =
    [
        "合计", "小计", "总计", "共计", "填表说明", "说明:", "说明：", "备注:", "注:", "注1", "注一", "注、",
        "填表人", "填报人", "制表人", "经办人", "审核人", "审批人", "负责人", "单位负责人", "联系人", "单位(盖章)", "单位盖章", "(盖章)", "盖章",
        "签字", "签名", "日期", "填表日期", "填报日期",
    ];

    private static bool EndsTable(string first) => first is "注" or "说明" or "备注" || TableEnds.Any(first.StartsWith);

    /// <summary>序号 as people write it: 1, 1.0, "1.", "1、", "(1)".</summary>
    private static int? SerialNumber(string text) => FormText.Integer(FormText.Fold(text).Trim('(', ')', '.', '、', ' '));

    private static string CellText(Cell cell, string[] strings)
    {
        var raw = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var i) && i >= 0 && i < strings.Length) raw = strings[i];
        if (cell.DataType?.Value == CellValues.Boolean) return raw == "1" ? "是" : "否";
        return SpreadsheetText.Restore(raw);
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
}
