using System.Net;
using System.Text;
using System.Text.Json;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GovCloud.Web.Tests;

/// <summary>
/// Uploads an attacker or a careless program makes: a zip bomb, broken packages, a workbook without sheets. Each
/// import answers 422 in Chinese and changes nothing. And what the product exports, it imports back unchanged.
/// </summary>
public abstract class ImportHardeningTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Name, byte[] File)[] Broken =
    [
        ("a zip with no workbook", Packages.Zip(("readme.txt", "这不是表格"))),
        ("a package without xl/workbook.xml", Packages.Zip(("[Content_Types].xml", Packages.ContentTypes), ("_rels/.rels", Packages.RootRels))),
        ("a package without _rels/.rels", Packages.Zip(("[Content_Types].xml", Packages.ContentTypes), ("xl/workbook.xml", Packages.Workbook),
            ("xl/_rels/workbook.xml.rels", Packages.WorkbookRels), ("xl/worksheets/sheet1.xml", Packages.OneCell))),
        ("a workbook with no sheets", Packages.Zip(("[Content_Types].xml", Packages.ContentTypes), ("_rels/.rels", Packages.RootRels),
            ("xl/workbook.xml", Packages.WorkbookWithoutSheets))),
        ("a row numbered -1", Packages.Workbook1(Packages.Sheet("""<row r="-1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>"""))),
        ("a sheet that is not XML", Packages.Workbook1("<worksheet><sheetData><row>")),
        ("a part with a DTD", Packages.Workbook1("""<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>""")),
        ("a truncated zip", Packages.Workbook1(Packages.OneCell)[..200]),
    ];

    private static async Task<List<SheetError>> RefusedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"expected 422, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("errors").Deserialize<List<SheetError>>(Http.Json)!;
    }

    [Fact]
    public async Task R_A3_6_a_zip_bomb_sent_as_an_Annex_3_form_is_refused_and_the_rows_stay()
    {
        var (edu, draft) = await app.DraftAsync();
        var a = await ApplicationKit.ImportAsync(edu, draft, ApplicationKit.Vm(1, draft.SystemName), ApplicationKit.Vm(2, draft.SystemName));
        Assert.InRange(Packages.Bomb.Length, 100_000, 2_000_000);

        var errors = await RefusedAsync(await edu.PostAsync($"/api/v1/applications/{a.Id}/vms/import", ApplicationKit.File(Packages.Bomb, "需求表.xlsx", a.Version), Ct));
        Assert.Contains("解压后超过 100 MB", Assert.Single(errors).Message);
        var after = await ApplicationKit.GetAsync(edu, a.Id);
        Assert.Equal(a.Version, after.Version);
        Assert.Equal([1, 2], after.Vms.Select(v => v.No));
    }

    [Fact]
    public async Task R_4_2_a_zip_bomb_sent_as_the_register_or_a_platform_list_is_refused()
    {
        var edu = await app.SignInAsync("edu");
        var errors = await RefusedAsync(await edu.PostAsync("/api/v1/systems/import", ApplicationKit.File(Packages.Bomb, "台账.xlsx"), Ct));
        Assert.Contains("解压后超过", Assert.Single(errors).Message);
        var center = await app.SignInAsync("center");
        errors = await RefusedAsync(await center.PostAsync("/api/v1/inventory/reconciliation", ApplicationKit.File(Packages.Bomb, "平台清单.xlsx"), Ct));
        Assert.Contains("解压后超过", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("wide")]
    [InlineData("unclosed quote")]
    [InlineData("long line")]
    public async Task R_21_5_a_platform_list_in_csv_that_would_keep_the_reader_busy_for_minutes_is_refused_at_once(string kind)
    {
        var text = kind switch
        {
            "wide" => "名称,vCPU,内存\n" + string.Concat(Enumerable.Repeat("a,", 40_000)),
            "unclosed quote" => "名称,vCPU,内存\n\"" + string.Concat(Enumerable.Repeat("a,", 1_000)),
            _ => "名称,vCPU,内存\n" + new string('a', 100_000) + ",1,1",
        };
        var center = await app.SignInAsync("center");
        var errors = await RefusedAsync(await center.PostAsync("/api/v1/inventory/reconciliation", ApplicationKit.File(Encoding.UTF8.GetBytes(text), "清单.csv"), Ct));
        Assert.Contains(kind switch { "wide" => "超过 200 列", "unclosed quote" => "引号没有配对", _ => "超过 64 KB" }, Assert.Single(errors).Message);
    }

    [Fact]
    public async Task Broken_packages_are_refused_as_damaged_files_by_every_import()
    {
        var (edu, a) = await app.DraftAsync();
        var center = await app.SignInAsync("center");
        foreach (var (name, file) in Broken)
        {
            var messages = new[]
            {
                (await RefusedAsync(await edu.PostAsync($"/api/v1/applications/{a.Id}/vms/import", ApplicationKit.File(file, "需求表.xlsx", a.Version), Ct))).Single().Message,
                (await RefusedAsync(await edu.PostAsync("/api/v1/systems/import", ApplicationKit.File(file, "台账.xlsx"), Ct))).Single().Message,
                (await RefusedAsync(await center.PostAsync("/api/v1/inventory/reconciliation", ApplicationKit.File(file, "清单.xlsx"), Ct))).Single().Message,
            };
            foreach (var message in messages)
                Assert.True(message.StartsWith(UploadedSpreadsheet.Damaged), $"{name}: {message}");
        }
        Assert.Empty((await ApplicationKit.GetAsync(edu, a.Id)).Vms);
    }

    [Fact]
    public async Task R_4_2_a_register_workbook_without_sheets_is_a_422_not_an_empty_import()
    {
        var edu = await app.SignInAsync("edu");
        var before = (await (await edu.GetAsync("/api/v1/systems?pageSize=1", Ct)).ReadAsync<Paged<InfoSystemDto>>()).Total;
        var errors = await RefusedAsync(await edu.PostAsync("/api/v1/systems/import", ApplicationKit.File(Broken[3].File, "台账.xlsx"), Ct));
        Assert.Equal(UploadedSpreadsheet.NoSheet, errors.Single().Message);
        Assert.Equal(before, (await (await edu.GetAsync("/api/v1/systems?pageSize=1", Ct)).ReadAsync<Paged<InfoSystemDto>>()).Total);
    }

    [Fact]
    public async Task R_4_2_the_exported_register_imports_back_unchanged()
    {
        var edu = await app.SignInAsync("edu");
        var tag = Guid.NewGuid().ToString("N")[..6];
        foreach (var (name, location, kind) in new[]
                 {
                     ($"租用机房系统（一期）{tag}", SystemLocation.Elsewhere, SystemKind.Existing),
                     ($"=HYPERLINK(\"http://evil\"){tag}", SystemLocation.UncertifiedDataCenter, SystemKind.Existing),
                     ($"+统一门户 {tag}", SystemLocation.OnCloud, SystemKind.Upgraded),
                 })
            await (await edu.PostJsonAsync("/api/v1/systems", new
            {
                name, vendor = "@某公司", subsystems = "门户、-后台", vendorContactName = "赵六", vendorContactMobile = "13700000000", kind, location, mlpsLevel = 2,
                remarks = "=备注不在表中，导入不应抹去",
            })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var before = (await (await edu.GetAsync("/api/v1/systems?pageSize=200", Ct)).ReadAsync<Paged<InfoSystemDto>>()).Items;
        Assert.Contains(before, s => s.LocationName == "其他（租用第三方等）");

        var ids = before.Select(s => s.Id.ToString()).ToList();
        Task<int> UpdatesAsync() => app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "SystemUpdated" && ids.Contains(a.EntityId!), Ct));
        var updates = await UpdatesAsync();
        var export = await (await edu.GetAsync("/api/v1/systems/export", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var imported = await (await edu.PostAsync("/api/v1/systems/import", ApplicationKit.File(export, "台账.xlsx"), Ct)).ReadAsync<SystemImportResult>();
        // Nothing differs, so nothing is updated: no new versions, no audit entries, the remarks (not a column) kept.
        Assert.Equal(new SystemImportResult(0, 0, before.Count), imported);
        var after = (await (await edu.GetAsync("/api/v1/systems?pageSize=200", Ct)).ReadAsync<Paged<InfoSystemDto>>()).Items;
        Assert.Equal(before.OrderBy(s => s.Id), after.OrderBy(s => s.Id));
        Assert.Equal(updates, await UpdatesAsync());
    }

    [Fact]
    public async Task R_A3_6_the_exported_form_imports_back_unchanged_whatever_the_names()
    {
        var edu = await app.SignInAsync("edu");
        var name = $"=智慧校园（一期）{Guid.NewGuid():N}"[..20];
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new
        {
            name, vendor = "广西某软件有限公司", kind = SystemKind.New, location = SystemLocation.OnCloud,
        })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var a = await (await edu.PostJsonAsync("/api/v1/applications", new { systemId = system.Id, purpose = "新建", contacts = ApplicationKit.Contacts }))
            .ReadAsync<ApplicationDto>(HttpStatusCode.Created);
        var row = ApplicationKit.Vm(1, name) with { Remarks = "-对外（政务外网）服务", SubsystemName = "@门户" };
        a = await ApplicationKit.ImportAsync(edu, a, row, ApplicationKit.Vm(2, name));

        var form = await (await edu.GetAsync($"/api/v1/applications/{a.Id}/request-form.xlsx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var again = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/vms/import", ApplicationKit.File(form, "需求表.xlsx", a.Version), Ct))
            .ReadAsync<ApplicationDto>();
        Assert.Equal(a.Vms, again.Vms);
        Assert.Equal("-对外（政务外网）服务", again.Vms[0].Remarks);
    }

    [Fact]
    public async Task R_21_5_the_inventory_export_read_as_a_platform_list_matches_itself()
    {
        await app.InTrialAsync();
        var center = await app.SignInAsync("center");
        var export = await (await center.GetAsync("/api/v1/inventory/vms/export", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var report = await (await center.PostAsync("/api/v1/inventory/reconciliation", ApplicationKit.File(export, "资源台账.xlsx"), Ct))
            .ReadAsync<ReconciliationReport>();
        Assert.True(report.PlatformVms >= 2);
        Assert.Equal(report.PlatformVms, report.Result.Matched);
        Assert.Empty(report.Result.Unregistered);
        Assert.Empty(report.Result.Missing);
        Assert.Empty(report.Result.Drifts);
    }
}

public sealed class ImportHardeningOnSqlite(SqliteApp app) : ImportHardeningTests(app), IClassFixture<SqliteApp>;
public sealed class ImportHardeningOnPostgres(PostgresApp app) : ImportHardeningTests(app), IClassFixture<PostgresApp>;
