using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using GovCloud.Web.Tests.Support;
using static GovCloud.Web.Tests.Support.ApplicationKit;

namespace GovCloud.Web.Tests;

/// <summary>
/// Every Excel file the product makes opens in a second, independent reader (exceljs, the common Node.js library,
/// which reads what Excel and WPS write: the spreadsheet namespace as the default one, no inline strings).
/// scripts/test.sh installs it (tools/excel-read). A third opinion comes from LibreOffice (headless, from Debian's
/// packages, installed by scripts/test.sh), which converts each file's first sheet to CSV.
/// </summary>
public sealed class SecondReaderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Sheet(string Name, List<List<string>> Rows);

    /// <summary>Reads the file with exceljs; fails with the reader's message when it cannot.</summary>
    private static async Task<List<Sheet>> ReadAsync(byte[] xlsx)
    {
        var tools = Path.Combine(Repository.Root(), "tools", "excel-read");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "exceljs")), $"The reader is not installed: run `npm ci` in {tools} (scripts/test.sh does)");
        var file = Path.Combine(Path.GetTempPath(), $"govcloud-{Guid.NewGuid():N}.xlsx");
        await System.IO.File.WriteAllBytesAsync(file, xlsx, Ct);
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(tools, "read.js"), file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tools,
            })!;
            var output = node.StandardOutput.ReadToEndAsync(Ct);
            var errors = node.StandardError.ReadToEndAsync(Ct);
            await node.WaitForExitAsync(Ct);
            Assert.True(node.ExitCode == 0, $"exceljs could not read the file:\n{await errors}");
            return JsonSerializer.Deserialize<List<Sheet>>(await output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        }
        finally { System.IO.File.Delete(file); }
    }

    /// <summary>The first sheet of each file as LibreOffice reads it (CSV, UTF-8); fails when LibreOffice cannot open one.</summary>
    private static async Task<string[]> LibreOfficeAsync(params byte[][] files)
    {
        var dir = Directory.CreateTempSubdirectory("govcloud-lo-").FullName;
        try
        {
            var paths = files.Select((_, i) => Path.Combine(dir, $"file{i}.xlsx")).ToArray();
            for (var i = 0; i < files.Length; i++) await System.IO.File.WriteAllBytesAsync(paths[i], files[i], Ct);
            var output = Path.Combine(dir, "csv");
            // Its own profile folder: a second LibreOffice running on the machine would otherwise take the conversion over.
            string[] arguments = ["--headless", "--norestore", $"-env:UserInstallation=file://{dir}/profile",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", output, .. paths];
            using var office = Process.Start(new ProcessStartInfo("soffice", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("LibreOffice (soffice) is not installed: scripts/test.sh installs libreoffice-calc-nogui");
            var said = office.StandardOutput.ReadToEndAsync(Ct);
            var errors = office.StandardError.ReadToEndAsync(Ct);
            await office.WaitForExitAsync(Ct);
            return paths.Select(path =>
            {
                var csv = Path.Combine(output, Path.GetFileNameWithoutExtension(path) + ".csv");
                Assert.True(System.IO.File.Exists(csv), $"LibreOffice could not read {Path.GetFileName(path)}:\n{said.Result}\n{errors.Result}");
                return System.IO.File.ReadAllText(csv);
            }).ToArray();
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>A text cell as LibreOffice writes it to CSV: in quotes, quotes doubled.</summary>
    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>What Excel writes, and what strict readers expect: a shared-strings part, no prefixed spreadsheet elements, no inline strings.</summary>
    private static void AssertWrittenAsExcelDoes(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        Assert.NotNull(zip.GetEntry("xl/sharedStrings.xml"));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/") && e.FullName.EndsWith(".xml")))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<x:", xml);
            Assert.DoesNotContain("inlineStr", xml);
        }
    }

    /// <summary>The rewrite touches markup only: text that looks like markup comes back as typed, in both readers.</summary>
    [Fact]
    public async Task Text_that_looks_like_markup_survives_the_rewrite()
    {
        const string tricky = "<x:row r=\"1\"> xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" 'x:' & </x:c>";
        Infrastructure.ExcelColumn<string>[] columns = [new("名称", s => s), new("说明", _ => "第二列")];
        var bytes = await Infrastructure.ExcelExport.ToXlsxAsync(["普通", tricky], columns, "表", Ct);
        AssertWrittenAsExcelDoes(bytes);
        var sheet = (await ReadAsync(bytes))[0];
        Assert.Equal([["名称", "说明"], ["普通", "第二列"], [tricky, "第二列"]], sheet.Rows);
        var mini = (await MiniExcelLibs.MiniExcel.QueryAsync(new MemoryStream(bytes), useHeaderRow: true, cancellationToken: Ct)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(tricky, mini[1]["名称"]);
        var csv = (await LibreOfficeAsync(bytes))[0];
        Assert.Contains(Quoted(tricky) + "," + Quoted("第二列"), csv);
    }

    [Fact]
    public async Task R_A3_the_request_form_template_and_a_filled_form_open_in_a_second_reader()
    {
        var (edu, a) = await app.DraftAsync();
        var template = await edu.GetByteArrayAsync("/api/v1/applications/request-form-template.xlsx", Ct);
        AssertWrittenAsExcelDoes(template);
        var sheets = await ReadAsync(template);
        Assert.Equal(["需求表", "填写说明"], sheets.Select(s => s.Name));
        Assert.StartsWith("云资源使用需求表", sheets[0].Rows[0][0]);
        Assert.Equal("序号", sheets[0].Rows[3][0]);
        Assert.Equal("示例", sheets[0].Rows[4][0]);
        Assert.Equal("填写说明", sheets[1].Rows[0][0]);

        a = await ImportAsync(edu, a, Vm(1, a.SystemName), Vm(2, a.SystemName, vcpu: 8));
        var filled = await edu.GetByteArrayAsync($"/api/v1/applications/{a.Id}/request-form.xlsx", Ct);
        AssertWrittenAsExcelDoes(filled);
        var form = (await ReadAsync(filled))[0];
        Assert.Equal(Contacts.AgencyContactName, form.Rows[1][1]);
        Assert.Equal(["1", "2"], form.Rows.Skip(4).Where(r => r.Count > 0 && r[0] != "").Select(r => r[0]));
        Assert.Equal((a.SystemName, "8"), (form.Rows[5][3], form.Rows[5][9]));

        var office = await LibreOfficeAsync(template, filled);
        Assert.StartsWith(Quoted("云资源使用需求表"), office[0]);
        Assert.Contains("\n" + Quoted("序号") + ",", office[0]);
        Assert.Contains(Contacts.AgencyContactName!, office[1]);
        Assert.Contains(a.SystemName, office[1]);
    }

    [Fact]
    public async Task Every_list_export_opens_in_a_second_reader_with_its_Chinese_headers()
    {
        var (edu, a) = await app.DraftAsync();
        var admin = await app.SignInAsync("auditor");
        var center = await app.SignInAsync("center");
        var sysadmin = await app.SignInAsync("admin");
        (HttpClient Client, string Url, string Header)[] exports =
        [
            (edu, "/api/v1/applications/export", "申请编号"),
            // A filter that matches nothing still gives a sheet with its headers, not an empty file.
            (center, "/api/v1/inventory/vms/export?q=no-such-host", "主机名"),
            (admin, "/api/v1/audit/export", "时间"),
            (center, "/api/v1/deadlines/dashboard/export", "承办单位"),
            (center, "/api/v1/datacenters/export", "数据中心"),
            (edu, "/api/v1/systems/export", "系统名称"),
            (sysadmin, "/api/v1/users/export?q=no-such-user", "用户名"),
            (sysadmin, "/api/v1/organisations/export", "单位名称"),
        ];
        var files = new List<byte[]>();
        foreach (var (client, url, header) in exports)
        {
            var response = await client.GetAsync(url, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            AssertWrittenAsExcelDoes(bytes);
            var sheets = await ReadAsync(bytes);
            Assert.True(sheets[0].Rows.Count > 0 && sheets[0].Rows[0].Contains(header), $"{url}: no header “{header}” in {JsonSerializer.Serialize(sheets)}");
            files.Add(bytes);
        }
        // And in LibreOffice (one run for all files: it starts slowly), each with its headers on the first line.
        var csvs = await LibreOfficeAsync([.. files]);
        for (var i = 0; i < exports.Length; i++)
        {
            var firstLine = csvs[i].Split('\n')[0];
            Assert.True(firstLine.Split(',').Contains(Quoted(exports[i].Header)), $"{exports[i].Url} in LibreOffice: {firstLine}");
        }
        var applications = (await ReadAsync(await edu.GetByteArrayAsync("/api/v1/applications/export", Ct)))[0];
        var number = applications.Rows[0].IndexOf("申请编号");
        Assert.Contains(applications.Rows, r => r.Count > number && r[number] == a.Number);
    }
}
