using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// Field work on a phone (390×844) and a small laptop (1024×768): the menu is a drawer on the phone, the header keeps
/// one line, and no page scrolls sideways — a wide table scrolls inside its own box.
/// </summary>
public sealed class NarrowScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= width, $"{what}: the page is {scroll} px wide in a {width} px window");
    }

    [Fact]
    public async Task On_a_phone_the_menu_is_a_drawer_and_the_main_pages_read_without_sideways_scrolling()
    {
        var (_, _, a, _) = await app.App.InTrialAsync();
        var page = await app.NewPageAsync(390, 844);
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.Locator("#gc-todo").WaitForAsync();
        await Assertions.Expect(page.Locator(".gc-sider")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#gc-current-user")).ToBeVisibleAsync();
        // The header is one line: as high as on a desktop.
        Assert.True((await page.Locator(".gc-header").BoundingBoxAsync())!.Height <= 64, "the header wraps");
        await AssertNoSidewaysScrollAsync(page, "home");
        await BrowserApp.ScreenshotAsync(page, "phone-home", fullPage: false);

        // The menu opens as a drawer and closes once a page is chosen.
        var menu = page.Locator(".gc-nav-drawer .ant-menu");
        await page.Locator(".gc-menu-button").ClickAsync();
        // (A closed drawer stays in the page, slid out of sight: open or not is its class.)
        await Assertions.Expect(page.Locator(".gc-nav-drawer.ant-drawer-open")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "phone-menu", fullPage: false);
        await menu.GetByText("云资源申请").ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/applications");
        await Assertions.Expect(page.Locator(".gc-nav-drawer.ant-drawer-open")).ToHaveCountAsync(0);
        await page.Locator("#gc-applications tr.ant-table-row").First.WaitForAsync();
        await AssertNoSidewaysScrollAsync(page, "applications");
        await BrowserApp.ScreenshotAsync(page, "phone-applications");

        await page.GotoAsync($"/applications/{a.Id}");
        await page.Locator("#gc-trial-state").WaitForAsync();
        await AssertNoSidewaysScrollAsync(page, "an application");
        await BrowserApp.ScreenshotAsync(page, "phone-application", fullPage: false);

        await page.GotoAsync("/inventory");
        await page.Locator("#gc-inventory tr.ant-table-row").First.WaitForAsync();
        await AssertNoSidewaysScrollAsync(page, "inventory");
        await BrowserApp.ScreenshotAsync(page, "phone-inventory");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_1024_the_lists_fit_without_sideways_scrolling()
    {
        await app.App.InTrialAsync();
        var page = await app.NewPageAsync(1024, 768);
        await BrowserApp.SignInAsync(page, "center");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.Locator("#gc-todo").WaitForAsync();
        await AssertNoSidewaysScrollAsync(page, "home");
        await BrowserApp.ScreenshotAsync(page, "1024-home");
        foreach (var (url, list) in new[] { ("/applications", "#gc-applications"), ("/inventory", "#gc-inventory"), ("/changes", "#gc-changes") })
        {
            await page.GotoAsync(url);
            await page.Locator(list).WaitForAsync();
            await page.WaitForTimeoutAsync(300);
            await AssertNoSidewaysScrollAsync(page, url);
            await BrowserApp.ScreenshotAsync(page, "1024-" + url.Trim('/'));
        }
        await page.Context.CloseAsync();
    }
}
