using System.IO.Compression;
using System.Xml;

namespace GovCloud.Web.Infrastructure;

/// <summary>
/// Rewrites a finished .xlsx the way Excel and WPS write theirs: the spreadsheet namespace as the default one
/// (<c>&lt;worksheet xmlns="…"&gt;</c>) instead of a prefix (<c>&lt;x:worksheet&gt;</c>). Both are valid, but common readers
/// (exceljs among them) only find unprefixed elements. Both writers we use (the Open XML SDK and MiniExcel) prefix,
/// and neither can be told not to, so every file we hand out passes through here. Streams part by part.
/// </summary>
public static class XlsxPackage
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main", Xmlns = "http://www.w3.org/2000/xmlns/";

    public static byte[] AsExcelWrites(byte[] xlsx)
    {
        using var input = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                // Fastest: a 100,000-row sheet is 100 MB of XML; the size gained by more effort is not worth seconds of a user's wait.
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                using var from = entry.Open();
                using var to = copy.Open();
                if (entry.FullName.StartsWith("xl/", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) Unprefix(from, to);
                else from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>Copies one XML part node by node, writing elements of the spreadsheet namespace without a prefix.</summary>
    private static void Unprefix(Stream from, Stream to)
    {
        using var reader = XmlReader.Create(from, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CheckCharacters = false });
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = false, CheckCharacters = false });
        writer.WriteStartDocument(true);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var empty = reader.IsEmptyElement;
                    writer.WriteStartElement(reader.NamespaceURI == Main ? "" : reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            // The spreadsheet prefix's declaration goes with the prefix; the writer declares the default namespace itself.
                            if (reader.Prefix == "xmlns" && reader.Value == Main) continue;
                            if (reader.Prefix == "xmlns") writer.WriteAttributeString("xmlns", reader.LocalName, Xmlns, reader.Value);
                            else if (reader.Name == "xmlns") writer.WriteAttributeString("xmlns", Xmlns, reader.Value);
                            else writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
                        } while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    if (empty) writer.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
            }
        }
    }
}
