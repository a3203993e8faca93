using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>The system administrator keeps the organisation tree and accounts; the auditor reads the log.</summary>
public sealed class AdminPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_admin_adds_an_agency_and_a_wrong_credit_code_is_flagged_while_typing()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "admin");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/organisations");
        await page.GetByText("市教育局").First.WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "organisations");

        await page.ClickAsync("#gc-new-org");
        var dialog = page.Locator(".ant-modal");
        await dialog.GetByText("新建单位").First.WaitForAsync();
        await dialog.Locator("input[name='form.Name']").FillAsync("市林业局");
        await BrowserApp.PickAsync(page, dialog.Locator(".ant-select").First, "市直使用单位");
        var code = dialog.Locator("input[name='form.CreditCode']");
        await code.PressSequentiallyAsync("91350100M000100Y44");
        await dialog.GetByText("统一社会信用代码校验位不正确").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "organisation-form-error");

        var valid = GovCloud.Web.Infrastructure.Data.DemoData.SampleCreditCode("450200", 777);
        await code.FillAsync(valid);
        await dialog.GetByText("财政全额拨款").ClickAsync();
        var save = dialog.GetByRole(AriaRole.Button, new() { Name = "保 存" }).Or(dialog.GetByRole(AriaRole.Button, new() { Name = "保存" })).First;
        // The server's refusal shows at its field, and goes as soon as the field is corrected, before saving again.
        var name = dialog.Locator("input[name='form.Name']");
        await name.FillAsync("市教育局");
        await save.ClickAsync();
        var taken = dialog.Locator(".ant-form-item-has-error", new() { HasText = "单位名称“市教育局”已存在" });
        await taken.WaitForAsync();
        await name.FillAsync("市林业局");
        await name.BlurAsync();
        await Assertions.Expect(dialog.GetByText("单位名称“市教育局”已存在")).ToHaveCountAsync(0);
        await save.ClickAsync();
        await page.GetByText("已保存：市林业局").WaitForAsync();
        await page.Locator("table").GetByText("市林业局").WaitForAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "组织机构树" }).ClickAsync();
        var tree = page.Locator("#gc-org-tree");
        await tree.GetByText("柳江区教育局").WaitForAsync();
        Assert.Contains("市林业局", await tree.InnerTextAsync());
        await BrowserApp.ScreenshotAsync(page, "organisation-tree");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_new_user_gets_a_one_time_password_and_must_change_it_at_first_sign_in()
    {
        var admin = await app.NewPageAsync();
        await BrowserApp.SignInAsync(admin, "admin");
        await admin.WaitForURLAsync(app.BaseUrl + "/");
        await admin.GotoAsync("/users");
        await admin.Locator("table").GetByText("edu", new() { Exact = true }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(admin, "users");

        await admin.ClickAsync("#gc-new-user");
        var dialog = admin.Locator(".ant-modal:visible");
        await dialog.Locator("input[name='form.UserName']").FillAsync("zhangsan");
        await BrowserApp.PickAsync(admin, dialog.Locator(".ant-select").First, "市民政局", exact: true);
        await dialog.Locator("input[name='form.DisplayName']").FillAsync("张三");
        // Ticking an administrator role next to a business role is flagged at once (三员分立).
        await dialog.Locator(".ant-checkbox-wrapper", new() { HasText = "审计管理员" }).ClickAsync();
        await dialog.Locator(".ant-checkbox-wrapper", new() { HasText = "使用单位经办人" }).ClickAsync();
        await dialog.GetByText("三员分立").First.WaitForAsync();
        await BrowserApp.ScreenshotAsync(admin, "user-form-error");
        await dialog.Locator(".ant-checkbox-wrapper", new() { HasText = "审计管理员" }).ClickAsync();
        await dialog.Locator("button[type='submit']").ClickAsync();
        var password = (await admin.Locator("#gc-one-time-password").InnerTextAsync()).Trim();
        Assert.True(password.Length >= 10, password);
        await admin.Context.CloseAsync();

        var user = await app.NewPageAsync();
        await BrowserApp.SignInAsync(user, "zhangsan", password);
        await user.WaitForURLAsync("**/account/change-password");
        await user.GetByText("您正在使用一次性密码").WaitForAsync();
        await user.FillAsync("#current", password);
        await user.FillAsync("#new", "zhangsan#2026A");
        await user.FillAsync("#confirm", "zhangsan#2026A");
        await user.ClickAsync("#gc-password-submit");
        Assert.Contains("密码不能包含用户名", await user.Locator("#gc-password-error").InnerTextAsync());
        await BrowserApp.ScreenshotAsync(user, "change-password-error");

        await user.FillAsync("#current", password);
        await user.FillAsync("#new", "Minzheng#2026");
        await user.FillAsync("#confirm", "Minzheng#2026");
        await user.ClickAsync("#gc-password-submit");
        await user.WaitForURLAsync(app.BaseUrl + "/");
        await user.Locator(".gc-header").GetByText("市民政局").WaitForAsync();
        await user.Context.CloseAsync();
    }

    [Fact]
    public async Task The_security_administrator_unlocks_a_locked_account()
    {
        var victim = await app.NewPageAsync();
        for (var i = 0; i < 5; i++) await BrowserApp.SignInAsync(victim, "health", "Wrong#Pass123");
        await BrowserApp.SignInAsync(victim, "health");
        Assert.StartsWith("用户名或密码错误", await victim.Locator("#gc-login-error").InnerTextAsync());

        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "secadmin");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GetByText("当前锁定的账号").WaitForAsync();
        await page.GotoAsync("/account-security");
        var row = page.Locator("tr", new() { HasText = "health" });
        await row.WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "account-security");
        await row.GetByText("解锁").ClickAsync();
        await page.GetByText("已解锁").First.WaitForAsync();
        await page.Context.CloseAsync();

        await BrowserApp.SignInAsync(victim, "health");
        await victim.WaitForURLAsync(app.BaseUrl + "/");
        await victim.Context.CloseAsync();
    }

    [Fact]
    public async Task The_auditor_searches_the_log_and_verifies_the_chain()
    {
        var (edu, a) = await app.App.DraftAsync();
        await ApplicationKit.SubmittedAsync(edu, a);
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "auditor");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/audit");
        await page.Locator("table").GetByText("登录").First.WaitForAsync();
        await page.ClickAsync("#gc-verify");
        await page.GetByText("哈希链完整").WaitForAsync();
        // By object type, in Chinese; each entry says what changed, the raw record one click away.
        await BrowserApp.PickAsync(page, "#gc-audit-entity-type", "云资源申请", exact: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var entry = page.Locator("table tr", new() { HasText = "提交申请" }).First;
        await entry.Locator(".gc-audit-summary", new() { HasText = "状态：草稿 → 已提交" }).WaitForAsync();
        await Assertions.Expect(entry.Locator(".gc-audit-raw .gc-json").First).Not.ToBeVisibleAsync();
        await entry.GetByText("原始记录").ClickAsync();
        await Assertions.Expect(entry.Locator(".gc-audit-raw .gc-json").First).ToContainTextAsync("\"state\"");
        await BrowserApp.ScreenshotAsync(page, "audit");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GB22239_a_role_grant_to_an_administrator_waits_for_another_administrator_who_approves_it_on_the_page()
    {
        var admin = await app.NewPageAsync();
        await BrowserApp.SignInAsync(admin, "admin");
        await admin.WaitForURLAsync(app.BaseUrl + "/");
        // The system administrator reads no business data and no audit log.
        foreach (var denied in new[] { "/applications", "/audit" })
        {
            await admin.GotoAsync(denied);
            await admin.GetByText("无权访问").First.WaitForAsync();
        }
        await admin.GotoAsync("/users");
        var row = admin.Locator("tr", new() { HasText = "陈批" });
        await row.GetByText("编辑").ClickAsync();
        var dialog = admin.Locator(".ant-modal:visible");
        await dialog.GetByText("编辑用户").WaitForAsync();
        await dialog.Locator(".ant-checkbox-wrapper", new() { HasText = "审批人员" }).ClickAsync();
        await dialog.Locator(".ant-checkbox-wrapper", new() { HasText = "审计管理员" }).ClickAsync();
        await dialog.Locator("button[type='submit']").ClickAsync();
        await admin.GetByText("已提交三员审批").WaitForAsync();
        await admin.GotoAsync("/admin-requests");
        await admin.Locator("table").GetByText("审批人员").First.WaitForAsync();
        // The requester sees its request, and may withdraw it, not approve it.
        Assert.Equal(0, await admin.Locator(".gc-approve").CountAsync());
        await admin.Context.CloseAsync();

        var security = await app.NewPageAsync();
        await BrowserApp.SignInAsync(security, "secadmin");
        await security.WaitForURLAsync(app.BaseUrl + "/");
        // The approver learns of it on the home page and follows the link.
        await BrowserApp.FollowAsync(security, security.Locator("#gc-home-admin-requests").GetByText("去审批"), app.BaseUrl + "/admin-requests");
        await security.Locator("table").GetByText("bureau").First.WaitForAsync();
        await BrowserApp.ScreenshotAsync(security, "admin-requests");
        // A refusal needs its reason: without one the dialog stays and says so.
        await security.Locator("tr", new() { HasText = "bureau" }).GetByText("不予批准").ClickAsync();
        await security.ClickAsync("#gc-reason-ok");
        await security.Locator(".ant-modal:visible").GetByText("请填写理由").WaitForAsync();
        await security.Locator(".ant-modal:visible").GetByText("取消").ClickAsync();
        await security.Locator(".gc-approve").First.ClickAsync();
        await BrowserApp.ConfirmAsync(security);
        await security.GetByText("已批准：").First.WaitForAsync();
        await security.Context.CloseAsync();
    }
}
