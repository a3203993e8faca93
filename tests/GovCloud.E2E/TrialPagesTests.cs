using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// R-21.4 and R-21.5 through the pages: the Center records the trial environment it built, the
/// agency's security officer and the Center confirm the usage agreement, the agency passes the
/// trial, the Center puts it into formal use, and the VMs show in the inventory with their history.
/// </summary>
public sealed class TrialPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
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
        await BrowserApp.ConfirmAsync(center);
        await center.GetByText("第 1 台：IP 地址格式不正确").First.WaitForAsync();
        await center.Locator("#gc-trial-state", new() { HasText = "待交付试用环境" }).WaitForAsync();

        await center.FillAsync("#gc-ips-1", $"10.8.{Random.Shared.Next(1, 250)}.11");
        await center.FillAsync("#gc-host-2", $"db-{tag}");
        await center.FillAsync("#gc-ips-2", $"10.9.{Random.Shared.Next(1, 250)}.12");
        foreach (var (row, owner, account) in new[] { (1, 0, "zhangsan"), (1, 1, "lisi"), (2, 0, "zhangsan"), (2, 1, "lisi") })
            await center.FillAsync($"#gc-account-{row}-{owner}", account + tag);
        await BrowserApp.ScreenshotAsync(center, "trial-delivery");
        await center.ClickAsync("#gc-deliver");
        await BrowserApp.ConfirmAsync(center);
        await center.Locator("#gc-trial-state", new() { HasText = "试用中" }).WaitForAsync();
        await center.Locator("#gc-trial-vms").GetByText($"web-{tag}").WaitForAsync();
        await center.Locator("#gc-trial-blockers").GetByText("使用单位尚未确认使用协议").WaitForAsync();
        await center.ClickAsync("#gc-center-agree");
        await BrowserApp.ConfirmAsync(center);
        await center.Locator("#gc-trial").GetByText("刘运（评估/运维人员） 于").WaitForAsync(); // the person, not the sign-in name

        // The agency's security officer is told: the agreement waits in its 待办, one click from the place to confirm it.
        var officer = await SignedInAsync("edusec");
        await officer.GotoAsync("/");
        // Other trials of the same agency may wait too (tests share the database): this application's line, by its link.
        var todo = officer.Locator("#gc-todo .gc-work-line", new() { HasText = "确认使用协议" }).Locator($"a[href='{url.TrimStart('/')}']");
        await BrowserApp.ScreenshotAsync(officer, "home-agency-security-officer");
        await BrowserApp.FollowAsync(officer, todo, app.BaseUrl + url);
        await officer.ClickAsync("#gc-agency-agree");
        await BrowserApp.ConfirmAsync(officer);
        await officer.Locator("#gc-trial").GetByText("蒙安（教育局安全负责人） 于").WaitForAsync();
        await officer.Context.CloseAsync();

        var edu = await SignedInAsync("edu");
        await edu.GotoAsync(url);
        await edu.Locator("#gc-trial-report").GetByText("试用通过").ClickAsync();
        await edu.ClickAsync("#gc-trial-report-button");
        await edu.Locator("#gc-trial-result", new() { HasText = "试用通过" }).WaitForAsync();

        await center.ReloadAsync();
        await center.ClickAsync("#gc-go-live");
        await BrowserApp.ConfirmAsync(center);
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
        // Who acted reads as a person, not a sign-in name.
        await Assertions.Expect(history).ToContainTextAsync("刘运（评估/运维人员）");
        await Assertions.Expect(history).Not.ToContainTextAsync("· center");
        await edu.Locator("#gc-vm-detail").GetByText($"张三：zhangsan{tag}").WaitForAsync();
        await BrowserApp.ScreenshotAsync(edu, "inventory");
        await edu.Context.CloseAsync();

        await ResizeThenTerminateAsync(a.SystemName, tag);
    }

    [Fact]
    public async Task R_21_5_the_center_compares_the_platforms_export_with_the_inventory()
    {
        var (_, _, _, trial) = await app.App.InTrialAsync();
        var web = trial.Vms.Single(v => v.HostName.StartsWith("web-"));
        var csv = "云主机名称,内网IP,vCPU,内存(GB)\n" + $"{web.HostName},{web.Ips.Replace(", ", "、")},8,8\n" + "shadow-e2e,172.30.0.9,2,4\n";
        var path = Path.Combine(Directory.CreateTempSubdirectory("gc-e2e-").FullName, "平台清单.csv");
        await File.WriteAllTextAsync(path, csv, TestContext.Current.CancellationToken);

        var center = await SignedInAsync("center");
        await center.GotoAsync("/inventory");
        await center.ClickAsync("#gc-reconcile");
        await center.Locator("#gc-platform-file").SetInputFilesAsync(path);
        await center.Locator("#gc-reconciliation-summary").GetByText("平台有而台账无 1 台", new() { Exact = false }).WaitForAsync();
        await center.Locator("#gc-unregistered").GetByText("shadow-e2e").WaitForAsync();
        await center.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("配置不一致") }).ClickAsync();
        await center.Locator("#gc-drifts").GetByText("vCPU：台账 4 核，平台 8 核", new() { Exact = false }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(center, "reconciliation");
        await center.Context.CloseAsync();
    }

    /// <summary>
    /// Opens an AntDesign select and picks an option. A page just opened may still be loading the options: a list
    /// opened before they arrived stays empty, so it is closed and opened again until the option shows.
    /// </summary>
    private static async Task<string> FileAsync(string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gc-e2e-").FullName, name);
        await File.WriteAllBytesAsync(path, ApplicationKit.Pdf);
        return path;
    }

    /// <summary>R-21.6 then R-21.7: the agency resizes its web server, then terminates the system; the Center reclaims with the data record.</summary>
    private async Task ResizeThenTerminateAsync(string system, string tag)
    {
        var edu = await SignedInAsync("edu");
        await edu.GotoAsync("/changes");
        await edu.ClickAsync("#gc-new-change");
        await BrowserApp.PickAsync(edu, "#gc-change-system .ant-select", system);
        var web = edu.Locator(".gc-change-line", new() { HasText = $"web-{tag}" });
        await web.GetByText("调整配置").ClickAsync();
        await edu.FillAsync($"#gc-resize-vcpu-web-{tag} input", "8");
        await edu.FillAsync("#gc-change-reason", "招生季访问量翻倍"); // (moves focus: the number is taken)
        await BrowserApp.ScreenshotAsync(edu, "change-new");
        await edu.ClickAsync("#gc-submit-change");
        await BrowserApp.ConfirmAsync(edu);
        await edu.Locator(".gc-state", new() { HasText = "待评估" }).WaitForAsync();
        var url = new Uri(edu.Url).AbsolutePath;

        var center = await SignedInAsync("center");
        await center.GotoAsync(url);
        await center.FillAsync("#gc-change-opinion", "同意扩容");
        await center.ClickAsync("#gc-change-evaluate");
        await BrowserApp.ConfirmAsync(center);
        await center.Locator(".gc-state", new() { HasText = "待审批" }).WaitForAsync();

        var bureau = await SignedInAsync("bureau");
        await bureau.GotoAsync("/changes");
        await bureau.Locator("#gc-changes tr", new() { HasText = system }).First.ClickAsync();
        await bureau.ClickAsync("#gc-change-approve");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.Locator(".gc-state", new() { HasText = "待实施" }).WaitForAsync();

        await center.ReloadAsync();
        await center.ClickAsync("#gc-change-complete");
        await BrowserApp.ConfirmAsync(center);
        await center.Locator(".gc-state", new() { HasText = "已完成" }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(center, "change-done");

        // Termination: the evidence is attached, the Center reclaims with the data handover/wipe record.
        await edu.GotoAsync("/changes/new?kind=Termination");
        await BrowserApp.PickAsync(edu, "#gc-change-system .ant-select", system);
        await edu.GetByText("信息系统已下线").ClickAsync();
        await edu.GetByText("数据已迁移或备份").ClickAsync();
        await edu.Locator("#gc-evidence-file").SetInputFilesAsync(await FileAsync("下线证明.pdf"));
        await edu.GetByText("下线证明.pdf").WaitForAsync();
        await edu.ClickAsync("#gc-submit-change");
        await BrowserApp.ConfirmAsync(edu);
        await edu.Locator(".gc-state", new() { HasText = "待评估" }).WaitForAsync();
        url = new Uri(edu.Url).AbsolutePath;

        await center.GotoAsync(url);
        await center.FillAsync("#gc-change-opinion", "同意终止");
        await center.ClickAsync("#gc-change-evaluate");
        await BrowserApp.ConfirmAsync(center);
        await bureau.GotoAsync(url);
        await bureau.ClickAsync("#gc-change-approve");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.Locator(".gc-state", new() { HasText = "待实施" }).WaitForAsync();
        await bureau.Context.CloseAsync();

        await center.ReloadAsync();
        // Art. 26: the data is handed over and wiped, both on record (the dates start at today).
        await center.FillAsync("#gc-disposal-to", "市教育局");
        await center.FillAsync("#gc-disposal-content", "学籍数据全量导出");
        await center.FillAsync("#gc-disposal-wipe", "云硬盘多次覆写后释放");
        await center.FillAsync("#gc-disposal-people", "刘运、黄老师");
        await center.Locator("#gc-disposal-file").SetInputFilesAsync(await FileAsync("数据清除证明.pdf"));
        await center.GetByText("数据清除证明.pdf").WaitForAsync();
        await BrowserApp.ScreenshotAsync(center, "termination-reclaim");
        await center.ClickAsync("#gc-change-reclaim");
        await BrowserApp.ConfirmAsync(center);
        await center.Locator(".gc-state", new() { HasText = "已完成" }).WaitForAsync();
        await center.Locator("#gc-disposal").GetByText("移交 市教育局（学籍数据全量导出）", new() { Exact = false }).WaitForAsync();
        await center.Context.CloseAsync();

        await edu.GotoAsync("/inventory");
        await edu.FillAsync("#gc-inventory-q", tag);
        await edu.ClickAsync("#gc-inventory-search");
        await Assertions.Expect(edu.Locator("#gc-inventory tbody tr.ant-table-row", new() { HasText = "已回收" })).ToHaveCountAsync(2);
        await edu.Locator("#gc-inventory tr", new() { HasText = $"web-{tag}" }).GetByText("8 核", new() { Exact = false }).WaitForAsync();
        await edu.Context.CloseAsync();
    }

    [Fact]
    public async Task The_center_finds_its_trials_by_stage_although_its_list_opens_on_applications_to_evaluate()
    {
        var (_, _, application, _) = await app.App.InTrialAsync();
        var page = await app.SignedInAsync("center");
        await page.GotoAsync("/applications");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待评估的云资源申请");
        await BrowserApp.PickAsync(page, page.Locator("#gc-application-trial"), "试用中", exact: true);
        // The stage belongs to approved applications: 已提交 gave way to 已批准.
        await Assertions.Expect(page.Locator("#gc-application-state .ant-select-selection-item")).ToHaveTextAsync("已批准");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.Locator("#gc-applications").GetByText(application.Number)).ToBeVisibleAsync();

        // The address carries the stage too (a link from elsewhere).
        await page.GotoAsync("/applications?trial=InTrial");
        await Assertions.Expect(page.Locator("#gc-applications").GetByText(application.Number)).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_message_at_a_field_of_the_case_page_goes_as_soon_as_the_field_is_corrected()
    {
        var (_, _, application, _) = await app.App.InTrialAsync();
        var page = await app.SignedInAsync("edu");
        await page.GotoAsync($"/applications/{application.Id}");
        var report = page.Locator("#gc-trial-report-button");
        await report.ClickAsync();
        var message = page.Locator("#gc-trial-report + .gc-field-error");
        await Assertions.Expect(message).ToHaveTextAsync("请选择试用结果");
        // Chosen: the message goes at once, before anything is sent again.
        await page.Locator("#gc-trial-report").GetByText("试用通过").ClickAsync();
        await Assertions.Expect(message).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
