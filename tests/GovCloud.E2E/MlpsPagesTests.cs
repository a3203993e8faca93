using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// through the pages: the agency's security officer grades its system, declares its sensitive data, files
/// it and records an assessment; a regulator reads the same record and can change nothing.
/// </summary>
public sealed class MlpsPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task R_27_1_the_security_officer_grades_files_and_assesses_and_the_police_read_it()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var name = $"社保卡服务-{Guid.NewGuid():N}"[..12];
        var edu = await app.App.SignInAsync("edu");
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new { name, kind = SystemKind.Existing, location = SystemLocation.UncertifiedDataCenter }))
            .ReadAsync<InfoSystemDto>(HttpStatusCode.Created);

        var page = await app.SignedInAsync("edusec");
        await page.GotoAsync($"/security/mlps?system={system.Id}");
        var drawer = page.Locator(".ant-drawer-open");
        await drawer.GetByText($"等级保护：{name}").WaitForAsync();
        await Assertions.Expect(drawer.Locator(".ant-tag", new() { HasText = "未定级" })).ToBeVisibleAsync();

        // Sensitive data without its declaration: each missing part is said at its field, nothing saved.
        await BrowserApp.PickAsync(page, "#gc-mlps-level", "第三级");
        await BrowserApp.TypeDateAsync(page, page.Locator("#gc-mlps-graded input"), today.AddMonths(-2));
        await drawer.GetByText("个人信息").ClickAsync();
        await page.ClickAsync("#gc-mlps-form button[type=submit]");
        await drawer.GetByText("含敏感数据的系统须填写数据存储位置").WaitForAsync();
        await drawer.GetByText("含敏感数据的系统须确认敏感数据不出境").WaitForAsync();
        await Assertions.Expect(drawer.Locator(".ant-tag", new() { HasText = "未定级" })).ToBeVisibleAsync();

        await page.FillAsync("#gc-mlps-storage", "政务云公共网络区");
        await page.FillAsync("#gc-mlps-responsible", "王五");
        await page.ClickAsync("#gc-mlps-in-country");
        await page.ClickAsync("#gc-mlps-form button[type=submit]");
        // Graded level 3, not filed: it cannot go live yet, and says so.
        await Assertions.Expect(drawer.Locator(".ant-tag", new() { HasText = "未备案" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#gc-mlps-blocker")).ToContainTextAsync("须先完成公安机关备案");

        await page.FillAsync("#gc-mlps-filing", "45020099001-00345");
        await BrowserApp.TypeDateAsync(page, page.Locator("#gc-mlps-filed input"), today.AddMonths(-1));
        await page.ClickAsync("#gc-mlps-form button[type=submit]");
        await Assertions.Expect(drawer.Locator(".ant-tag", new() { HasText = "正常" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#gc-mlps-blocker")).ToHaveCountAsync(0);

        // An assessment: the next one is due a year after it.
        await BrowserApp.TypeDateAsync(page, page.Locator("#gc-assessment-date input"), today.AddDays(-3));
        await page.FillAsync("#gc-assessment-assessor", "广西网络安全测评中心");
        await page.Locator("#gc-mlps-assessment-form").GetByText("基本符合").ClickAsync();
        await page.ClickAsync("#gc-assessment-save");
        await page.Locator("#gc-mlps-assessments").GetByText("广西网络安全测评中心").WaitForAsync();
        await drawer.GetByText(Day(today.AddDays(-3).AddMonths(12))).First.WaitForAsync();

        // The assessment's report is kept with it.
        await page.Locator("#gc-mlps-document-file").SetInputFilesAsync(await BrowserApp.TempFileAsync("等级测评报告.pdf", "%PDF-1.4\n%%EOF"u8.ToArray()));
        await page.ClickAsync("#gc-mlps-document-upload");
        await page.Locator("#gc-mlps-document-error").GetByText("请选择材料类别").WaitForAsync();
        await BrowserApp.PickAsync(page, "#gc-mlps-document-kind", "测评报告");
        await BrowserApp.PickAsync(page, "#gc-mlps-document-assessment", "广西网络安全测评中心");
        await page.ClickAsync("#gc-mlps-document-upload");
        await page.Locator("#gc-mlps-documents").GetByText("等级测评报告.pdf").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "mlps-record");
        await page.Context.CloseAsync();

        // The police read the register and the record, and have no form to change it.
        var police = await app.SignedInAsync("police");
        await police.GotoAsync("/security/mlps");
        var row = police.Locator("#gc-mlps tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("45020099001-00345");
        await Assertions.Expect(row).ToContainTextAsync("第三级");
        await row.Locator(".gc-mlps-open", new() { HasText = "查看" }).ClickAsync();
        await police.Locator(".ant-drawer-open").GetByText("王五").WaitForAsync();
        await Assertions.Expect(police.Locator("#gc-mlps-form")).ToHaveCountAsync(0);
        await Assertions.Expect(police.Locator("#gc-mlps-assessment-form")).ToHaveCountAsync(0);
        await police.Locator("#gc-mlps-documents").GetByText("等级测评报告.pdf").WaitForAsync();
        await Assertions.Expect(police.Locator("#gc-mlps-document-upload")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(police, "mlps-register");
        await police.Context.CloseAsync();
    }

    [Fact]
    public async Task R_26_1_the_center_grades_the_cloud_platform_itself_at_level_3_or_above()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var center = await app.SignedInAsync("center");
        await center.GotoAsync("/security/mlps");
        await BrowserApp.ArrivedAsync(center);
        var cloud = center.Locator("#gc-mlps tbody tr.ant-table-row").First;
        await Assertions.Expect(cloud).ToContainTextAsync("政务云平台");
        await cloud.Locator(".gc-mlps-open", new() { HasText = "登记" }).ClickAsync();
        var drawer = center.Locator(".ant-drawer-open");
        await drawer.GetByText("等级保护：政务云平台").WaitForAsync();
        await drawer.GetByText("政务云平台本身").WaitForAsync();
        await Assertions.Expect(center.Locator("#gc-mlps-in-country")).ToHaveCountAsync(0);
        await BrowserApp.PickAsync(center, "#gc-mlps-level", "第二级");
        await BrowserApp.TypeDateAsync(center, center.Locator("#gc-mlps-graded input"), today.AddYears(-1));
        await center.ClickAsync("#gc-mlps-form button[type=submit]");
        await drawer.GetByText("政务云平台须按等级保护第三级及以上要求保护（管理办法第二十六条）").WaitForAsync();
        await BrowserApp.PickAsync(center, "#gc-mlps-level", "第三级");
        await center.FillAsync("#gc-mlps-filing", "45020099001-00001");
        await BrowserApp.TypeDateAsync(center, center.Locator("#gc-mlps-filed input"), today.AddMonths(-11));
        await center.ClickAsync("#gc-mlps-form button[type=submit]");
        await Assertions.Expect(drawer.Locator(".ant-tag", new() { HasText = "测评临近" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(center, "mlps-cloud");
    }
}
