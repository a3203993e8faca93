using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>An agency keeps its register of systems and sees its migration rate.</summary>
public sealed class SystemsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_agency_registers_a_system_and_sees_it_waiting_for_migration()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/systems");
        await page.ClickAsync("#gc-new-system");
        var dialog = page.Locator(".ant-modal:visible");
        await dialog.Locator("input[name='form.Name']").FillAsync("教育资源公共服务平台");
        await dialog.GetByText("存量", new() { Exact = true }).ClickAsync();
        await BrowserApp.PickAsync(page, dialog.Locator(".ant-select").First, "未认定的自建数据中心");
        await dialog.GetByPlaceholder("手机").FillAsync("123");
        await dialog.Locator("button[type='submit']").ClickAsync();
        await dialog.GetByText("开发商联系人手机号码须为 11 位数字").WaitForAsync();
        await dialog.GetByPlaceholder("手机").FillAsync("13700000000");
        await dialog.Locator("button[type='submit']").ClickAsync();
        await page.GetByText("已保存：教育资源公共服务平台").WaitForAsync();
        var row = page.Locator("#gc-systems tr", new() { HasText = "教育资源公共服务平台" });
        await row.GetByText("待迁移").WaitForAsync();
        await page.Locator("#gc-migration-rates").GetByText("市教育局").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "systems");
        await page.Context.CloseAsync();
    }
}
