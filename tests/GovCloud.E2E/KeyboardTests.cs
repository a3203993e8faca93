using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// Everything can be done from the keyboard and one sees where the keyboard is (WCAG 2.1 2.1.1, 2.4.1, 2.4.7;
/// GB/T 37668-2019 asks the same): the first Tab offers to skip the menu, every control shows its focus, the
/// side menu folds from the keyboard and a select opens with Enter.
/// </summary>
public sealed class KeyboardTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>The outline around what has the focus: the control itself, or the box a select's or a picker's input sits in.</summary>
    private const string FocusedOutline = """
        () => {
          const e = document.activeElement;
          // AntDesign's check boxes and radios hide the input itself and draw the box beside it.
          const box = e.matches('.ant-checkbox-input, .ant-radio-input') ? e.nextElementSibling
            : e.closest('.ant-select, .ant-picker, .ant-input-affix-wrapper, .ant-input-number') || e;
          const s = getComputedStyle(box);
          return s.outlineStyle + ' ' + s.outlineWidth + ' on ' + box.className;
        }
        """;

    [Fact]
    public async Task A_page_is_entered_at_its_heading_and_the_skip_link_leads_past_the_menu()
    {
        var page = await SignedInAsync("edu", "/applications");
        // Arriving on a page puts the keyboard on its heading, inside the content: the next Tab is the page's first control.
        Assert.Equal("H1", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('gc-main').contains(document.activeElement)"));
        // From the top of the page the first stop is the skip link, which shows itself and moves on to the content.
        Assert.Equal("gc-skip", await page.EvaluateAsync<string>(
            "() => document.querySelector('a[href], button:not([disabled]), input:not([type=hidden]), [tabindex=\"0\"]').className"));
        var skip = page.Locator("a.gc-skip");
        await skip.FocusAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#gc-main")).ToBeFocusedAsync();
        Assert.EndsWith("/applications", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_control_reached_by_tab_shows_its_focus()
    {
        var page = await SignedInAsync("edu", "/applications");
        // From the top of the page: the skip link, the menu, the header, then the list's own controls.
        await page.Locator("a.gc-skip").FocusAsync();
        var seen = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var what = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 20); }");
            // Past the last control the focus leaves the page: the walk is over.
            if (what.StartsWith("BODY")) break;
            var outline = await page.EvaluateAsync<string>(FocusedOutline);
            Assert.True(outline.StartsWith("solid"), $"no visible focus on {what}: {outline}");
            seen.Add(what);
        }
        // The walk went through the menu, the header and the list's own controls.
        Assert.Contains(seen, s => s.Contains("云资源申请"));
        Assert.Contains(seen, s => s.Contains("查询"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_side_menu_folds_and_unfolds_from_the_keyboard()
    {
        var page = await SignedInAsync("edu", "/");
        var handle = page.Locator(".ant-layout-sider-trigger");
        await Assertions.Expect(handle).ToHaveAttributeAsync("role", "button");
        await Assertions.Expect(handle).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(handle).ToHaveAttributeAsync("aria-label", "收起菜单");
        await handle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".gc-sider")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-layout-sider-collapsed"));
        await Assertions.Expect(handle).ToHaveAttributeAsync("aria-label", "展开菜单");
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.Locator(".gc-sider")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-layout-sider-collapsed"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_select_opens_with_enter_and_takes_an_option_from_the_keyboard()
    {
        var page = await SignedInAsync("edu", "/applications");
        var input = page.Locator("#gc-application-state_list");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-label", "全部状态");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        await input.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".ant-select-dropdown:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#gc-application-state .ant-select-selection-item")).Not.ToBeEmptyAsync();
        // And back to 全部状态 from the keyboard: the filter's × is the next stop, and Enter clears it.
        var clear = page.Locator("#gc-application-state .ant-select-clear");
        await Assertions.Expect(clear).ToHaveAttributeAsync("tabindex", "0");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(clear).ToBeFocusedAsync();
        await Assertions.Expect(clear).ToHaveAttributeAsync("aria-label", "清除选择");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#gc-application-state .ant-select-selection-placeholder")).ToHaveTextAsync("全部状态");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_confirmation_opened_from_the_keyboard_offers_cancel_first_and_esc_gives_the_focus_back()
    {
        var page = await SignedInAsync("admin", "/users");
        var reset = page.Locator("a[role=button]", new() { HasText = "重置密码" }).First;
        await reset.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var confirm = page.Locator(".ant-popover:visible", new() { HasText = "确定重置" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        // The harmless answer has the focus: a second Enter cannot reset a password by mistake.
        await Assertions.Expect(confirm.Locator("button", new() { HasText = "取" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        await Assertions.Expect(reset).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_row_action_drawn_without_an_address_is_reached_by_tab_and_opened_with_enter()
    {
        await app.App.DraftAsync(); // a system of the agency's to edit
        var page = await SignedInAsync("edu", "/systems");
        var edit = page.Locator("a:not([href])", new() { HasText = "编辑" }).First;
        await Assertions.Expect(edit).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(edit).ToHaveAttributeAsync("role", "button");
        await edit.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".ant-modal-wrap:visible")).ToHaveAttributeAsync("aria-label", "编辑信息系统");
        // The bell says what it is and how many are unread, not the badge's digits.
        await Assertions.Expect(page.Locator("#gc-inbox-bell .gc-sr")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^站内消息"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Both_contact_errors_show_red_under_their_item_and_mark_the_fields_invalid()
    {
        // A system of the agency's of its own, whatever the other tests of this class made.
        var name = "联系人校验系统" + Guid.NewGuid().ToString("N")[..4];
        var edu = await app.App.SignInAsync("edu");
        (await edu.PostJsonAsync("/api/v1/systems", new { name, kind = "Existing", location = "UncertifiedDataCenter" })).EnsureSuccessStatusCode();
        var page = await SignedInAsync("edu", "/applications/new");
        var form = page.Locator("#gc-new-application-form");
        await BrowserApp.PickAsync(page, "#gc-system", name);
        await form.GetByPlaceholder("姓名").FillAsync("黄老师");
        await form.GetByPlaceholder("手机").FillAsync("123");
        await form.GetByPlaceholder("邮箱").FillAsync("notanemail");
        await form.GetByRole(AriaRole.Button, new() { Name = "创建草稿并继续" }).ClickAsync();
        var item = form.Locator(".ant-form-item", new() { HasText = "使用单位联系人" });
        var explain = item.Locator(".ant-form-item-explain");
        await Assertions.Expect(explain).ToContainTextAsync("手机");
        await Assertions.Expect(explain).ToContainTextAsync("邮箱");
        await Assertions.Expect(explain.Locator("div").First).ToHaveCSSAsync("color", "rgb(207, 19, 34)");
        await Assertions.Expect(form.GetByPlaceholder("手机")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInAsync(string user, string url)
    {
        var page = await app.SignedInAsync(user);
        if (url != "/") await page.GotoAsync(url);
        await BrowserApp.ArrivedAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }
}
