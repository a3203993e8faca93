using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Applications;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// Art. 21 through the pages: the education bureau imports its Annex 3 form (a wrong one first, whose
/// problems show by row and column), attaches its documents and submits; the Center evaluates;
/// the Bureau approves.
/// </summary>
public sealed class ApplicationPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string SystemName = "教育云课堂平台";

    private static VmRequest Vm(int no, int? memory = 8) => new(no, "公共网络区", "广西某软件有限公司", SystemName, "课堂", ServerType.APP,
        [new BastionOwner("张三", "zhangsan@example.com", "13800000001")], 4, memory, 100, 200, "麒麟 V10", false, null, null);

    /// <summary>The system is in the register already (the register page has its own test).</summary>
    private async Task RegisterSystemAsync()
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = "edu", password = Web.Tests.Support.GovCloudApp.DemoPassword }, Ct))
            .Content.ReadFromJsonAsync<Web.Tests.Support.GovCloudApp.TokenBody>(Ct);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var response = await api.PostAsJsonAsync("/api/v1/systems", new
        {
            name = SystemName, kind = "Existing", location = "UncertifiedDataCenter", vendor = "广西某软件有限公司", vendorContactName = "赵六",
            vendorContactMobile = "13700000000",
        }, Ct);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task R_21_edu_imports_its_form_submits_the_center_evaluates_and_the_bureau_approves()
    {
        await RegisterSystemAsync();
        var edu = await app.NewPageAsync();
        await BrowserApp.SignInAsync(edu, "edu");
        await edu.WaitForURLAsync(app.BaseUrl + "/");
        await edu.GotoAsync("/applications");
        await edu.ClickAsync("#gc-new-application");
        var system = edu.Locator("#gc-new-application-form .ant-select").First;
        await BrowserApp.PickAsync(edu, system, SystemName);
        // What a person sees before pressing on: the system chosen and the mobile typed (a pick lost in a re-render shows here).
        await Assertions.Expect(system).ToContainTextAsync(SystemName);
        await edu.GetByPlaceholder("手机").FillAsync("13900000001");
        await edu.GetByPlaceholder("手机").PressAsync("Tab");
        // The page changes inside the live connection: its address is what tells, not a load event. A press that a busy
        // machine's re-render swallowed is pressed again, as a person would.
        var draft = new System.Text.RegularExpressions.Regex("/applications/[0-9a-f-]{36}$");
        var create = edu.GetByRole(AriaRole.Button, new() { Name = "创建草稿并继续" });
        for (var attempt = 0; ; attempt++)
        {
            if (attempt == 0 || await create.IsVisibleAsync()) await create.ClickAsync();
            try
            {
                await edu.WaitForURLAsync(draft, new() { WaitUntil = WaitUntilState.Commit, Timeout = 10000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3) { }
        }
        var draftUrl = edu.Url;
        // The draft waits in the agency's 待办 until it is submitted.
        await edu.GotoAsync("/");
        await edu.Locator("#gc-todo .gc-work-line", new() { HasText = SystemName }).GetByText("填写并提交申请").WaitForAsync();
        await edu.GotoAsync(draftUrl);

        // A form with a missing memory and a row of another system: every problem, by row and column, nothing imported.
        var bad = RequestFormWriter.Write(["公共网络区", "互联网区"], null, [Vm(1, memory: null), Vm(2) with { SystemName = "别的系统" }]);
        await edu.Locator("#gc-form-file").SetInputFilesAsync(await BrowserApp.TempFileAsync("bad.xlsx", bad));
        var errors = edu.Locator("#gc-import-errors");
        await errors.WaitForAsync();
        var rowOfMemory = errors.Locator("tr", new() { HasText = "内存GB" });
        Assert.Equal(["5", "K", "内存GB"], (await rowOfMemory.Locator("td").AllInnerTextsAsync()).Take(3));
        Assert.Contains("一张需求表只填一个系统", await errors.Locator("tr", new() { HasText = "系统名称" }).InnerTextAsync());
        Assert.Equal(0, await edu.Locator("#gc-vms tbody tr.ant-table-row").CountAsync());
        await BrowserApp.ScreenshotAsync(edu, "application-import-errors");

        var good = RequestFormWriter.Write(["公共网络区", "互联网区"], null, [Vm(1), Vm(2)]);
        await edu.Locator("#gc-form-file").SetInputFilesAsync(await BrowserApp.TempFileAsync("good.xlsx", good));
        await edu.GetByText("已导入 2 台虚拟机").WaitForAsync();
        Assert.Equal(0, await edu.Locator("#gc-import-errors").CountAsync());
        Assert.Equal(2, await edu.Locator("#gc-vms tbody tr.ant-table-row").CountAsync());

        // R-21.5: bandwidth and public addresses per zone, beside the catalogue services.
        await edu.GetByText("其他服务与带宽").ClickAsync();
        var network = edu.Locator("#gc-network tr[data-zone='公共网络区'] input");
        await network.Nth(0).FillAsync("50");
        await network.Nth(1).FillAsync("1");
        await edu.GetByRole(AriaRole.Button, new() { Name = "保存并下一步" }).ClickAsync();
        await edu.GetByText("申请材料（缺 3）").WaitForAsync();
        await edu.GetByText("申请材料（缺 3）").ClickAsync();
        var pdf = "%PDF-1.4\n%%EOF"u8.ToArray();
        foreach (var name in new[] { "迁移方案.pdf", "性能测试报告.pdf", "安全测试报告.pdf" })
        {
            await edu.Locator("#gc-attachment-file").SetInputFilesAsync(await BrowserApp.TempFileAsync(name, pdf));
            await edu.GetByText($"已上传：{name}").First.WaitForAsync();
        }
        await edu.Locator("#gc-attachments tr", new() { HasText = "安全测试报告" }).WaitForAsync();
        await edu.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await edu.Locator("#gc-fee-monthly").WaitForAsync();
        await BrowserApp.ScreenshotAsync(edu, "application-review");
        await edu.ClickAsync("#gc-submit-application");
        await BrowserApp.ConfirmAsync(edu);
        await edu.Locator(".gc-state", new() { HasText = "已提交" }).WaitForAsync();
        var url = edu.Url;
        await edu.Context.CloseAsync();

        var center = await app.NewPageAsync();
        await BrowserApp.SignInAsync(center, "center");
        await center.WaitForURLAsync(app.BaseUrl + "/");
        await center.GotoAsync("/applications");
        await center.GetByText("待评估的云资源申请").WaitForAsync();
        await center.Locator("#gc-applications tr", new() { HasText = SystemName }).ClickAsync();
        await center.Locator("#gc-evaluation-form").WaitForAsync();
        var second = center.Locator("tr.gc-eval-row[data-no='2']");
        await second.GetByText("调整").ClickAsync();
        await second.Locator(".ant-input-number input").Nth(1).FillAsync("4");
        await second.Locator("td").Last.Locator("input").FillAsync("负载不高，内存减半");
        var bandwidth = center.Locator("#gc-eval-network tr[data-zone='公共网络区']");
        await bandwidth.Locator("input").Nth(0).FillAsync("30");
        await bandwidth.Locator("input").Nth(2).FillAsync("按实测峰值 20 Mbps 调减");
        await center.FillAsync("#gc-evaluation-opinion", "同意迁移上云，第 2 台内存调减。");
        // The picker ignores a click on 今天 while its panel is still opening; a person simply clicks again.
        var picker = center.Locator("#gc-evaluation-form .ant-picker input");
        for (var attempt = 0; attempt < 5 && await picker.InputValueAsync() == ""; attempt++)
        {
            await picker.ClickAsync();
            await center.Locator(".ant-picker-dropdown:visible .ant-picker-today-btn").ClickAsync();
            await center.WaitForTimeoutAsync(300);
        }
        await Assertions.Expect(picker).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\d{4}"));
        await center.FillAsync("#gc-survey-people", "刘运、王工");
        await center.FillAsync("#gc-survey-findings", "机房老旧，系统运行正常，具备迁移条件");
        await BrowserApp.ScreenshotAsync(center, "application-evaluation");
        await center.ClickAsync("#gc-evaluate");
        await BrowserApp.ConfirmAsync(center);
        await center.Locator(".gc-state", new() { HasText = "已评估" }).WaitForAsync();
        await center.Locator("#gc-vms").GetByText("8 → 4 GB").WaitForAsync();
        await Assertions.Expect(center.Locator("#gc-network-needs")).ToContainTextAsync("公共网络区：带宽 50 → 30 Mbps，公网 IP 1 个（按实测峰值 20 Mbps 调减）");
        await center.Context.CloseAsync();

        var bureau = await app.NewPageAsync();
        await BrowserApp.SignInAsync(bureau, "bureau");
        await bureau.WaitForURLAsync(app.BaseUrl + "/");
        await bureau.GotoAsync("/applications");
        await bureau.GetByText("待审批的云资源申请").WaitForAsync();
        await bureau.Locator("#gc-applications tr", new() { HasText = SystemName }).ClickAsync();
        await bureau.ClickAsync("#gc-approve");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.Locator(".gc-state", new() { HasText = "待交付试用环境" }).WaitForAsync();
        await bureau.Locator("#gc-decision").WaitForAsync();
        // The evaluation and the approval are done in time; the Center's delivery of the trial environment has started (R-21.4).
        Assert.Equal(3, await bureau.Locator("#gc-application-clocks .ant-timeline-item").CountAsync());
        await Assertions.Expect(bureau.Locator("#gc-application-clocks .gc-urgency", new() { HasText = "按时完成" })).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(bureau, "application-approved");
        Assert.Equal(url, bureau.Url);
        await bureau.Context.CloseAsync();
    }

    [Fact]
    public async Task R_11_a_county_departments_application_is_submitted_to_the_city_by_its_county_government()
    {
        // Art. 5: the district's education bureau fills and sends its application; the district government submits it to the city.
        const string name = "柳江区教育城域网";
        using var department = await ApiAsync("county1");
        var system = await (await department.PostAsJsonAsync("/api/v1/systems", new
        {
            name, kind = "Existing", location = "UncertifiedDataCenter", vendor = "广西某软件有限公司", vendorContactName = "赵六", vendorContactMobile = "13700000000",
        }, Ct)).Content.ReadFromJsonAsync<Web.Features.Systems.InfoSystemDto>(Web.Tests.Support.Http.Json, Ct);
        var created = await (await department.PostAsJsonAsync("/api/v1/applications", new { systemId = system!.Id, contacts = Web.Tests.Support.ApplicationKit.Contacts }, Ct))
            .Content.ReadFromJsonAsync<ApplicationDto>(Web.Tests.Support.Http.Json, Ct);
        var sent = await Web.Tests.Support.ApplicationKit.SubmittedAsync(department, created!);
        Assert.Equal(ApplicationState.AwaitingCounty, sent.State);

        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "county1");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync($"/applications/{sent.Id}");
        await page.Locator("#gc-awaiting-county", new() { HasText = "已提交柳江区人民政府审核" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("#gc-county-review").CountAsync());
        await page.Context.CloseAsync();

        var county = await app.NewPageAsync();
        await BrowserApp.SignInAsync(county, "liujiang");
        await county.WaitForURLAsync(app.BaseUrl + "/");
        var waiting = county.Locator("#gc-todo .gc-work-line", new() { HasText = name });
        await waiting.GetByText("审核并统一提交市政务云").WaitForAsync();
        await BrowserApp.FollowAsync(county, waiting.Locator("a"), "**/applications/*");
        await county.Locator("#gc-county-review").WaitForAsync();
        await county.Locator(".gc-flow .ant-steps-item-process", new() { HasText = "县区审核" }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(county, "application-county-review");
        await county.ClickAsync("#gc-county-submit");
        await BrowserApp.ConfirmAsync(county);
        await county.Locator(".gc-state", new() { HasText = "已提交" }).WaitForAsync();
        await county.Locator(".gc-flow .ant-steps-item-process", new() { HasText = "评估" }).WaitForAsync();
        await county.GotoAsync("/applications");
        var row = county.Locator("#gc-applications tr", new() { HasText = name });
        Assert.Contains("柳江区人民政府", await row.InnerTextAsync());
        Assert.Contains("使用单位：柳江区教育局", await row.InnerTextAsync());
    }

    private async Task<HttpClient> ApiAsync(string user)
    {
        var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Web.Tests.Support.GovCloudApp.DemoPassword }, Ct))
            .Content.ReadFromJsonAsync<Web.Tests.Support.GovCloudApp.TokenBody>(Ct);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return api;
    }
}
