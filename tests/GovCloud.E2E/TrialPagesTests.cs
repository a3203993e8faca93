using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// through the pages: the Center records the trial environment it built, the
/// agency's security officer and the Center confirm the usage agreement, the agency passes the
/// trial, the Center puts it into formal use, and the VMs show in the inventory with their history.
/// </summary>
public sealed class TrialPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>
    /// The OK of the confirmation just opened; then waits until it has closed, so that opening the same
    /// confirmation again (after a refused attempt) is not swallowed by its closing animation.
    /// </summary>
    private static async Task ConfirmAsync(IPage page)
    {
        await page.Locator(".ant-popover:visible .ant-btn-primary").Last.ClickAsync();
        await Assertions.Expect(page.Locator(".ant-popover:visible")).ToHaveCountAsync(0);
    }

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        return page;
    }

    [Fact]
    public async Task R_21_4_an_approved_application_is_delivered_tried_agreed_and_goes_live_into_the_inventory()
    {
        var (_, a) = await app.App.ApprovedAsync();
        var url = $"/applications/{a.Id}";
        var tag = Guid.NewGuid().ToString("N")[..4];

        var center = await SignedInAsync("center");
        await center.GotoAsync(url);
        await center.Locator("#gc-trial-state", new() { HasText = "待交付试用环境" }).WaitForAsync();
        // A wrong address is named by its field; nothing is delivered.
        await center.FillAsync("#gc-host-1", $"web-{tag}");
        await center.FillAsync("#gc-ips-1", "10.8.1.300");
        await center.ClickAsync("#gc-deliver");
        await ConfirmAsync(center);
        await center.GetByText("第 1 台：IP 地址格式不正确").First.WaitForAsync();
        await center.Locator("#gc-trial-state", new() { HasText = "待交付试用环境" }).WaitForAsync();

        await center.FillAsync("#gc-ips-1", $"10.8.{Random.Shared.Next(1, 250)}.11");
        await center.FillAsync("#gc-host-2", $"db-{tag}");
        await center.FillAsync("#gc-ips-2", $"10.9.{Random.Shared.Next(1, 250)}.12");
        foreach (var (row, owner, account) in new[] { (1, 0, "zhangsan"), (1, 1, "lisi"), (2, 0, "zhangsan"), (2, 1, "lisi") })
            await center.FillAsync($"#gc-account-{row}-{owner}", account + tag);
        await BrowserApp.ScreenshotAsync(center, "trial-delivery");
        await center.ClickAsync("#gc-deliver");
        await ConfirmAsync(center);
        await center.Locator("#gc-trial-state", new() { HasText = "试用中" }).WaitForAsync();
        await center.Locator("#gc-trial-vms").GetByText($"web-{tag}").WaitForAsync();
        await center.Locator("#gc-trial-blockers").GetByText("使用单位尚未确认使用协议").WaitForAsync();
        await center.ClickAsync("#gc-center-agree");
        await ConfirmAsync(center);
        await center.Locator("#gc-trial").GetByText("center 于").WaitForAsync();

        var officer = await SignedInAsync("edusec");
        await officer.GotoAsync(url);
        await officer.ClickAsync("#gc-agency-agree");
        await ConfirmAsync(officer);
        await officer.Locator("#gc-trial").GetByText("edusec 于").WaitForAsync();
        await officer.Context.CloseAsync();

        var edu = await SignedInAsync("edu");
        await edu.GotoAsync(url);
        await edu.Locator("#gc-trial-report").GetByText("试用通过").ClickAsync();
        await edu.ClickAsync("#gc-trial-report-button");
        await edu.Locator("#gc-trial-result", new() { HasText = "试用通过" }).WaitForAsync();

        await center.ReloadAsync();
        await center.ClickAsync("#gc-go-live");
        await ConfirmAsync(center);
        await center.Locator("#gc-trial-state", new() { HasText = "已正式开通" }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(center, "trial-live");
        await center.Context.CloseAsync();

        // The agency's inventory: its VMs in formal use, with a monthly fee and their history.
        await edu.GotoAsync("/inventory");
        await edu.FillAsync("#gc-inventory-q", tag);
        await edu.ClickAsync("#gc-inventory-search");
        var line = edu.Locator("#gc-inventory tr", new() { HasText = $"web-{tag}" });
        await line.GetByText("正式使用").WaitForAsync();
        await Assertions.Expect(edu.Locator("#gc-inventory tbody tr.ant-table-row")).ToHaveCountAsync(2);
        await line.GetByText($"web-{tag}").ClickAsync();
        var history = edu.Locator("#gc-vm-history");
        await history.GetByText("交付试用", new() { Exact = true }).WaitForAsync();
        await history.GetByText("正式开通", new() { Exact = true }).WaitForAsync();
        await edu.Locator("#gc-vm-detail").GetByText($"张三：zhangsan{tag}").WaitForAsync();
        await BrowserApp.ScreenshotAsync(edu, "inventory");
        await edu.Context.CloseAsync();
    }
}
