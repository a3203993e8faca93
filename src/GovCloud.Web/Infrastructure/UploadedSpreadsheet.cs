using System.IO.Compression;
using System.Text;
using System.Xml;

namespace GovCloud.Web.Infrastructure;

/// <summary>How far an uploaded spreadsheet may go before it is refused (see <see cref="ImportOptions"/>).</summary>
public sealed record SpreadsheetLimits(long MaxUnpackedBytes, int MaxRows, int MaxColumns, int MaxParts)
{
    public static readonly SpreadsheetLimits Default = new ImportOptions().Limits;

    /// <summary>The same limits with fewer rows, for a form that can only hold so many.</summary>
    public SpreadsheetLimits WithRows(int rows) => this with { MaxRows = Math.Min(MaxRows, rows) };
}

/// <summary>
/// Every .xlsx a user uploads passes here before a library parses it. An .xlsx is a zip of XML
/// parts; the libraries trust what the package says of itself and would unpack a 1 MB file into
/// gigabytes of memory. Here every part is unpacked once into nothing, counting the bytes it really
/// gives (not the sizes the zip declares), each XML part is read with DTDs forbidden, and the rows
/// and cells of every sheet are counted; then the package must have a workbook with at least one
/// sheet. Whatever is wrong comes back as one Chinese sentence for a 422, and nothing is kept.
/// </summary>
public static class UploadedSpreadsheet
{
    public const string Damaged = "文件已损坏或不是 Excel .xlsx 文件";
    public const string NoSheet = Damaged + "：工作簿中没有工作表";

    private const string RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocument = "/officeDocument";

    /// <summary>Why the file cannot be read as a spreadsheet, in Chinese; null when it may be read within <paramref name="limits"/>.</summary>
    public static string? Problem(byte[] file, SpreadsheetLimits limits)
    {
        if (KindProblem(file) is { } kind) return kind;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxParts) return $"文件包含的部件超过 {limits.MaxParts} 个，不像是一张普通的表格，请另存为新的 .xlsx 后再导入";
            var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
                if (!parts.TryAdd(entry.FullName.TrimStart('/'), entry)) return Damaged;

            var budget = new Budget(limits.MaxUnpackedBytes);
            foreach (var entry in zip.Entries)
                if (Measure(entry, budget, limits) is { } problem) return problem;

