using GovCloud.Domain.Calendar;
using GovCloud.Domain.Security;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>A clock started by a process shows up for the people who must act, before its last day.</summary>
public sealed class DeadlinePagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_clock_shows_in_the_inbox_and_on_the_home_page_before_its_last_day()
    {
        // One working day from now: whatever today is, the warning day (one working day before the last) has come.
        var started = await DeadlineKit.StartAsync(app.App, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(1), DateTimeOffset.UtcNow, "E2E-1");
        var sweep = await DeadlineKit.SweepAsync(app.App);
        Assert.True(sweep.Notified >= 1);

        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "center");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        var dueSoon = page.Locator("#gc-due-soon");
        await dueSoon.GetByText("市教育局智慧校园平台上云申请").WaitForAsync();
        Assert.Contains("评估", await dueSoon.InnerTextAsync());
        await page.Locator("#gc-inbox-bell .ant-badge-count").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "home-center-deadline");

        await BrowserApp.FollowAsync(page, page.Locator("#gc-inbox-bell"), "**/inbox");
        var inbox = page.Locator("#gc-inbox");
        await inbox.GetByText("即将到期").First.WaitForAsync();
        Assert.Contains($"{started.DueOn:yyyy-MM-dd} 24 时前", await inbox.InnerTextAsync());
        await BrowserApp.ScreenshotAsync(page, "inbox");

        await inbox.GetByText("查看").First.ClickAsync();
        await page.Locator(".ant-drawer").GetByText("评估").First.WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "deadline-timeline");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_bureau_sees_the_dashboard()
    {
        await DeadlineKit.StartAsync(app.App, "市教育局", Role.AgencyOperator, Period.WorkingDays(1), DateTimeOffset.UtcNow, "E2E-2");
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "bureau");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/deadlines");
        await page.Locator("#gc-dashboard-open").GetByText("市教育局").WaitForAsync();
        await page.Locator("#gc-clocks").GetByText("市教育局智慧校园平台上云申请").First.WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "deadlines-dashboard");
        await page.Context.CloseAsync();
    }
}
