using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GovCloud.Web.Infrastructure.Documents;

/// <summary>
/// Prints an <see cref="OfficialDocument"/> as PDF in the GB/T 9704 layout, the Chinese font embedded (<see cref="CjkFont"/>):
/// A4, text block 156 × 225 mm from 37 mm top and 28 mm left, 3号 (16 pt) body on 22 lines a page, the issuer's name in red
/// 35 mm into the block with the 文号 two lines under it and a red rule 4 mm below, the title in 2号 (22 pt) two lines
/// further, page numbers "— 1 —" in 4号 7 mm under the block, outside (right on odd pages, left on even).
/// </summary>
public static class OfficialPdf
{
    private const double Mm = 72 / 25.4;
    private static readonly double Left = 28 * Mm, Top = 37 * Mm, Width = 156 * Mm, Height = 225 * Mm;
    private static readonly double Line = Height / 22;
    private const double Body = 16, TitleSize = 22, NoteSize = 14;
    private static readonly XColor Red = XColor.FromArgb(230, 0, 18);

    public static byte[] Render(OfficialDocument d)
    {
        CjkFont.EnsureResolver();
        var pdf = new PdfDocument();
        pdf.Info.Title = d.Title;
        pdf.Info.Author = d.IssuerName;
        pdf.Info.Subject = d.Number;
        var body = new XFont(CjkFont.Family, Body);
        var writer = new PageWriter(pdf);

        // 版头: the issuer in red, sized to the block's width.
        var headSize = 36.0;
        var head = new XFont(CjkFont.Family, headSize, XFontStyleEx.Bold);
        while (writer.Gfx.MeasureString(d.IssuerName, head).Width > Width && headSize > 18)
            head = new XFont(CjkFont.Family, headSize -= 2, XFontStyleEx.Bold);
        var y = Top + 35 * Mm;
        writer.Gfx.DrawString(d.IssuerName, head, new XSolidBrush(Red), new XRect(Left, y - headSize, Width, headSize * 1.2), XStringFormats.TopCenter);
        y += headSize * 0.2 + 2 * Line;
        writer.Gfx.DrawString(d.Number, body, XBrushes.Black, new XPoint(Left + Width / 2 - writer.Gfx.MeasureString(d.Number, body).Width / 2, y));
        y += 4 * Mm + 2;
        writer.Gfx.DrawLine(new XPen(Red, 1.5), Left, y, Left + Width, y);

        // The title, centred, in as many lines as it needs.
        var title = new XFont(CjkFont.Family, TitleSize, XFontStyleEx.Bold);
        y += 2 * Line;
        foreach (var line in ChineseLines.Break(d.Title, Width - 2 * TitleSize, 0, s => writer.Gfx.MeasureString(s, title).Width))
        {
            writer.Gfx.DrawString(line, title, XBrushes.Black, new XPoint(Left + Width / 2 - writer.Gfx.MeasureString(line, title).Width / 2, y));
            y += Line * 1.1;
        }
        y += Line;
        writer.Y = y;
        writer.Paragraph(d.Addressee, body, indent: 0);
        for (var i = 0; i < d.Paragraphs.Count; i++)
        {
            writer.Paragraph(d.Paragraphs[i], body, indent: 2 * Body);
            foreach (var figure in d.Figures?.Where(f => f.AfterParagraph == i) ?? []) writer.Figure(figure, new XFont(CjkFont.Family, NoteSize));
        }

        // 发文机关署名 and 成文日期: two lines under the body, the date four characters from the right, the name centred on it; the
        // seal is stamped over both.
        writer.Skip(2);
        var date = OfficialDocument.ChineseDate(d.Date);
        var dateWidth = writer.Gfx.MeasureString(date, body).Width;
        var dateLeft = Left + Width - 4 * Body - dateWidth;
        var nameWidth = writer.Gfx.MeasureString(d.IssuerName, body).Width;
        writer.Text(d.IssuerName, body, dateLeft + dateWidth / 2 - nameWidth / 2);
        writer.Text(date, body, dateLeft);

        // 版记 at the foot of the last page: 抄送 and 印发, between rules.
        var note = new XFont(CjkFont.Family, NoteSize);
        var rows = (d.CopyTo is null ? 1 : 2);
        var needed = rows * Line + 8;
        if (writer.Y + needed > Top + Height) writer.NewPage();
        var bottom = Top + Height;
        var top = bottom - rows * Line;
        var g = writer.Gfx;
        g.DrawLine(new XPen(XColors.Black, 1), Left, top, Left + Width, top);
        var row = top;
        if (d.CopyTo is { } copy)
        {
            g.DrawString($"抄送：{copy}。", note, XBrushes.Black, new XPoint(Left + NoteSize, row + Line * 0.68));
            row += Line;
            g.DrawLine(new XPen(XColors.Black, 0.7), Left, row, Left + Width, row);
        }
        g.DrawString(d.PrintedBy, note, XBrushes.Black, new XPoint(Left + NoteSize, row + Line * 0.68));
        var printed = $"{OfficialDocument.ChineseDate(d.Date)}印发";
        g.DrawString(printed, note, XBrushes.Black, new XPoint(Left + Width - NoteSize - g.MeasureString(printed, note).Width, row + Line * 0.68));
        g.DrawLine(new XPen(XColors.Black, 1), Left, bottom, Left + Width, bottom);

        writer.Finish();
        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Writes lines down the text block and starts a new page when it is full; numbers the pages when done.</summary>
    private sealed class PageWriter
    {
        private readonly PdfDocument _pdf;
        private readonly List<PdfPage> _pages = [];
        public XGraphics Gfx { get; private set; } = null!;
        public double Y { get; set; }

        public PageWriter(PdfDocument pdf)
        {
            _pdf = pdf;
            NewPage();
        }

        public void NewPage()
        {
            Gfx?.Dispose();
            var page = _pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _pages.Add(page);
            Gfx = XGraphics.FromPdfPage(page);
            Y = Top + Line * 0.78;
        }

        public void Paragraph(string text, XFont font, double indent)
        {
            var lines = ChineseLines.Break(text, Width, indent, s => Gfx.MeasureString(s, font).Width);
            for (var i = 0; i < lines.Count; i++) Text(lines[i], font, Left + (i == 0 ? indent : 0));
        }

        public void Text(string text, XFont font, double x)
        {
            if (Y > Top + Height) NewPage();
            Gfx.DrawString(text, font, XBrushes.Black, new XPoint(x, Y));
            Y += Line;
        }

        /// <summary>The chart at the block's width, on a new page when it does not fit, its caption centred under it.</summary>
        public void Figure(OfficialFigure figure, XFont captionFont)
        {
            using var stream = new MemoryStream(figure.Png);
            using var image = XImage.FromStream(stream);
            var height = Width * image.PixelHeight / image.PixelWidth;
            var needed = height + Line;
            if (Y - Line * 0.78 + needed > Top + Height) NewPage();
            var top = Y - Line * 0.78 + Line * 0.2;
            Gfx.DrawImage(image, Left, top, Width, height);
            var w = Gfx.MeasureString(figure.Caption, captionFont).Width;
            Gfx.DrawString(figure.Caption, captionFont, XBrushes.Black, new XPoint(Left + Width / 2 - w / 2, top + height + Line * 0.6));
            // On to the next whole line under the caption, as the text grid runs.
            Y += Math.Ceiling((height + Line * 0.9) / Line) * Line;
        }

        public void Skip(int lines)
        {
            Y += lines * Line;
            if (Y > Top + Height) NewPage();
        }

        public void Finish()
        {
            Gfx.Dispose();
            var font = new XFont(CjkFont.Family, NoteSize);
            for (var i = 0; i < _pages.Count; i++)
            {
                using var g = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
                var number = $"— {i + 1} —";
                var w = g.MeasureString(number, font).Width;
                var x = i % 2 == 0 ? Left + Width - NoteSize - w : Left + NoteSize;
                g.DrawString(number, font, XBrushes.Black, new XPoint(x, Top + Height + 7 * Mm + NoteSize * 0.8));
            }
        }
    }
}
