using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// Pages run clean: no script error and no content-security-policy refusal in the browser's console on any main page
/// of any role (a refused inline handler is a control that silently does nothing).
/// </summary>
public sealed class ConsoleTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [MemberData(nameof(AccessibilityTests.Pages), MemberType = typeof(AccessibilityTests))]
    public async Task A_main_page_writes_no_error_to_the_console(string user, string url)
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await BrowserApp.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(url);
        await page.Locator(".gc-content").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Tabs are where AntDesign once wrote inline handlers: open each.
        foreach (var tab in await page.Locator(".ant-tabs-tab:not(.ant-tabs-tab-active)").AllAsync())
        {
            await tab.ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }
        await page.WaitForTimeoutAsync(500);
        // Named in the failure: the inline handlers on the page, the usual cause of a refusal.
        var inline = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + '.' + e.className + ' ' + a.name + '=' + a.value))");
        await page.Context.CloseAsync();
        Assert.True(errors.Count == 0, $"{user} {url}:\n" + string.Join("\n", errors) + "\ninline handlers:\n" + string.Join("\n", inline));
    }
}
