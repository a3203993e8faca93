using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>A person's path through sign-in, each role's home, the errors they see, and signing out.</summary>
public sealed class SignInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("admin", "市大数据发展局", "单位总数", "用户管理")]
    [InlineData("auditor", "市大数据发展局", "审计日志条数", "审计日志")]
    [InlineData("bureau", "市大数据发展局", "待办事项", null)]
    [InlineData("center", "市信息化建设管理中心", "即将超期", null)]
    [InlineData("finance", "市财政局", "待办事项", null)]
    [InlineData("police", "市公安局", "待办事项", null)]
    [InlineData("edu", "市教育局", "待办事项", null)]
    [InlineData("county1", "柳江区教育局", "待办事项", null)]
    public async Task Each_role_signs_in_and_sees_its_home(string user, string organisation, string homeText, string? menuItem)
    {
        var page = await app.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        await BrowserApp.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GetByText(homeText).First.WaitForAsync();
        await page.Locator(".gc-header").GetByText(organisation).First.WaitForAsync();
        Assert.Contains("您好", await page.Locator("h1").InnerTextAsync());

        var menu = await page.Locator(".ant-menu").InnerTextAsync();
        Assert.Contains("首页", menu);
        if (menuItem is not null) Assert.Contains(menuItem, menu);
        else
        {
            Assert.DoesNotContain("用户管理", menu);
            Assert.DoesNotContain("审计日志", menu);
        }
        await BrowserApp.ScreenshotAsync(page, "home-" + user);
        // A blocked script or style (CSP) or a broken circuit shows up here.
        Assert.Empty(consoleErrors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_is_chinese_and_a_wrong_password_says_so()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        Assert.Equal("登录 - 柳州市政务云管理平台", await page.TitleAsync());
        await BrowserApp.ScreenshotAsync(page, "sign-in");
        await BrowserApp.SignInAsync(page, "health", "Wrong#Pass123");
        Assert.StartsWith("用户名或密码错误。连续输错 5 次账号将锁定 15 分钟", await page.Locator("#gc-login-error").InnerTextAsync());
        await BrowserApp.ScreenshotAsync(page, "sign-in-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_without_telling_the_guesser()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "nobody-here", "Wrong#Pass123");
        var unknown = await page.Locator("#gc-login-error").InnerTextAsync();
        for (var i = 1; i <= 5; i++)
        {
            await BrowserApp.SignInAsync(page, "secadmin", "Wrong#Pass123");
            Assert.Equal(unknown, await page.Locator("#gc-login-error").InnerTextAsync());
        }
        // Locked: the right password is refused too, with the very same words.
        await BrowserApp.SignInAsync(page, "secadmin");
        Assert.Equal(unknown, await page.Locator("#gc-login-error").InnerTextAsync());
        Assert.Contains("锁定", unknown);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page_and_pages_need_signing_in_again()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "health");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.Locator("#gc-sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/login");
        await page.GotoAsync("/users");
        Assert.Contains("/account/login", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Behind_a_local_reverse_proxy_the_audit_log_records_the_users_address()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { userName = "police", password = GovCloud.Web.Tests.Support.GovCloudApp.DemoPassword }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        (await http.SendAsync(request, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var ip = await app.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.AuditEntries.Where(a => a.Action == "SignIn" && a.ActorName == "police").OrderByDescending(a => a.Sequence).Select(a => a.ClientIp),
            TestContext.Current.CancellationToken));
        Assert.Equal("203.0.113.7", ip);
    }

    [Fact]
    public async Task An_agency_user_opening_an_admin_page_is_told_no()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/users");
        await page.GetByText("无权访问").First.WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_signed_in_user_typing_an_unknown_address_gets_the_chinese_not_found_page()
    {
        var page = await app.SignedInAsync("edu");
        foreach (var url in new[] { "/no/such/page", "/applications/not-a-number", "/nope.php" })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByText("页面不存在").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("a", new() { HasText = "返回首页" })).ToBeVisibleAsync();
        }
        await page.Context.CloseAsync();
    }
}
