using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// R-29.1 through the pages: the police issue a 整改通知书 to an agency; its security officer answers each item, one with a
/// file; the police reopen one item with a reason and accept the other; the officer answers again; the police accept it and
/// the notice closes. Each person finds their step in 待办.
/// </summary>
public sealed class RectificationPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Item(IPage page, int n) => page.Locator(".gc-notice-item").Nth(n - 1);

    [Fact]
    public async Task R_29_1_police_issue_a_notice_the_agency_answers_with_a_file_the_police_reopen_one_item_then_accept_and_it_closes()
    {
        var title = $"关于限期整改弱口令问题的通知-{Guid.NewGuid():N}"[..22];
        var police = await app.SignedInAsync("police");
        await police.GotoAsync("/security/rectifications");
        await BrowserApp.ArrivedAsync(police);
        await police.ClickAsync("#gc-rectification-new");
        var drawer = police.Locator(".ant-drawer-open");
        await drawer.GetByText("整改事项（问题及整改要求）").WaitForAsync();

        // Sent empty: each missing part is said at its field, nothing issued.
        await police.ClickAsync("#gc-rectification-issue");
        await BrowserApp.ConfirmAsync(police);
        await drawer.GetByText("请选择受文单位").First.WaitForAsync();
        await drawer.GetByText("第 1 项：请填写问题及整改要求").WaitForAsync();

        await BrowserApp.PickAsync(police, "#gc-rectification-recipient", "市教育局", exact: true);
        await police.FillAsync("#gc-rectification-title", title);
        await police.FillAsync("#gc-rectification-basis", "《中华人民共和国网络安全法》第二十一条");
        await police.Locator("#gc-item-text-0").FillAsync("门户网站存在弱口令账号 admin，请修改口令并启用登录失败锁定。");
        await BrowserApp.PickAsync(police, "#gc-item-risk-0", "高风险");
        await police.ClickAsync("#gc-rectification-add-item");
        await police.Locator("#gc-item-text-1").FillAsync("数据库审计日志留存不足六个月，请调整留存策略。");
        await BrowserApp.PickAsync(police, "#gc-item-risk-1", "中风险");
        await police.FillAsync("#gc-rectification-phone", "0772-2801234");
        await BrowserApp.ScreenshotAsync(police, "rectification-issue");
        await police.ClickAsync("#gc-rectification-issue");
        await BrowserApp.ConfirmAsync(police);
        await police.WaitForURLAsync("**/security/rectifications/*");
        await police.GetByRole(AriaRole.Heading, new() { Name = title }).WaitForAsync();
        var number = (await police.Locator(".ant-breadcrumb li").Last.InnerTextAsync()).Trim();
        Assert.Matches(@"^柳公网安整〔\d{4}〕\d+号$", number);
        var url = police.Url;
        // The notice as printed (links are relative to the site's base, "/").
        var href = await police.Locator("#gc-notice-pdf").GetAttributeAsync("href");
        var pdf = await police.APIRequest.GetAsync(new Uri(new Uri(url), "/" + href).ToString());
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);

        // The agency's security officer finds it in 待办 and answers both items, one with its evidence.
        var officer = await app.SignedInAsync("edusec");
        var todo = officer.Locator("#gc-todo a", new() { HasText = number });
        await BrowserApp.FollowAsync(officer, todo, url);
        await BrowserApp.ArrivedAsync(officer);
        await Item(officer, 1).GetByRole(AriaRole.Textbox).FillAsync("已将 admin 口令改为 12 位以上复杂口令，并启用 5 次失败锁定 30 分钟。");
        await Item(officer, 1).Locator("input[type=file]").SetInputFilesAsync(await BrowserApp.TempFileAsync("口令策略截图.pdf", "%PDF-1.4\n%%EOF"u8.ToArray()));
        await Item(officer, 1).GetByText("口令策略截图.pdf").WaitForAsync();
        await Item(officer, 1).Locator(".gc-answer-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(officer);
        await Assertions.Expect(Item(officer, 1).Locator(".gc-item-state")).ToHaveTextAsync("待核验");
        await Item(officer, 2).GetByRole(AriaRole.Textbox).FillAsync("已将审计日志留存调整为 180 天。");
        await Item(officer, 2).Locator(".gc-answer-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(officer);
        await Assertions.Expect(Item(officer, 2).Locator(".gc-item-state")).ToHaveTextAsync("待核验");
        await Assertions.Expect(officer.Locator("#gc-notice-state")).ToHaveTextAsync("待核验");
        await BrowserApp.ScreenshotAsync(officer, "rectification-answered");

        // The police reopen the second item with a reason and accept the first.
        await police.ReloadAsync();
        await BrowserApp.ArrivedAsync(police);
        await Item(police, 1).GetByText("口令策略截图.pdf").WaitForAsync();
        await Item(police, 2).Locator(".gc-verify-reopen").ClickAsync();
        await police.FillAsync("#gc-reopen-reason", "未提供留存策略的配置截图");
        await police.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(Item(police, 2).Locator(".gc-item-state")).ToHaveTextAsync("退回重改");
        await Item(police, 1).Locator(".gc-verify-accept").ClickAsync();
        await BrowserApp.ConfirmAsync(police);
        await Assertions.Expect(Item(police, 1).Locator(".gc-item-state")).ToHaveTextAsync("已通过");
        await Assertions.Expect(police.Locator("#gc-notice-state")).ToHaveTextAsync("整改中");

        // The officer reads why and answers again; the police accept, and the notice closes.
        await officer.ReloadAsync();
        await BrowserApp.ArrivedAsync(officer);
        await Item(officer, 2).GetByText("未提供留存策略的配置截图").WaitForAsync();
        await Item(officer, 2).GetByRole(AriaRole.Textbox).FillAsync("补充：留存策略配置见附件。");
        await Item(officer, 2).Locator("input[type=file]").SetInputFilesAsync(await BrowserApp.TempFileAsync("留存策略.pdf", "%PDF-1.4\n%%EOF"u8.ToArray()));
        await Item(officer, 2).GetByText("留存策略.pdf").WaitForAsync();
        await Item(officer, 2).Locator(".gc-answer-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(officer);
        await Assertions.Expect(Item(officer, 2).Locator(".gc-item-state")).ToHaveTextAsync("待核验");

        await police.ReloadAsync();
        await BrowserApp.ArrivedAsync(police);
        await Item(police, 2).Locator(".gc-verify-accept").ClickAsync();
        await BrowserApp.ConfirmAsync(police);
        await Assertions.Expect(police.Locator("#gc-notice-state")).ToHaveTextAsync("已办结");
        await BrowserApp.ScreenshotAsync(police, "rectification-closed");

        // The list shows it closed.
        await police.GotoAsync("/security/rectifications");
        await BrowserApp.ArrivedAsync(police);
        await BrowserApp.PickAsync(police, "#gc-rectification-standing", "已办结");
        await police.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(police.Locator("#gc-rectifications tr", new() { HasText = number })).ToContainTextAsync("已办结");
        await BrowserApp.ScreenshotAsync(police, "rectifications");
        await police.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }
}
