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

    [Fact]
    public async Task A_dialog_opens_in_its_first_field_esc_asks_like_its_close_button_and_the_focus_returns_to_the_opener()
    {
        var page = await app.SignedInAsync("edu");
        var asked = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        await page.GotoAsync("/systems");
        await BrowserApp.ArrivedAsync(page);
        var opener = page.Locator("#gc-new-system");
        var dialog = page.Locator(".ant-modal-wrap:visible");
        var name = dialog.Locator("input.ant-input").First;

        await opener.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(name).ToBeFocusedAsync();
        // Untouched, Esc closes it at once and the keyboard is back where it was.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(opener).ToBeFocusedAsync();
        Assert.Empty(asked);

        // Opened again: AntDesign takes the closed dialog down behind the scenes after it disappears (on a busy server
        // seconds later), and a dialog opened before that is closed by it. A person sees it vanish and presses again.
        await Assertions.Expect(page.Locator(".ant-modal-root")).ToHaveCountAsync(0, new() { Timeout = 15000 });
        for (var attempt = 0; ; attempt++)
        {
            await page.Keyboard.PressAsync("Enter");
            try
            {
                await dialog.WaitForAsync(new() { Timeout = 3000 });
                await page.WaitForTimeoutAsync(500);
                if (await dialog.CountAsync() == 1) break;
                throw new TimeoutException("closed again");
            }
            catch (TimeoutException) when (attempt < 3) { await opener.FocusAsync(); }
        }
        await Assertions.Expect(name).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("键盘录入的系统");
        // Esc in an open list closes the list, not the dialog.
        var location = dialog.Locator(".ant-select input[role=combobox]").First;
        await location.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".ant-select-dropdown:visible")).ToHaveCountAsync(1);
        // Open as far as the select itself knows (the live connection has drawn it open), not only on the screen.
        await Assertions.Expect(location).ToHaveAttributeAsync("aria-expanded", "true");
        await page.WaitForTimeoutAsync(300);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".ant-select-dropdown:visible")).ToHaveCountAsync(0);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        Assert.Empty(asked);

        // Changed, Esc asks as the × does; kept on "cancel".
        await Assertions.Expect(page.Locator(".ant-modal-wrap[data-gc-changed]")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        for (var wait = 0; wait < 50 && asked.Count == 0; wait++) await page.WaitForTimeoutAsync(100);
        Assert.Equal(["有尚未保存的修改，关闭后将丢失。确定关闭吗？"], asked);
        await Assertions.Expect(name).ToHaveValueAsync("键盘录入的系统");
        accept = true;
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(opener).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }
}
