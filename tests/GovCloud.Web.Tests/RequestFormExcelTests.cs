using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Tests.Support;
using MiniExcelLibs;

namespace GovCloud.Web.Tests;

// R-A3.6: the Annex 3 form is given out as an Excel template and read back, every problem by row and column.
public class RequestFormExcelTests
{
    private static readonly VmLimits Limits = new();
    private static readonly string[] Zones = ["公共网络区", "互联网区"];

    private static VmRequest Vm(int no, string group = "G1") => new(no, "公共网络区", "广西某软件公司", "智慧校园平台", "门户", ServerType.WEB,
        [new BastionOwner("张三", "zhangsan@example.com", "13800000001"), new BastionOwner("李四", "lisi@example.com", "13800000002")],
        4, 8, 100, no == 1 ? null : 500, "麒麟 V10", true, group, no == 2 ? "对外服务" : null);

    [Fact]
    public void R_A3_2_the_template_is_valid_excel_with_red_required_headers_and_drop_downs()
    {
        var bytes = RequestFormWriter.Write(Zones, null, null);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));
        var sheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
        var header = sheet.Descendants<Row>().Single(r => r.RowIndex! == RequestFormWriter.HeaderRow);
        var redFont = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ToList()
            .FindIndex(f => f.Color?.Rgb?.Value == "FFFF0000");
        var formats = document.WorkbookPart.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        // Text is kept as Excel keeps it, in the shared strings; a cell holds its index.
        var strings = document.WorkbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var red = header.Elements<Cell>().Where(c => formats[(int)c.StyleIndex!.Value].FontId!.Value == redFont)
            .Select(c => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.InnerText)] : c.InnerText).ToList();
        Assert.Equal(RequestFormLayout.Columns.Where(c => c.Required).Select(c => c.Header), red);
        Assert.Equal(3, sheet.Descendants<DataValidation>().Count());
        Assert.Contains("公共网络区,互联网区", sheet.Descendants<DataValidation>().First().Formula1!.Text);
        Assert.Equal(["需求表", "填写说明"], document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public void R_A3_6_an_empty_contact_block_reads_as_no_contacts_and_a_bad_mobile_is_a_problem_of_its_cell()
    {
        // The template's labels (手机, 邮箱) with nothing filled in are not values.
        var empty = RequestFormReader.Read(RequestFormWriter.Write(Zones, null, [Vm(1), Vm(2)]), Limits);
        Assert.True(empty.Ok);
        Assert.Equal(new RequestFormContacts(null, null, null, null, null, null), empty.Contacts);

        var bad = RequestFormReader.Read(RequestFormWriter.Write(Zones, new RequestFormContacts("王五", "0772-123", "wangwu@", null, null, null), [Vm(1), Vm(2)]), Limits);
        Assert.Contains(bad.Errors, e => e is { Row: 2, Column: "D" } && e.Message == "使用单位联系人手机号码“0772-123”须为 11 位数字");
        Assert.Contains(bad.Errors, e => e is { Row: 2, Column: "F" } && e.Message.Contains("邮箱“wangwu@”格式不正确"));
        Assert.Empty(bad.Rows);
    }

    [Fact]
    public void R_A3_6_export_then_import_gives_the_same_rows_and_contacts()
    {
        var contacts = new RequestFormContacts("王五", "13900000000", "wangwu@edu.gov.cn", "赵六", "13700000000", "zhaoliu@vendor.cn");
        var rows = new[] { Vm(1), Vm(2), Vm(3, "G2"), Vm(4, "G2") };
        var result = RequestFormReader.Read(RequestFormWriter.Write(Zones, contacts, rows), Limits);
        Assert.True(result.Ok, string.Join("; ", result.Errors.Select(e => $"{e.Row}{e.Column} {e.Message}")));
        Assert.Equal(contacts, result.Contacts);
        Assert.Equal(rows.Length, result.Rows.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i] with { Owners = [] }, result.Rows[i] with { Owners = [] });
            Assert.Equal(rows[i].Owners, result.Rows[i].Owners);
        }
    }

    [Fact]
    public void The_blank_template_reads_as_no_rows_the_example_is_skipped()
    {
        var result = RequestFormReader.Read(RequestFormWriter.Write(Zones, null, null), Limits);
        Assert.Equal("至少填写一台虚拟机", Assert.Single(result.Errors).Message);
    }

    /// <summary>A workbook as people make it: title and contacts above, header in row 3, values typed by hand.</summary>
    private static byte[] Handmade(params string?[][] dataRows)
    {
        var grid = new List<string?[]>
        {
            new[] { "柳州市政务云 云资源使用需求表" },
            new[] { "使用单位联系人：", "王五", "手机：", "13900000000", "邮箱：", "wangwu@edu.gov.cn" },
            RequestFormLayout.Columns.Select(c => (string?)(c.Header == "内存GB" ? "内存 GB" : c.Header)).ToArray(),
        };
        grid.AddRange(dataRows);
        var sheet = grid.Select(r => (IDictionary<string, object?>)Enumerable.Range(0, 17)
            .ToDictionary(i => RequestFormLayout.Letter(i + 1), i => (object?)(i < r.Length ? r[i] : null)));
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false);
        return stream.ToArray();
    }

    [Fact]
    public void R_A3_6_what_people_type_is_accepted()
    {
        var result = RequestFormReader.Read(Handmade(
            ["1", "公共网络区", "某公司", "智慧校园平台", "", "web", "张三、李四", "a@x.cn, b@x.cn", "13800000001；13800000002", "4核", "８Ｇ", "100GB", "", "麒麟 V10", "Y", "G1", ""],
            ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
            ["2", "公共网络区\u3000", "某公司", "智慧校园平台", "", "APP", "王五", "c@x.cn", "13800000003", "8", "16 G", "100", "1000", "统信 UOS", "是", "G1", ""]), Limits);
        Assert.True(result.Ok, string.Join("; ", result.Errors.Select(e => $"{e.Row}{e.Column} {e.Message}")));
        Assert.Equal("王五", result.Contacts.AgencyName);
        Assert.Equal("13900000000", result.Contacts.AgencyMobile);
        var first = result.Rows[0];
        Assert.Equal((4, 8, 100, (int?)null), (first.Vcpu, first.MemoryGb, first.SystemDiskGb, first.DataDiskGb));
        Assert.Equal(ServerType.WEB, first.ServerType);
        Assert.Equal(["李四", "b@x.cn", "13800000002"], new[] { first.Owners[1].Name, first.Owners[1].Email, first.Owners[1].Mobile });
        Assert.Equal("公共网络区", result.Rows[1].Zone);
        Assert.True(result.Rows[1].Clustered);
    }

    [Fact]
    public void R_A3_6_every_problem_is_reported_by_row_and_column_and_no_rows_are_returned()
    {
        var result = RequestFormReader.Read(Handmade(
            ["1", "涉密区", "某公司", "平台", "", "XYZ", "张三、李四", "a@x.cn", "13800000001", "四核", "8", "100", "", "麒麟", "是", "", ""],
            ["2", "公共网络区", "", "平台", "", "APP", "王五", "c@x.cn", "13800000003", "4", "8", "100", "", "麒麟", "也许", "", ""]), Limits);
        Assert.Empty(result.Rows);
        var errors = result.Errors.Select(e => $"{e.Row}{e.Column}:{e.Header}").ToList();
        Assert.Contains("4B:网络分区", errors);     // unknown zone
        Assert.Contains("4F:服务器类型", errors);   // XYZ
        Assert.Contains("4G:堡垒机账号负责人", errors); // 2 names, 1 e-mail, 1 mobile
        Assert.Contains("4J:vCPU核", errors);       // 四核
        Assert.Contains("4P:集群组号", errors);      // clustered without a group
        Assert.Contains("5C:开发商", errors);        // missing vendor
        Assert.Contains("5O:集群部署", errors);      // 也许
        Assert.All(result.Errors, e => Assert.True(Http.HasChinese(e.Message)));
        Assert.Equal("vCPU“四核”须为整数", result.Errors.Single(e => e.Row == 4 && e.Column == "J").Message);
    }

    [Fact]
    public void R_A3_3_merged_cells_in_the_rows_are_refused()
    {
        var bytes = RequestFormWriter.Write(Zones, null, [Vm(1), Vm(2)]);
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
            sheet.InsertAfter(new MergeCells(new MergeCell { Reference = "C5:C6" }), sheet.Elements<SheetData>().First());
        }
        var result = RequestFormReader.Read(stream.ToArray(), Limits);
        var error = Assert.Single(result.Errors);
        Assert.Equal((5, "C"), (error.Row, error.Column));
        Assert.Contains("不得合并", error.Message);
    }

    [Theory]
    [InlineData("xls", "另存为")]
    [InlineData("encrypted", "密码")]
    [InlineData("text", "不是 Excel")]
    [InlineData("broken-zip", "已损坏")]
    public void Files_that_are_not_a_readable_xlsx_get_a_clear_message(string kind, string expected)
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        var bytes = kind switch
        {
            "xls" => [.. ole, .. Encoding.Unicode.GetBytes("Workbook"), .. new byte[512]],
            "encrypted" => [.. ole, .. Encoding.Unicode.GetBytes("EncryptionInfo"), .. new byte[512]],
            "text" => Encoding.UTF8.GetBytes("序号,网络分区\n1,公共网络区"),
            _ => [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0],
        };
        var error = Assert.Single(RequestFormReader.Read(bytes, Limits).Errors);
        Assert.Contains(expected, error.Message);
    }

    private static readonly string?[] Row1 =
        ["1", "公共网络区", "某公司", "智慧校园平台", "", "WEB", "张三", "a@x.cn", "13800000001", "4", "8", "100", "无", "麒麟 V10", "否", "/", ""];

    private static readonly string?[] Row2 =
        ["2", "公共网络区", "某公司", "智慧校园平台", "—", "APP", "李四", "b@x.cn", "138 0000 0002", "8", "16", "100", "500", "麒麟 V10", "否", "", "-"];

    [Fact]
    public void R_A3_6_a_form_as_offices_fill_it_pre_printed_numbers_totals_notes_and_signatures()
    {
        var result = RequestFormReader.Read(Handmade(
            Row1,
            Row2,
            // Pre-printed serial numbers with cells that only look filled: spaces, a full-width space, a zero-width space, an empty string.
            ["3", " ", "\u3000", "\u200B", "", "", "", "", "", "", "", "", "", "", "", "", ""],
            ["4", "\u00A0"],
            ["合 计", "", "", "", "", "", "", "", "", "12", "24", "200", "500", "", "", "", ""],
            ["注：1. 红色表头为必填项；2. 每台虚拟机一行。"],
            ["填表人：", "王五", "", "审核人：", "", "单位（盖章）"],
            ["日期：2026年12月1日"]), Limits);
        Assert.True(result.Ok, string.Join("; ", result.Errors.Select(e => $"{e.Row}{e.Column} {e.Message}")));
        Assert.Equal([1, 2], result.Rows.Select(r => r.No));
        Assert.Equal((int?)null, result.Rows[0].DataDiskGb);
        Assert.Null(result.Rows[0].ClusterGroup);
        Assert.Null(result.Rows[1].SubsystemName);
        Assert.Null(result.Rows[1].Remarks);
        Assert.Equal("13800000002", result.Rows[1].Owners[0].Mobile);
    }

    [Fact]
    public void R_A3_6_a_note_merged_across_the_width_under_the_table_is_not_a_merged_row()
    {
        var bytes = Handmade(Row1, Row2, ["注：以上配置为初步估算。"]);
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
            sheet.InsertAfter(new MergeCells(new MergeCell { Reference = "A6:Q6" }), sheet.Elements<SheetData>().First());
        }
        var result = RequestFormReader.Read(stream.ToArray(), Limits);
        Assert.True(result.Ok, string.Join("; ", result.Errors.Select(e => $"{e.Row}{e.Column} {e.Message}")));
        Assert.Equal(2, result.Rows.Count);
    }

    [Fact]
    public void R_A3_6_a_vm_row_below_the_total_is_ambiguous_and_reported_not_guessed()
    {
        var result = RequestFormReader.Read(Handmade(Row1, ["合计", "", "", "", "", "", "", "", "", "4", "8", "100", "", "", "", "", ""], Row2), Limits);
        Assert.Empty(result.Rows);
        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Row);
        Assert.Contains("合计", error.Message);
    }

    [Fact]
    public void R_A3_6_invisible_characters_and_full_width_names_are_kept_as_written()
    {
        string?[] row = ["1", "公共网络区", "某公司\u200B", "智慧校园（一期）\u202E", "", "WEB", "张三", "ａ@x.cn", "１３８００００００01", "4", "8", "100", "", "麒麟 V10", "否", "", "对外（政务外网）"];
        var result = RequestFormReader.Read(Handmade(row), Limits, "智慧校园（一期）");
        Assert.True(result.Ok, string.Join("; ", result.Errors.Select(e => $"{e.Row}{e.Column} {e.Message}")));
        var vm = Assert.Single(result.Rows);
        Assert.Equal(("某公司", "智慧校园（一期）", "对外（政务外网）"), (vm.Vendor, vm.SystemName, vm.Remarks));
        Assert.Equal(("a@x.cn", "13800000001"), (vm.Owners[0].Email, vm.Owners[0].Mobile));
    }
}
