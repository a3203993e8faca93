using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace GovCloud.Web.Infrastructure.Documents;

/// <summary>
/// The Chinese font embedded in every PDF: the first of the configured files found (GovCloud:Documents:FontFiles), a
/// TrueType .ttf or one face of a .ttc collection. PDFsharp reads TrueType outlines only and no collections, so the first face
/// of a collection is copied out as a font of its own. PDFsharp keeps one resolver for the process: it is set once.
/// </summary>
public static class CjkFont
{
    public const string Family = "GovCloudCJK";
    private static readonly Lock Gate = new();
    private static string[] _candidates = [];
    private static Lazy<byte[]?> _face = new(Load);

    /// <summary>Where to look, in order (called at start-up with the configuration; relative paths are from the program's folder).</summary>
    public static void Configure(IEnumerable<string> files)
    {
        lock (Gate)
        {
            _candidates = files.Select(f => Path.IsPathRooted(f) ? f : Path.Combine(AppContext.BaseDirectory, f)).ToArray();
            if (!_face.IsValueCreated || _face.Value is null) _face = new Lazy<byte[]?>(Load);
        }
    }

    /// <summary>True when a Chinese font was found and PDFs can be printed.</summary>
    public static bool Available => _face.Value is not null;

    /// <summary>The face embedded (a collection's first face copied out), for the charts drawn into PDFs; null when none was found.</summary>
    internal static byte[]? Face => _face.Value;

    /// <summary>The file the font was taken from, for the operators' health page and error messages.</summary>
    public static string? Source { get; private set; }

    public static void EnsureResolver()
    {
        if (_face.Value is null)
            throw new ProblemException(503, "无法生成 PDF",
                "服务器上没有可嵌入的中文字体，PDF 暂时无法生成，可先下载 Word 版或 Excel 版。请运维人员安装 fonts-arphic-uming 或在配置 GovCloud:Documents:FontFiles 中指定 TrueType 中文字体文件。");
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not Resolver) GlobalFontSettings.FontResolver = new Resolver();
        }
    }

    private static byte[]? Load()
    {
        foreach (var file in _candidates)
        {
            if (!File.Exists(file)) continue;
            try
            {
                var face = FirstFace(File.ReadAllBytes(file));
                if (!HasTrueTypeOutlines(face)) continue;
                Source = file;
                return face;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // An unreadable or damaged file: try the next one.
            }
        }
        return null;
    }

    /// <summary>A .ttc holds several fonts sharing tables: the first is copied out with its tables' offsets made its own.</summary>
    internal static byte[] FirstFace(byte[] file)
    {
        if (file.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(file) != 0x74746366 /* ttcf */) return file;
        var start = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        int tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(start + 4));
        var header = 12 + 16 * tables;
        var records = Enumerable.Range(0, tables).Select(i => start + 12 + 16 * i)
            .Select(r => (Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 8)), Length: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 12))))
            .ToList();
        var output = new byte[header + records.Sum(t => (t.Length + 3) & ~3)];
        file.AsSpan(start, header).CopyTo(output);
        var at = header;
        for (var i = 0; i < records.Count; i++)
        {
            file.AsSpan(records[i].Offset, records[i].Length).CopyTo(output.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(12 + 16 * i + 8), (uint)at);
            at += (records[i].Length + 3) & ~3;
        }
        return output;
    }

    // TrueType outlines live in a 'glyf' table; a CFF font (most OpenType CJK fonts) has none and PDFsharp cannot embed it.
    private static bool HasTrueTypeOutlines(byte[] face)
    {
        int tables = BinaryPrimitives.ReadUInt16BigEndian(face.AsSpan(4));
        return Enumerable.Range(0, tables).Any(i => face.AsSpan(12 + 16 * i, 4).SequenceEqual("glyf"u8));
    }

    private sealed class Resolver : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(Family, isBold, false);
        public byte[]? GetFont(string faceName) => _face.Value;
    }
}
