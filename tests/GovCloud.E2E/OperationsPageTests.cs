using GovCloud.Web.Features.Operations;
using Microsoft.EntityFrameworkCore;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-22.1 through the pages: the Center records an outage and its recovery; the agency touched reads it and its system's availability.</summary>
public sealed class OperationsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An hour ago, or the month's first minute when that was last month: the availability tab opens on this month.</summary>
    private static DateTimeOffset Started
    {
        get
        {
            var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
            var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 1, 0, now.Offset);
            return now.AddHours(-1) > month ? now.AddHours(-1) : month;
        }
    }

    [Fact]
    public async Task R_22_1_the_center_records_an_outage_and_its_recovery_and_the_agency_reads_it()
    {
        var (_, _, application, _) = await app.App.LiveAsync();
        var vm = await app.App.WithDbAsync(d => d.CloudVms.Include(v => v.System).Where(v => v.ApplicationId == application.Id).FirstAsync(Ct));
        // Under way since an hour ago, recorded through the API.
        var open = await (await (await app.App.SignInAsync("center")).PostJsonAsync("/api/v1/incidents", new
        {
            title = "数据库集群主节点宕机", kind = "Outage", startedAt = Started, systemIds = new[] { vm.SystemId },
        })).ReadAsync<IncidentDto>(System.Net.HttpStatusCode.Created);

        var page = await app.SignedInAsync("center");
        await page.GotoAsync("/operations");
        await BrowserApp.ArrivedAsync(page);
        // A new incident: nothing named is said at its field.
        await page.ClickAsync("#gc-incident-new");
        var drawer = page.Locator(".ant-drawer-open");
        await drawer.GetByText("服务中断计入可用率").WaitForAsync();
        await page.FillAsync("#gc-incident-title", "政务外网分区网络抖动");
        await page.ClickAsync("#gc-incident-record");
        await BrowserApp.ConfirmAsync(page);
        await drawer.GetByText("请选择受影响的网络分区或信息系统").WaitForAsync();
        await BrowserApp.PickAsync(page, "div#gc-incident-zones", vm.Zone, exact: true);
        await drawer.Locator(".ant-drawer-title").ClickAsync();
        Assert.Equal(0, await drawer.GetByText("请选择受影响的网络分区或信息系统").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "operations-record");
        await page.ClickAsync("#gc-incident-record");
        await BrowserApp.ConfirmAsync(page);
        await page.GetByText("已登记运行故障 GZ").WaitForAsync();
        await page.Locator("#gc-incidents tr", new() { HasText = "政务外网分区网络抖动" }).GetByText("未恢复").WaitForAsync();
        await page.Locator(".ant-drawer-open .ant-drawer-close").ClickAsync();

        // The one under way is closed with its handling from its drawer.
        await page.Locator("#gc-incidents tr", new() { HasText = open.Number }).GetByRole(AriaRole.Link, new() { Name = open.Number }).ClickAsync();
        await page.FillAsync("#gc-incident-close-handling", "主备切换，修复原主节点");
        await page.ClickAsync("#gc-incident-close");
        await BrowserApp.ConfirmAsync(page);
        await page.GetByText($"已登记 {open.Number} 恢复").WaitForAsync();
        await page.Locator("#gc-incident-detail").GetByText("主备切换，修复原主节点").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "operations-closed");
        await page.Context.CloseAsync();

        // The agency follows the link in its message, and reads its system's availability this month (another agency's systems are not listed).
        var edu = await app.SignedInAsync("edu");
        await edu.GotoAsync($"/operations?incident={open.Id}");
        await edu.Locator("#gc-incident-detail").GetByText($"市教育局《{vm.System!.Name}》").WaitForAsync();
        Assert.Equal(0, await edu.Locator("#gc-incident-close").CountAsync());
        await edu.Locator(".ant-drawer-open .ant-drawer-close").ClickAsync();
        await edu.GetByRole(AriaRole.Tab, new() { Name = "可用率" }).ClickAsync();
        var row = edu.Locator("#gc-availability-systems tr", new() { HasText = vm.System.Name });
        // Two outages: the one on the system, and the zone's still under way (the system has its VMs there).
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("2");
        Assert.All(await edu.Locator("#gc-availability-systems tbody tr td:nth-child(2)").AllInnerTextsAsync(), agency => Assert.Equal("市教育局", agency));
        await BrowserApp.ScreenshotAsync(edu, "operations-availability");
    }

    [Fact]
    public async Task R_23_1_the_agency_files_its_logs_and_a_drill_and_sees_what_is_still_missing()
    {
        var (_, _, application, _) = await app.App.LiveAsync();
        var name = await app.App.WithDbAsync(d => d.InfoSystems.Where(s => s.Id == application.SystemId).Select(s => s.Name).SingleAsync(Ct));
        var edu = await app.SignedInAsync("edu");
        await edu.GotoAsync("/operations?tab=files");
        await BrowserApp.ArrivedAsync(edu);
        var row = edu.Locator("#gc-operations-gaps tr", new() { HasText = name });
        await row.GetByText("未上传应急处置预案").WaitForAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

        // Three months is saved and said to be too short; then a drill.
        await edu.FillAsync("#gc-operations-log-location", "市政务云日志审计平台");
        await edu.FillAsync("#gc-operations-log-months input", "3");
        await edu.ClickAsync("#gc-operations-log-save");
        await edu.Locator("#gc-operations-problems").GetByText("日志保存期限 3 个月，少于 6 个月", new() { Exact = false }).WaitForAsync();
        await edu.ClickAsync("#gc-operations-drill-add");
        await edu.Locator("#gc-operations-drill-form").GetByText("请填写演练场景", new() { Exact = true }).WaitForAsync();
        await BrowserApp.TypeDateAsync(edu, edu.Locator("#gc-operations-drill-date input"), DateOnly.FromDateTime(DateTime.Today.AddDays(-3)));
        await edu.FillAsync("#gc-operations-drill-scenario", "数据库主节点宕机切换");
        await edu.FillAsync("#gc-operations-drill-result", "12 分钟完成切换，数据无丢失");
        await edu.ClickAsync("#gc-operations-drill-add");
        await edu.Locator("#gc-operations-drills").GetByText("数据库主节点宕机切换").WaitForAsync();
        Assert.Equal(0, await edu.Locator("#gc-operations-problems").GetByText("未登记应急演练").CountAsync());
        await BrowserApp.ScreenshotAsync(edu, "operations-files");
    }
}
