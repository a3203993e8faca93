using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>The system administrator loads next year's holiday notice and sees the calendar change.</summary>
public sealed class CalendarPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_admin_imports_a_2027_notice_and_the_days_change()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "admin");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/calendar");
        await page.Locator("#gc-calendar-year").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "calendar");

        // Go to 2027: nothing loaded yet, so the weekend rule applies and the year is provisional.
        await page.GotoAsync("/calendar?year=2026");
        await page.Locator("#gc-calendar-year").GetByText("2026 年").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一年" }).ClickAsync();
        await page.Locator("#gc-calendar-year").GetByText("2027 年").WaitForAsync();
        await page.Locator("#gc-calendar-provisional").WaitForAsync();
        Assert.DoesNotContain("gc-work", await page.Locator("td[data-date='2027-02-07']").GetAttributeAsync("class") ?? "");

        var file = Path.Combine(Path.GetTempPath(), "2027-notice.csv");
        await File.WriteAllTextAsync(file, "# source 2027: 国务院办公厅通知\ndate,kind,holiday\n2027-01-01,off,元旦\n2027-02-05,off,春节\n" +
            "2027-02-06,off,春节\n2027-02-07,work,春节\n2027-02-08,off,春节\n2027-02-09,off,春节\n2027-02-10,off,春节\n2027-02-11,off,春节\n", TestContext.Current.CancellationToken);
        await page.Locator("#gc-calendar-file").SetInputFilesAsync(file);
        await page.GetByText("已导入 2027 年节假日安排").WaitForAsync();

        await page.Locator("td[data-date='2027-02-07'].gc-work").WaitForAsync();
        Assert.Contains("gc-off", await page.Locator("td[data-date='2027-02-08']").GetAttributeAsync("class"));
        Assert.Equal(0, await page.Locator("#gc-calendar-provisional").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "calendar-2027");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_makes_one_day_a_holiday_by_clicking_it()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "admin");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/calendar?year=2025");
        await page.Locator("#gc-calendar-year").GetByText("2025 年").WaitForAsync();
        var day = page.Locator("td[data-date='2025-12-29']"); // a Monday
        await day.ClickAsync();
        var dialog = page.Locator(".ant-modal:visible");
        await dialog.GetByText("放假", new() { Exact = true }).ClickAsync();
        await dialog.GetByPlaceholder("节日名称，如 国庆节").FillAsync("调整演练");
        await dialog.GetByRole(AriaRole.Button).Filter(new() { HasText = "保" }).ClickAsync();
        await page.Locator("td[data-date='2025-12-29'].gc-off").WaitForAsync();
        await page.GetByText("已修改 2025-12-29：法定节假日").WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_file_is_explained_by_line()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "admin");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/calendar");
        var file = Path.Combine(Path.GetTempPath(), "bad-notice.csv");
        await File.WriteAllTextAsync(file, "date,kind,holiday\n2027-02-30,off,春节\n", TestContext.Current.CancellationToken);
        await page.Locator("#gc-calendar-file").SetInputFilesAsync(file);
        Assert.Contains("第 2 行 date 列", await page.Locator("#gc-import-errors").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_agency_user_reads_the_calendar_but_cannot_import()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/calendar?year=2026");
        await page.Locator("td[data-date='2026-10-01'].gc-off").WaitForAsync();
        Assert.Equal(0, await page.Locator("#gc-calendar-file").CountAsync());
        await page.Context.CloseAsync();
    }
}
