using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace GovCloud.Web.Features.DataAccess;

/// <summary>
/// 政务云数据保密协议 as .docx with both parties filled in: the Center (甲方) and the agency (乙方) print it, sign and seal it,
/// and the Center uploads the scan. An agreement, not a 公文: no red 版头; the body in 仿宋_GB2312 3号, the title in 方正小标宋简体 2号,
/// as offices type their agreements, with the terms taken from the city's rules for its cloud.
/// </summary>
public static class AgreementDocx
{
    private const string Body = "仿宋_GB2312", Heading = "方正小标宋简体";
    private const int BodySize = 32, TitleSize = 44;

    /// <summary>The terms: what the Center owes the agency's data (Art. 26, 28 of the city's rules), the period, the signatures.</summary>
    public static IReadOnlyList<string> Terms(int maxHours, int maxEmergencyHours) =>
    [
        "一、甲方为乙方提供政务云服务，负责政务云平台的运行维护和安全保障。乙方部署在政务云上的信息系统及其数据资源归乙方所有。",
        "二、未经乙方授权，甲方及其运维人员不得访问、修改、披露、利用、转让、销毁乙方的数据资源，不得查看、修改乙方的云主机、数据库和存储。",
        $"三、甲方运维人员因运维需要访问乙方系统的，须通过政务云管理平台向乙方安全负责人申请，写明访问对象、权限、目的和所服务的工单，经批准后在批准的时段内（每次不超过 {maxHours} 小时）经堡垒机访问；乙方可随时撤销授权。",
        $"四、业务中断等紧急情况下，甲方可开启应急访问（每次不超过 {maxEmergencyHours} 小时），须即时告知乙方和市大数据发展局，事后由乙方审查；乙方有异议的，由市大数据发展局督促甲方整改。",
        "五、甲方对乙方系统的每一次访问申请、批准、撤销和堡垒机核验均留存记录，乙方可随时查阅本单位的访问日志。",
        "六、乙方信息系统迁出或注销时，甲方按乙方要求移交数据并彻底清除，出具清除记录。",
        "七、双方对在合作中知悉的对方工作秘密和个人信息负有保密义务，本协议终止后仍然有效。",
        "八、违反本协议的，按照国家和自治区有关规定追究责任。",
        "九、本协议一式两份，甲乙双方各执一份，自双方签字盖章之日起生效，有效期至双方约定之日；期满前双方应续签。",
    ];

    public static byte[] Render(string center, string agency, IReadOnlyList<string> terms)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new DocumentFormat.OpenXml.Wordprocessing.Body();
            body.Append(Para("政务云数据保密协议", Heading, TitleSize, JustificationValues.Center));
            body.Append(Para("", Body, BodySize, JustificationValues.Left));
            body.Append(Para($"甲方：{center}", Body, BodySize, JustificationValues.Left));
            body.Append(Para($"乙方：{agency}", Body, BodySize, JustificationValues.Left));
            body.Append(Para("", Body, BodySize, JustificationValues.Left));
            body.Append(Para("为保护政务云上使用单位的数据资源安全，依据《柳州市政务云管理办法》有关规定，甲乙双方签订本协议。", Body, BodySize,
                JustificationValues.Both, firstLine: true));
            foreach (var term in terms) body.Append(Para(term, Body, BodySize, JustificationValues.Both, firstLine: true));
            body.Append(Para("", Body, BodySize, JustificationValues.Left));
            body.Append(Para("有效期：自      年   月   日至      年   月   日", Body, BodySize, JustificationValues.Left));
            body.Append(Para("", Body, BodySize, JustificationValues.Left));
            body.Append(Signatures(center, agency));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Table Signatures(string center, string agency)
    {
        TableCell Cell(params string[] lines)
        {
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = "4400", Type = TableWidthUnitValues.Dxa }));
            foreach (var line in lines) cell.Append(Para(line, Body, BodySize, JustificationValues.Left));
            return cell;
        }
        var table = new Table(new TableProperties(new TableWidth { Width = "8800", Type = TableWidthUnitValues.Dxa },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })));
        table.Append(new TableRow(
            Cell($"甲方：{center}（盖章）", "", "代表（签字）：", "", "日期：      年   月   日"),
            Cell($"乙方：{agency}（盖章）", "", "代表（签字）：", "", "日期：      年   月   日")));
        return table;
    }

    private static Paragraph Para(string text, string font, int size, JustificationValues align, bool firstLine = false)
    {
        // The children in the schema's order (spacing, ind, jc), or Word calls the file damaged.
        var props = new ParagraphProperties(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (firstLine) props.Append(new Indentation { FirstLineChars = 200 });
        props.Append(new Justification { Val = align });
        var run = new Run(new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font }, new FontSize { Val = size.ToString() }),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(props, run);
    }
}
