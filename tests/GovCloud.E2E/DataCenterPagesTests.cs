using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-12.1 through the page: the education bureau registers its machine room; the list shows it with its racks.</summary>
public sealed class DataCenterPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task R_12_1_an_agency_registers_its_machine_room()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/datacenters");
        await page.ClickAsync("#gc-new-datacenter");
        var form = page.Locator("#gc-datacenter-form");
        await form.Locator("input.ant-input").First.FillAsync("教育局二号机房");
        // Area and racks left empty: the form says so in Chinese before anything is sent.
        await page.ClickAsync("#gc-save-datacenter");
        await form.GetByText("请输入面积（平方米）").WaitForAsync();
        await form.GetByText("请输入可用机柜（个）").WaitForAsync();
        await form.Locator(".ant-input-number input").Nth(0).FillAsync("38.5");
        await form.Locator(".ant-input-number input").Nth(1).FillAsync("4");
        await form.GetByText("支持 IPv6").ClickAsync();
        await BrowserApp.ScreenshotAsync(page, "datacenter-form");
        await page.ClickAsync("#gc-save-datacenter");
        var row = page.Locator("#gc-datacenters tr", new() { HasText = "教育局二号机房" });
        await row.GetByText("38.5 ㎡ / 4 个").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "datacenters");
        await page.Context.CloseAsync();
    }
}
