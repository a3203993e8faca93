using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace GovCloud.Web.Infrastructure.Documents;

/// <summary>
/// An <see cref="OfficialDocument"/> as .docx for offices that edit in WPS or Word, laid out as <see cref="OfficialPdf"/> is
/// (GB/T 9704): A4 with its margins, 仿宋_GB2312 3号 on a fixed 28.95 pt line (22 lines), the issuer in red 方正小标宋简体 with a
/// red rule under the 文号, page numbers outside in the footer. The fonts are named as the offices have them installed.
/// </summary>
public static class OfficialDocx
{
    private const string Body = "仿宋_GB2312", Heading = "方正小标宋简体", Red = "E60012";
    private const int BodySize = 32, TitleSize = 44, NoteSize = 28; // half-points: 3号, 2号, 4号
    private const string LinePitch = "579"; // twips: 225 mm / 22 lines

    public static byte[] Render(OfficialDocument d)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new EvenAndOddHeaders());
            var odd = Footer(main, JustificationValues.Right);
            var even = Footer(main, JustificationValues.Left);

            var body = new DocumentFormat.OpenXml.Wordprocessing.Body();
            // 版头: the issuer's name in red, 35 mm into the text block (blank lines), then the 文号 and the red rule.
            body.Append(Blank(), Blank(), Blank());
            body.Append(Para(d.IssuerName, Heading, 72, JustificationValues.Center, color: Red, bold: true, exact: false));
            body.Append(Blank(), Blank());
            body.Append(Para(d.Number, Body, BodySize, JustificationValues.Center,
                borders: new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 12, Color = Red, Space = 8 })));
            body.Append(Blank(), Blank());
            body.Append(Para(d.Title, Heading, TitleSize, JustificationValues.Center, exact: false));
            body.Append(Blank());
            body.Append(Para(d.Addressee, Body, BodySize, JustificationValues.Both));
            foreach (var p in d.Paragraphs) body.Append(Para(p, Body, BodySize, JustificationValues.Both, firstLineChars: 200));
            body.Append(Blank(), Blank());
            var date = OfficialDocument.ChineseDate(d.Date);
            // The issuer's name centred on the date, the date four characters from the right.
            body.Append(Para(d.IssuerName, Body, BodySize, JustificationValues.Right, rightChars: 400 + Math.Max(0, (date.Length - d.IssuerName.Length) * 50)));
            body.Append(Para(date, Body, BodySize, JustificationValues.Right, rightChars: 400));
            body.Append(Blank(), Blank());

            // 版记: 抄送 and 印发 between rules.
            var thick = () => new BottomBorder { Val = BorderValues.Single, Size = 8, Color = "000000", Space = 1 };
            if (d.CopyTo is { } copy)
                body.Append(Para($"抄送：{copy}。", Body, NoteSize, JustificationValues.Left, leftChars: 100, borders: new ParagraphBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 8, Color = "000000", Space = 1 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000", Space = 1 })));
            var printed = Para(d.PrintedBy, Body, NoteSize, JustificationValues.Left, leftChars: 100,
                borders: d.CopyTo is null
                    ? new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 8, Color = "000000", Space = 1 }, thick())
                    : new ParagraphBorders(thick()),
                tabs: new Tabs(new TabStop { Val = TabStopValues.Right, Position = 8600 }));
            printed.Append(new Run(RunProps(Body, NoteSize), new TabChar(), new Text($"{date}印发")));
            body.Append(printed);

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(odd) },
                new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(even) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992, Gutter = 0 },
                new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = 579, CharacterSpace = 0 }));
            main.Document = new Document(body);
            doc.PackageProperties.Title = d.Title;
            doc.PackageProperties.Creator = d.IssuerName;
            doc.PackageProperties.Subject = d.Number;
        }
        return stream.ToArray();
    }

    // "— 1 —" in 4号, outside: the odd pages' footer on the right, the even pages' on the left, one character in.
    private static FooterPart Footer(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var p = new Paragraph(new ParagraphProperties(
            side == JustificationValues.Right ? new Indentation { RightChars = 100 } : new Indentation { LeftChars = 100 }, new Justification { Val = side }));
        p.Append(new Run(RunProps("宋体", NoteSize), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }));
        p.Append(new SimpleField(new Run(RunProps("宋体", NoteSize), new Text("1"))) { Instruction = " PAGE " });
        p.Append(new Run(RunProps("宋体", NoteSize), new Text(" —") { Space = SpaceProcessingModeValues.Preserve }));
        part.Footer = new Footer(p);
        return part;
    }

    private static Paragraph Blank() => Para("", Body, BodySize, JustificationValues.Left);

    // Properties in the order the schema asks (borders and tabs before spacing, indentation and alignment; colour and bold
    // before size), or Word calls the file damaged.
    private static Paragraph Para(string text, string font, int size, JustificationValues align, string? color = null, bool bold = false, bool exact = true,
        int firstLineChars = 0, int rightChars = 0, int leftChars = 0, ParagraphBorders? borders = null, Tabs? tabs = null)
    {
        var props = new ParagraphProperties();
        if (borders is not null) props.Append(borders);
        if (tabs is not null) props.Append(tabs);
        props.Append(new SpacingBetweenLines { Line = exact ? LinePitch : "240", LineRule = exact ? LineSpacingRuleValues.Exact : LineSpacingRuleValues.Auto, Before = "0", After = "0" });
        // In characters for Word and WPS, and in twips (a 3号 character is 320) for editors that read only those.
        var indent = new Indentation();
        string Twips(int chars) => (chars * size * 10 / 100).ToString();
        if (leftChars > 0) (indent.LeftChars, indent.Left) = (leftChars, Twips(leftChars));
        if (rightChars > 0) (indent.RightChars, indent.Right) = (rightChars, Twips(rightChars));
        if (firstLineChars > 0) (indent.FirstLineChars, indent.FirstLine) = (firstLineChars, Twips(firstLineChars));
        if (leftChars > 0 || rightChars > 0 || firstLineChars > 0) props.Append(indent);
        props.Append(new Justification { Val = align });
        var p = new Paragraph(props);
        if (text.Length > 0) p.Append(new Run(RunProps(font, size, color, bold), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    private static RunProperties RunProps(string font, int size, string? color = null, bool bold = false)
    {
        var props = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font, Hint = FontTypeHintValues.EastAsia });
        if (bold) props.Append(new Bold());
        if (color is not null) props.Append(new Color { Val = color });
        props.Append(new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() });
        return props;
    }
}
