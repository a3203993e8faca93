using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-22.1 through the pages: the Center counts last month, writes its summary and publishes; the agency opens its copy from the message's link.</summary>
public sealed class OperationsBulletinPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task R_22_1_the_center_publishes_the_month_and_the_agency_downloads_its_own_copy()
    {
        await app.App.LiveAsync();
        var today = ChinaTime.Today(TimeProvider.System);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var key = month.ToString("yyyy-MM");
        var title = $"{month.Year}年{month.Month}月政务云运行情况通报";

        var page = await app.SignedInAsync("center");
        await page.GotoAsync("/operations?tab=bulletins");
        await BrowserApp.ArrivedAsync(page);
        await page.GetByText("暂无运行情况通报").WaitForAsync();
        // Last month is offered first; counting opens its draft.
        await page.Locator("#gc-bulletin-month").GetByText(key).WaitForAsync();
        await page.ClickAsync("#gc-bulletin-count");
        var drawer = page.Locator(".ant-drawer-open");
        await drawer.GetByText("待审核").WaitForAsync();
        // Publishing without the summary is refused at its field.
        await page.ClickAsync("#gc-bulletin-publish");
        await BrowserApp.ConfirmAsync(page);
        await drawer.GetByText("请填写总体情况").WaitForAsync();
        await page.FillAsync("#gc-bulletin-text", "本月政务云运行总体平稳。\n请各单位及时确认闲置资源的调整建议。");
        await BrowserApp.ScreenshotAsync(page, "operations-bulletin-draft");
        await page.ClickAsync("#gc-bulletin-publish");
        await BrowserApp.ConfirmAsync(page);
        await page.GetByText("已发布").First.WaitForAsync();
        await drawer.Locator("#gc-bulletin-summary").GetByText("本月政务云运行总体平稳").WaitForAsync();
        await page.Locator(".ant-drawer-open .ant-drawer-close").ClickAsync();
        await page.Locator(".ant-drawer-open .ant-drawer-body").WaitForAsync(new() { State = WaitForSelectorState.Hidden }); // published: nothing unsaved, the × closes without asking
        await page.Locator("#gc-bulletins tr", new() { HasText = title }).GetByText("已发布").WaitForAsync();

        // The agency follows the message's link to the bulletin and downloads its own copy.
        var edu = await app.SignedInAsync("edu");
        // The drawer opens with the page and takes the focus from its title: its content says it has arrived.
        await edu.GotoAsync($"/operations?tab=bulletins&month={key}");
        var eduDrawer = edu.Locator(".ant-drawer-open");
        await eduDrawer.GetByText("本单位闲置资源").WaitForAsync();
        Assert.Equal(0, await eduDrawer.Locator("#gc-bulletin-form").CountAsync());
        await BrowserApp.ScreenshotAsync(edu, "operations-bulletin-agency");
        var download = await edu.RunAndWaitForDownloadAsync(() => edu.ClickAsync("#gc-bulletin-pdf"));
        Assert.Equal($"{title}-市教育局.pdf", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), Ct);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }
}
