using System.Net;
using System.Net.Sockets;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>The app on Kestrel with demo data, and a headless Debian Chromium to drive it.</summary>
public class BrowserApp : IAsyncLifetime
{
    public BrowserApp() : this(null) { }

    /// <summary>An app with settings of its own (the defaults of <see cref="GovCloudApp"/> otherwise).</summary>
    protected BrowserApp(IDictionary<string, string?>? settings) => App = new GovCloudApp(Provider.Sqlite, settings: settings);

    public GovCloudApp App { get; }
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Set GOVCLOUD_SCREENSHOTS to a folder to keep screenshots of the pages the tests visit.</summary>
    public static string? ScreenshotDir => Environment.GetEnvironmentVariable("GOVCLOUD_SCREENSHOTS");

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (no cookies) on a window of the given size: 1366×800 unless said.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = height },
            // A phone-sized window is a phone: touch and a device pixel ratio as on one.
            HasTouch = width < 768, IsMobile = width < 768, DeviceScaleFactor = width < 768 ? 2 : 1,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Fills the sign-in form and submits it.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password = GovCloudApp.DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#gc-login-submit");
    }

    /// <summary>A fresh browser signed in as <paramref name="user"/>, on its home page (where sign-in leads).</summary>
    public async Task<IPage> SignedInAsync(string user)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, user);
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    /// <summary>
    /// Waits until the page just opened has put the focus on its title, as it does once it is live: a key pressed or a
    /// focus moved before that is undone by it (on a busy machine this comes seconds after the page shows).
    /// </summary>
    public static async Task ArrivedAsync(IPage page) =>
        await Assertions.Expect(page.Locator("h1").First).ToBeFocusedAsync(new() { Timeout = 15000 });

    /// <summary>
    /// Opens a select and picks an option. The list may open before its options have loaded (a Blazor
    /// round trip), and a redraw of the form may close it again between the option showing and the click
    /// (the option is then found but never visible), so the list is closed and opened again until the
    /// click lands. The list of a select picked just before may still be fading out with the same options
    /// (two risk levels in a row): the option is taken from the list opened last, which comes last in the page.
    /// </summary>
    public static async Task PickAsync(IPage page, ILocator select, string option, bool exact = false)
    {
        var item = page.Locator(".ant-select-dropdown:visible .ant-select-item-option").GetByText(option, new() { Exact = exact }).Last;
        for (var attempt = 0; ; attempt++)
        {
            await select.ClickAsync();
            try
            {
                await item.ClickAsync(new() { Timeout = 3000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                await page.Keyboard.PressAsync("Escape");
                await page.WaitForTimeoutAsync(300); // the list's closing animation, so the next click opens it
            }
        }
    }

    public static Task PickAsync(IPage page, string select, string option, bool exact = false) =>
        PickAsync(page, page.Locator(select), option, exact);

    /// <summary>
    /// Follows a link on a page just opened. The page is first sent prerendered and then drawn again once its
    /// live connection is up; a click in between lands on the first drawing and is lost, so it is clicked again
    /// until the address changes, as a person would.
    /// </summary>
    public static async Task FollowAsync(IPage page, ILocator link, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            // A slow navigation may have left the link's page meanwhile: then there is nothing to click again.
            if (attempt == 0 || await link.IsVisibleAsync()) await link.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url, new() { Timeout = 5000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (attempt < 5) { }
        }
    }

    /// <summary>
    /// The OK of the confirmation just opened; then waits until it has closed, so that opening the same
    /// confirmation again (after a refused attempt) is not swallowed by its closing animation.
    /// </summary>
    public static async Task ConfirmAsync(IPage page)
    {
        await page.Locator(".ant-popover:visible .ant-btn-primary").Last.ClickAsync();
        await Assertions.Expect(page.Locator(".ant-popover:visible")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Keys as a fast typist presses them, 40 ms apart. Keys with no gap at all race the picker's round trips to the server (each key
    /// is an input event the server answers by drawing the picker again) and, on a busy machine, a key lands in a value the server is
    /// about to replace: nobody types like that.
    /// </summary>
    public static readonly LocatorPressSequentiallyOptions Typing = new() { Delay = 40 };

    /// <summary>
    /// Types a day into a date picker as offices type it and commits it with Tab. Tab from one picker may already have opened
    /// the next one's panel, and a click then closes it: it is clicked until its panel is open.
    /// </summary>
    public static async Task TypeDateAsync(IPage page, ILocator input, DateOnly day)
    {
        await TypeIntoPickerAsync(page, input, day.ToString("yyyy-MM-dd"));
        await input.PressAsync("Tab");
        await Assertions.Expect(input).ToHaveValueAsync(day.ToString("yyyy-MM-dd"));
    }

    /// <summary>
    /// Opens the picker and types <paramref name="text"/> as a person does, and as a person types again what the screen shows was
    /// lost: a key pressed while the picker is being drawn again after opening (a first page on a cold, busy machine) can vanish,
    /// which is the picker's, not the date rules' under test. Done when the field holds what was typed, or the date it became.
    /// </summary>
    public static async Task TypeIntoPickerAsync(IPage page, ILocator input, string text)
    {
        for (var attempt = 0; ; attempt++)
        {
            await OpenPickerAsync(page, input);
            await input.PressSequentiallyAsync(text, Typing);
            var shown = await input.InputValueAsync();
            if (shown == text || System.Text.RegularExpressions.Regex.IsMatch(shown, @"^\d{4}-\d{2}-\d{2}$") || attempt == 2) return;
            await input.PressAsync("Control+A");
            await input.PressAsync("Backspace");
        }
    }

    /// <summary>
    /// Opens a date picker's panel: clicked until it shows (a click while the page is drawn again, or on a picker Tab has
    /// just opened, leaves it closed), then a moment for the panel to settle before typing.
    /// </summary>
    public static async Task OpenPickerAsync(IPage page, ILocator input)
    {
        for (var attempt = 0; ; attempt++)
        {
            await input.ClickAsync();
            try
            {
                await page.Locator(".ant-picker-dropdown:visible").First.WaitForAsync(new() { Timeout = 3000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4) { }
        }
        await page.WaitForTimeoutAsync(300);
    }

    /// <summary>A file to upload, written to a folder of its own so that its name is the one the user picks.</summary>
    public static async Task<string> TempFileAsync(string name, byte[] bytes)
    {
        var folder = Directory.CreateTempSubdirectory("gc-e2e-").FullName;
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>The whole page; <paramref name="fullPage"/> false for what a person sees first (a phone's screen).</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        if (ScreenshotDir is not { } dir) return;
        Directory.CreateDirectory(dir);
        await page.WaitForTimeoutAsync(500);
        var path = Path.Combine(dir, name + ".png");
        if (!fullPage || page.ViewportSize is not { } size)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            return;
        }
        // A whole long page is shot in a window as tall as the page: the side menu (sticky, one window high) would
        // otherwise be drawn wherever the page happened to be scrolled.
        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(size.Width, Math.Max(size.Height, height));
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
