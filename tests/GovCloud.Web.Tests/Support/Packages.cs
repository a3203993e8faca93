using System.IO.Compression;
using System.Text;

namespace GovCloud.Web.Tests.Support;

/// <summary>Hand-made .xlsx packages, whole or broken on purpose, as an attacker or a careless program would write them.</summary>
public static class Packages
{
    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""";

    public const string RootRels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    public const string Workbook =
        """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""";

    public const string WorkbookWithoutSheets =
        """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets/></workbook>""";

    public const string WorkbookRels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""";

    public static string Sheet(string rows) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>""";

    public static readonly string OneCell = Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>系统名称</t></is></c></row>""");

    /// <summary>A package of the given parts (name → XML), in that order.</summary>
    public static byte[] Zip(params (string Name, string Content)[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in parts)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        return stream.ToArray();
    }

    /// <summary>A well-formed workbook whose only sheet is <paramref name="sheet"/>.</summary>
    public static byte[] Workbook1(string sheet) =>
        Zip(("[Content_Types].xml", ContentTypes), ("_rels/.rels", RootRels), ("xl/workbook.xml", Workbook),
            ("xl/_rels/workbook.xml.rels", WorkbookRels), ("xl/worksheets/sheet1.xml", sheet));

    private static readonly Lazy<byte[]> BombBytes = new(() => MakeBomb(1L << 30));

    /// <summary>
    /// A workbook of about 1 MB whose sheet unpacks to 1 GiB: one cell of a thousand million letters. Every part is
    /// a real part of a real workbook; only the size is hostile.
    /// </summary>
    public static byte[] Bomb => BombBytes.Value;

    private static byte[] MakeBomb(long letters)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("[Content_Types].xml", ContentTypes), ("_rels/.rels", RootRels), ("xl/workbook.xml", Workbook), ("xl/_rels/workbook.xml.rels", WorkbookRels) })
            {
                using var small = zip.CreateEntry(name).Open();
                small.Write(Encoding.UTF8.GetBytes(content));
            }
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            sheet.Write(Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"""));
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'A');
            for (long written = 0; written < letters; written += block.Length) sheet.Write(block);
            sheet.Write(Encoding.UTF8.GetBytes("</t></is></c></row></sheetData></worksheet>"));
        }
        return stream.ToArray();
    }
}
