using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-A4.1: the Bureau schedules a new unit price; the catalogue shows it beside the price of today.</summary>
public sealed class CatalogPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_bureau_schedules_a_new_price_and_sees_it_beside_todays()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "bureau");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/catalog");
        var dns = page.Locator("#gc-catalog tr", new() { HasText = "域名解析服务" });
        await dns.GetByText("10.00 元/个·月").WaitForAsync();
        await dns.GetByText("调整单价").ClickAsync();
        var dialog = page.Locator(".ant-modal:visible");
        await dialog.Locator(".ant-input-number input").FillAsync("12.5");
        await dialog.Locator("button[type='submit']").ClickAsync();
        await page.GetByText("已保存单价").WaitForAsync();
        // The form proposes tomorrow in Beijing (a test server on UTC once made it today): the new price is scheduled, today's stays.
        await dns.GetByText("12.50 元/个·月").WaitForAsync();
        await dns.GetByText("10.00 元/个·月").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "catalog");

        // An agency reads the catalogue but cannot change it.
        await page.Context.CloseAsync();
        var edu = await app.NewPageAsync();
        await BrowserApp.SignInAsync(edu, "edu");
        await edu.WaitForURLAsync(app.BaseUrl + "/");
        await edu.GotoAsync("/catalog");
        await edu.Locator("#gc-catalog").GetByText("云虚拟机").WaitForAsync();
        Assert.Equal(0, await edu.GetByText("调整单价").CountAsync());
        await edu.Context.CloseAsync();
    }
}
