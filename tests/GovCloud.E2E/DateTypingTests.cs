using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// A date is typed as offices write it (2026-06-01, 2026/6/1, 2026.6.1, 2026年6月1日, 20260601) and the picker keeps
/// it, whether the field is left with Enter or with Tab; an impossible day is not turned into another, and the user is told.
/// </summary>
public sealed class DateTypingTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("2016/3/1", "Enter", "2016-03-01")]
    [InlineData("2016.3.1", "Tab", "2016-03-01")]
    [InlineData("2016年3月1日", "Enter", "2016-03-01")]
    [InlineData("20160301", "Tab", "2016-03-01")]
    [InlineData("2016-03-01", "Tab", "2016-03-01")]
    [InlineData("2016/2/30", "Tab", "")]
    public async Task A_date_typed_in_any_common_spelling_is_kept(string typed, string key, string kept)
    {
        var page = await app.SignedInAsync("edu");
        await page.GotoAsync("/datacenters");
        await page.ClickAsync("#gc-new-datacenter");
        var since = page.Locator("#gc-datacenter-form #gc-in-service-since input");
        await BrowserApp.TypeIntoPickerAsync(page, since, typed);
        await since.PressAsync(key);
        await page.WaitForTimeoutAsync(800);
        await Assertions.Expect(since).ToHaveValueAsync(kept);
        // A day that does not exist is not dropped without a word.
        if (kept == "") await Assertions.Expect(page.Locator(".gc-date-refused")).ToHaveTextAsync($"没有这一天：{typed}，请重新输入");
        else await Assertions.Expect(page.Locator(".gc-date-refused:visible")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
