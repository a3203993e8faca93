using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>A dialog with unsaved changes asks before it closes; an untouched one closes at once.</summary>
public sealed class DialogTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Closing_a_dialog_with_unsaved_changes_asks_first_and_an_untouched_one_closes_at_once()
    {
        var page = await app.NewPageAsync();
        var asked = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/datacenters");
        var form = page.Locator("#gc-datacenter-form");

        await page.ClickAsync("#gc-new-datacenter");
        await form.WaitForAsync();
        await page.Locator(".ant-modal-close:visible").ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(0);
        Assert.Empty(asked);

        await page.ClickAsync("#gc-new-datacenter");
        var name = form.Locator("input.ant-input").First;
        await name.FillAsync("尚未保存的机房");
        await page.Locator(".ant-modal-close:visible").ClickAsync();
        Assert.Equal(["有尚未保存的修改，关闭后将丢失。确定关闭吗？"], asked);
        // Kept on "cancel": the dialog and what was typed.
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(name).ToHaveValueAsync("尚未保存的机房");

        accept = true;
        await page.Locator(".ant-modal-close:visible").ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(0);
        // Opened again, it starts unchanged: closing asks nothing.
        await page.ClickAsync("#gc-new-datacenter");
        await form.WaitForAsync();
        await page.Locator(".ant-modal-close:visible").ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(0);
        Assert.Equal(2, asked.Count);
        await page.Context.CloseAsync();
    }
}
