using System.IO.Compression;

namespace GovCloud.Web.Infrastructure;

/// <summary>
/// Rewrites a finished .xlsx the way Excel and WPS write theirs: the spreadsheet namespace as the default one
/// (<c>&lt;worksheet xmlns="…"&gt;</c>) instead of a prefix (<c>&lt;x:worksheet&gt;</c>). Both are valid, but common readers
/// (exceljs among them) only find unprefixed elements. Both writers we use (the Open XML SDK and MiniExcel) prefix,
/// and neither can be told not to, so every file we hand out passes through here. Streams part by part; text and
/// attribute values pass through unchanged.
/// </summary>
public static class XlsxPackage
{
    public static byte[] AsExcelWrites(byte[] xlsx) => AsExcelWrites(xlsx.AsMemory());

    public static byte[] AsExcelWrites(ReadOnlyMemory<byte> xlsx)
    {
        using var input = new ZipArchive(AsStream(xlsx), ZipArchiveMode.Read);
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

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>
    /// Copies one XML part, dropping the spreadsheet prefix from tag names and declaring its namespace as the default.
    /// Byte by byte rather than through an XML reader and writer: a 100,000-row sheet is 100 MB of XML, and the writers'
    /// output is regular — "&lt;" in text and quotes in values are always escaped, so "&lt;x:", "&lt;/x:" and ' xmlns:x="' can
    /// only be markup. Attribute values are copied untouched.
    /// </summary>
    private static void Unprefix(Stream from, Stream to)
    {
        var reader = new Lookahead(new BufferedStream(from, 1 << 16));
        var output = new BufferedStream(to, 1 << 16);
        var inTag = false;
        int b;
        while ((b = reader.Next()) != -1)
        {
            if (!inTag)
            {
                output.WriteByte((byte)b);
                if (b != '<') continue;
                inTag = true;
                var c = reader.Next();
                if (c == '/') { output.WriteByte((byte)c); c = reader.Next(); }
                if (c == 'x' && reader.Peek() == ':') reader.Next(); // "<x:row" → "<row"
                else reader.PushBack(c);
                continue;
            }
            if (b == '>') inTag = false;
            else if (b is '"' or '\'')
            {
                output.WriteByte((byte)b);
                int v;
                while ((v = reader.Next()) != -1 && v != b) output.WriteByte((byte)v);
                if (v == -1) break;
            }
            else if (b == ' ' && reader.Matches(PrefixDeclaration))
            {
                // ' xmlns:x="…main"' → ' xmlns="…main"', its value copied to the closing quote.
                output.Write(DefaultDeclaration);
                int v;
                while ((v = reader.Next()) != -1 && v != '"') output.WriteByte((byte)v);
                if (v == -1) break;
                output.WriteByte((byte)v);
                continue;
            }
            output.WriteByte((byte)b);
        }
        output.Flush();
    }

    // Both writers declare the prefix once, on the root, for the spreadsheet namespace only.
    private static readonly byte[] PrefixDeclaration = "xmlns:x=\""u8.ToArray(), DefaultDeclaration = " xmlns=\""u8.ToArray();

    /// <summary>
    /// A byte stream that can look a few bytes ahead and take them back. The taken-back bytes live in one small array:
    /// this runs for every byte of a 100 MB sheet, and a list per look-ahead was 600 MB of garbage per 100,000 rows.
    /// </summary>
    private sealed class Lookahead(Stream stream)
    {
        private readonly int[] back = new int[16];
        private int count;

        public int Next() => count > 0 ? back[--count] : stream.ReadByte();

        public int Peek()
        {
            var b = Next();
            PushBack(b);
            return b;
        }

        public void PushBack(int b)
        {
            if (b != -1) back[count++] = b;
        }

        /// <summary>Consumes <paramref name="text"/> (at most 15 bytes) if it comes next; otherwise leaves the stream as it was.</summary>
        public bool Matches(ReadOnlySpan<byte> text)
        {
            Span<int> read = stackalloc int[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                read[i] = Next();
                if (read[i] == text[i]) continue;
                for (var j = i; j >= 0; j--) PushBack(read[j]);
                return false;
            }
            return true;
        }
    }
}
