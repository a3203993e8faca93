using GovCloud.Web.Infrastructure;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// R-25.1 through the pages: the Bureau plans a joint inspection with the police; the police record what they find at the
/// education bureau, with evidence, and issue a 整改通知书 from those findings; the findings then name their notice, and the
/// agency's security officer finds the notice in 待办.
/// </summary>
public sealed class InspectionPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task R_25_1_the_bureau_plans_the_police_record_findings_and_issue_a_notice_from_them()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var name = $"第四季度联合安全检查-{Guid.NewGuid():N}"[..16];
        var bureau = await app.SignedInAsync("bureau");
        await bureau.GotoAsync("/security/inspections");
        await BrowserApp.ArrivedAsync(bureau);
        await bureau.ClickAsync("#gc-inspection-new");
        await bureau.Locator(".ant-drawer-open").GetByText("已按模板列出，可增删").WaitForAsync();
        await bureau.FillAsync("#gc-inspection-name", name);
        await Assertions.Expect(bureau.Locator("#gc-inspection-name")).ToHaveValueAsync(name);
        await BrowserApp.TypeDateAsync(bureau, bureau.Locator("#gc-inspection-starts input"), today);
        await BrowserApp.TypeDateAsync(bureau, bureau.Locator("#gc-inspection-ends input"), today.AddDays(14));
        // A multiple select gives its id to its box and to its search input: the box is what a person clicks.
        // A multiple select stays open after a pick (Esc would ask to close the changed drawer): a click on a heading closes it.
        await BrowserApp.PickAsync(bureau, "div#gc-inspection-targets", "市教育局", exact: true);
        await bureau.Locator(".ant-drawer-open .ant-drawer-title").ClickAsync();
        await BrowserApp.PickAsync(bureau, "div#gc-inspection-participants", "市公安局", exact: true);
        await bureau.Locator(".ant-drawer-open .ant-drawer-title").ClickAsync();
        await BrowserApp.ScreenshotAsync(bureau, "inspection-plan");
        await bureau.ClickAsync("#gc-inspection-plan");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.WaitForURLAsync("**/security/inspections/*");
        var url = bureau.Url;
        await bureau.Context.CloseAsync();

        // The police record two findings at the education bureau, one with its evidence.
        var police = await app.SignedInAsync("police");
        await police.GotoAsync(url);
        await BrowserApp.ArrivedAsync(police);
        async Task RecordAsync(string item, string risk, string description, string? file = null)
        {
            await BrowserApp.PickAsync(police, "#gc-finding-target", "市教育局");
            await BrowserApp.PickAsync(police, "#gc-finding-item", item);
            await BrowserApp.PickAsync(police, "#gc-finding-risk", risk);
            await police.FillAsync("#gc-finding-description", description);
            if (file is not null)
            {
                await police.Locator("#gc-finding-file").SetInputFilesAsync(await BrowserApp.TempFileAsync(file, "%PDF-1.4\n%%EOF"u8.ToArray()));
                await police.GetByText(file).WaitForAsync();
            }
            await police.ClickAsync("#gc-finding-save");
            await police.Locator(".gc-inspection-target").GetByText(description).WaitForAsync();
        }
        await RecordAsync("安全审计与日志留存", "高风险", "智慧校园平台数据库未开启审计日志。", "审计配置截图.pdf");
        await RecordAsync("身份鉴别与口令策略", "中风险", "门户网站后台存在弱口令账号。");
        var target = police.Locator(".gc-inspection-target", new() { HasText = "市教育局" });
        await target.GetByText("审计配置截图.pdf").WaitForAsync();
        await BrowserApp.ScreenshotAsync(police, "inspection-findings");

        // A notice from those findings: the form comes filled in from them.
        await BrowserApp.FollowAsync(police, target.Locator(".gc-issue-from-findings"), "**/security/rectifications?inspection=*");
        var drawer = police.Locator(".ant-drawer-open");
        await drawer.GetByText($"据“{name}").WaitForAsync();
        await Assertions.Expect(police.Locator("#gc-item-text-0")).ToHaveValueAsync("安全审计与日志留存：智慧校园平台数据库未开启审计日志。");
        await Assertions.Expect(police.Locator("#gc-item-text-1")).ToHaveValueAsync("身份鉴别与口令策略：门户网站后台存在弱口令账号。");
        await police.FillAsync("#gc-rectification-phone", "0772-2801234");
        await police.ClickAsync("#gc-rectification-issue");
        await BrowserApp.ConfirmAsync(police);
        await police.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/security/rectifications/[0-9a-f-]{36}$"));
        await Assertions.Expect(police.Locator(".gc-notice-item")).ToHaveCountAsync(2);
        var number = (await police.Locator(".ant-breadcrumb li").Last.InnerTextAsync()).Trim();

        // The findings name their notice.
        await police.GotoAsync(url);
        await BrowserApp.ArrivedAsync(police);
        await Assertions.Expect(police.Locator(".gc-inspection-target", new() { HasText = "市教育局" }).GetByText(number)).ToHaveCountAsync(2);
        await Assertions.Expect(police.Locator(".gc-issue-from-findings")).ToHaveCountAsync(0);
        await police.Context.CloseAsync();

        var officer = await app.SignedInAsync("edusec");
        await officer.GotoAsync("/");
        await Assertions.Expect(officer.Locator("#gc-todo")).ToContainTextAsync(number);
        await officer.Context.CloseAsync();
    }
}