            return Structure(parts);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException or ArgumentException or FormatException)
        {
            return Damaged;
        }
    }

    /// <summary>
    /// The first sheet's rows (column letter → value) of a workbook that passed <see cref="Problem"/>, or a 422
    /// titled <paramref name="title"/> that says what is wrong with the file.
    /// </summary>
    public static List<IDictionary<string, object?>> Rows(byte[] file, SpreadsheetLimits limits, string title)
    {
        if (Problem(file, limits) is { } problem) throw ProblemException.SpreadsheetRefused(title, new[] { new SheetError(0, "", "", problem) });
        try
        {
            return MiniExcelLibs.MiniExcel.Query(new MemoryStream(file, writable: false), useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ProblemException.SpreadsheetRefused(title, new[] { new SheetError(0, "", "", Damaged) });
        }
    }

    /// <summary>A cell's value as the text the user sees: an export's apostrophe taken off, invisible characters gone, trimmed.</summary>
    public static string Text(object? value) =>
        GovCloud.Domain.Applications.FormText.Clean(SpreadsheetText.Restore(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));

    /// <summary>What the first bytes say the file is, before it is opened (also for the imports that take CSV as well).</summary>
    public static string? KindProblem(byte[] file)
    {
        if (file.Length >= 4 && file[0] == 'P' && file[1] == 'K') return null;
        if (file.Length >= 8 && file[0] == 0xD0 && file[1] == 0xCF && file[2] == 0x11 && file[3] == 0xE0)
            // Both old .xls files and password-protected .xlsx files are OLE compound files; the latter carry an EncryptionInfo stream.
            return file.AsSpan().IndexOf(Encoding.Unicode.GetBytes("EncryptionInfo")) >= 0
                ? "文件设置了打开密码，请取消密码后再导入"
                : "这是旧版 Excel (.xls) 文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入";
        return "不是 Excel .xlsx 文件";
    }

    /// <summary>Unpacks one part into nothing within the budget; an XML part is read through, its sheet rows and cells counted.</summary>
    private static string? Measure(ZipArchiveEntry entry, Budget budget, SpreadsheetLimits limits)
    {
        using var counted = new CountingStream(entry.Open(), budget);
        try
        {
            if (!IsXml(entry.FullName))
            {
                counted.CopyTo(Stream.Null);
                return null;
            }
            using var xml = XmlReader.Create(counted, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true,
            });
            var rows = 0;
            var cells = 0;
            var sheet = false;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element) continue;
                if (xml.Depth == 0) sheet = xml.LocalName == "worksheet";
                if (!sheet) continue;
                if (xml.LocalName == "row")
                {
                    if (++rows > limits.MaxRows) return $"表格超过 {limits.MaxRows} 行，请分批导入";
                    // Excel numbers rows from 1; the libraries fail on anything else.
                    if (xml.GetAttribute("r") is { } r && !(uint.TryParse(r, out var n) && n >= 1)) return Damaged;
                    cells = 0;
                }
                else if (xml.LocalName == "c" && ++cells > limits.MaxColumns)
                    return $"表格第 {rows} 行超过 {limits.MaxColumns} 列，请删除多余的列后再导入";
            }
            return null;
        }
        catch (UnpackedTooLarge)
        {
            return $"文件解压后超过 {limits.MaxUnpackedBytes / 1024 / 1024} MB（可能是“压缩炸弹”或含有大量无关内容），请只保留需要导入的工作表后再导入";
        }
    }

    /// <summary>The package's own map: the workbook the root relationships point to, and its first sheet.</summary>
    private static string? Structure(Dictionary<string, ZipArchiveEntry> parts)
    {
        if (!parts.ContainsKey("[Content_Types].xml") || !parts.TryGetValue("_rels/.rels", out var rootRels)) return Damaged;
        var workbookPath = Relationships(rootRels, "").FirstOrDefault(r => r.Type.EndsWith(OfficeDocument, StringComparison.Ordinal)).Target;
        if (workbookPath is null || !parts.TryGetValue(workbookPath, out var workbook)) return Damaged;

        var sheetIds = new List<string>();
        using (var xml = XmlReader.Create(workbook.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            while (xml.Read())
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                    sheetIds.Add(xml.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships") ?? "");
        if (sheetIds.Count == 0) return NoSheet;

        var folder = workbookPath.Contains('/') ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
        var relsPath = folder + "_rels/" + workbookPath[folder.Length..] + ".rels";
        if (!parts.TryGetValue(relsPath, out var workbookRels)) return Damaged;
        var first = Relationships(workbookRels, folder).FirstOrDefault(r => r.Id == sheetIds[0]).Target;
        return first is not null && parts.ContainsKey(first) ? null : Damaged;
    }

    /// <summary>The relationships of a .rels part, targets made relative to the package root.</summary>
    private static List<(string Id, string Type, string Target)> Relationships(ZipArchiveEntry rels, string folder)
    {
        var found = new List<(string, string, string)>();
        using var xml = XmlReader.Create(rels.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship" || xml.NamespaceURI != RelationshipsNs) continue;
            if (xml.GetAttribute("TargetMode") == "External") continue;
            var target = xml.GetAttribute("Target") ?? "";
            found.Add((xml.GetAttribute("Id") ?? "", xml.GetAttribute("Type") ?? "", Resolve(folder, target)));
        }
        return found;
    }

    private static string Resolve(string folder, string target)
    {
        var path = target.StartsWith('/') ? target.TrimStart('/') : folder + target;
        var segments = new List<string>();
        foreach (var s in Uri.UnescapeDataString(path).Split('/'))
        {
            if (s == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else if (s is not ("." or "")) segments.Add(s);
        }
        return string.Join('/', segments);
    }

    private static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private sealed class Budget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }

    private sealed class UnpackedTooLarge : Exception;

    /// <summary>A read-only view of a part that throws as soon as the package as a whole has given more than its budget.</summary>
    private sealed class CountingStream(Stream inner, Budget budget) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            budget.Left -= n;
            if (budget.Left < 0) throw new UnpackedTooLarge();
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
