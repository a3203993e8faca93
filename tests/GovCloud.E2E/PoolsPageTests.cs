using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-20.1: the Bureau sees each zone's pool and adds capacity with its source; the Center reads it.</summary>
public sealed class PoolsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_bureau_adds_purchased_capacity_and_sees_the_pool_grow()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "bureau");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/pools");
        var card = page.Locator("#gc-pools .ant-card", new() { HasText = "公共网络区" });
        await card.GetByText("可分配 4,000 核").WaitForAsync(); // 2,000 cores of hardware, vCPU over-commit 2
        await card.GetByText("调整容量").ClickAsync();
        var dialog = page.Locator(".ant-modal:visible");
        await dialog.Locator(".ant-input-number input").First.FillAsync("500");
        await dialog.GetByPlaceholder("如：二期扩容、某局机房撤销后统筹利用").FillAsync("二期扩容");
        await dialog.Locator("button[type='submit']").ClickAsync();
        await page.GetByText("已调整 公共网络区 的容量").WaitForAsync();
        await card.GetByText("可分配 5,000 核").WaitForAsync();
        await page.Locator("#gc-pool-trend tr", new() { HasText = "公共网络区" }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "pools");
        await card.GetByText("容量记录").ClickAsync();
        var history = page.Locator("#gc-pool-history");
        await history.Locator("tr", new() { HasText = "新购" }).GetByText("+500").WaitForAsync();
        await page.Context.CloseAsync();

        var center = await app.NewPageAsync();
        await BrowserApp.SignInAsync(center, "center");
        await center.WaitForURLAsync(app.BaseUrl + "/");
        await center.GotoAsync("/pools");
        await center.Locator("#gc-pools").GetByText("互联网区").WaitForAsync();
        Assert.Equal(0, await center.GetByText("调整容量").CountAsync());
        await center.Context.CloseAsync();
    }
}
