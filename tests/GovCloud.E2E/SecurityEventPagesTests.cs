using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// R-26.1 through the pages: the Center records a security event at the health commission, handles and closes it, and the
/// commission reads it; the Center publishes the period's 云安全状况通报 and an agency opens its PDF.
/// </summary>
public sealed class SecurityEventPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task R_26_1_the_center_records_handles_and_closes_an_event_and_the_agency_touched_reads_it()
    {
        var title = $"数据库异常外联-{Guid.NewGuid():N}"[..14];
        var center = await app.SignedInAsync("center");
        await center.GotoAsync("/security/events");
        await BrowserApp.ArrivedAsync(center);
        await center.ClickAsync("#gc-event-new");
        var drawer = center.Locator(".ant-drawer-open");
        await drawer.GetByText("较大及以上同时通知监管部门").WaitForAsync();
        // Nothing filled in: each field says what it lacks, and nothing is recorded.
        await center.ClickAsync("#gc-event-record");
        await BrowserApp.ConfirmAsync(center);
        await drawer.GetByText("请填写事件名称").WaitForAsync();
        await drawer.GetByText("请选择事件类别").WaitForAsync();

        await center.FillAsync("#gc-event-title", title);
        await BrowserApp.PickAsync(center, "#gc-event-kind", "信息破坏事件");
        await BrowserApp.PickAsync(center, "#gc-event-severity", "较大");
        await center.FillAsync("#gc-event-description", "流量监测发现数据库服务器向境外地址异常外联。");
        await BrowserApp.PickAsync(center, "div#gc-event-organisations", "市卫生健康委员会", exact: true);
        await drawer.Locator(".ant-drawer-title").ClickAsync();
        await BrowserApp.ScreenshotAsync(center, "security-event-record");
        await center.ClickAsync("#gc-event-record");
        await BrowserApp.ConfirmAsync(center);
        await center.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/security/events/[0-9a-f-]{36}$"));
        var url = center.Url;
        await Assertions.Expect(center.Locator("#gc-event-state")).ToHaveTextAsync("处置中");

        // Closing before any step is refused at its field; a step, then the result.
        await center.FillAsync("#gc-event-result", "已处置");
        await center.ClickAsync("#gc-event-close");
        await BrowserApp.ConfirmAsync(center);
        await center.GetByText("请先登记至少一条处置措施").WaitForAsync();
        await center.FillAsync("#gc-event-step", "阻断异常外联地址，对数据库服务器进行病毒查杀。");
        await center.ClickAsync("#gc-event-add-step");
        await center.Locator("#gc-event-steps").GetByText("阻断异常外联地址").WaitForAsync();
        await center.FillAsync("#gc-event-result", "经排查为监控代理配置错误，已修正，未发现数据泄露。");
        await center.ClickAsync("#gc-event-close");
        await BrowserApp.ConfirmAsync(center);
        await Assertions.Expect(center.Locator("#gc-event-state")).ToHaveTextAsync("已处置");
        await Assertions.Expect(center.Locator("#gc-event-conclusion")).ToHaveTextAsync("经排查为监控代理配置错误，已修正，未发现数据泄露。");
        await BrowserApp.ScreenshotAsync(center, "security-event-closed");

        // The list narrows to the events touching one agency.
        await center.GotoAsync("/security/events");
        await BrowserApp.ArrivedAsync(center);
        await BrowserApp.PickAsync(center, "#gc-event-organisation-filter", "市卫生健康委员会");
        await center.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(center.Locator("#gc-events tbody tr.ant-table-row")).ToHaveCountAsync(1);
        await Assertions.Expect(center.Locator("#gc-events")).ToContainTextAsync(title);
        await BrowserApp.PickAsync(center, "#gc-event-kind-filter", "有害程序事件");
        await center.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(center.Locator("#gc-events tbody tr.ant-table-row")).ToHaveCountAsync(0);
        await center.Context.CloseAsync();

        // The health commission finds it in its list and reads it.
        var health = await app.SignedInAsync("health");
        await health.GotoAsync("/security/events");
        await BrowserApp.ArrivedAsync(health);
        await BrowserApp.FollowAsync(health, health.Locator("#gc-events tr", new() { HasText = title }).Locator("a"), "**/security/events/*");
        Assert.Equal(url, health.Url);
        await health.GetByText("经排查为监控代理配置错误").WaitForAsync();
        await Assertions.Expect(health.Locator("#gc-event-step")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(health, "security-event-agency");
    }

    [Fact]
    public async Task R_26_1_the_center_publishes_the_bulletin_and_an_agency_opens_it_as_a_pdf()
    {
        var center = await app.SignedInAsync("center");
        await center.GotoAsync("/security/events?tab=bulletins");
        await BrowserApp.ArrivedAsync(center);
        var rows = center.Locator("#gc-bulletins tbody tr.ant-table-row");
        var before = await rows.CountAsync();
        await center.ClickAsync("#gc-bulletin-new");
        var drawer = center.Locator(".ant-drawer-open");
        await drawer.Locator("#gc-bulletin-preview").WaitForAsync();
        await center.FillAsync("#gc-bulletin-summary", "本期政务云平台运行总体平稳。\n请各使用单位按期完成整改。");
        await BrowserApp.ScreenshotAsync(center, "security-bulletin-publish");
        await center.ClickAsync("#gc-bulletin-publish");
        await BrowserApp.ConfirmAsync(center);
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        await BrowserApp.ScreenshotAsync(center, "security-bulletins");
        await center.Context.CloseAsync();

        var officer = await app.SignedInAsync("edusec");
        await officer.GotoAsync("/security/events?tab=bulletins");
        await BrowserApp.ArrivedAsync(officer);
        var link = officer.Locator("#gc-bulletins tbody tr.ant-table-row").First.GetByText("PDF");
        var pdf = await officer.APIRequest.GetAsync(await link.EvaluateAsync<string>("a => a.href"));
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
    }
}
