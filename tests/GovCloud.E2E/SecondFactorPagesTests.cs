using System.Net.Http.Json;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OtpNet;

namespace GovCloud.E2E;

/// <summary>The product's own second-factor settings: the privileged roles need it, the demo users have the published secret.</summary>
public sealed class SecondFactorBrowserApp() : BrowserApp(new Dictionary<string, string?>
{
    ["GovCloud:Security:SecondFactorRoles"] = SecondFactorRules.DefaultRequiredRoles,
    ["GovCloud:Demo:SecondFactorSecret"] = DemoSecret,
})
{
    public const string DemoSecret = "GOVCLOUDDEMOTOTPKEYLIUZHOU234567";

    /// <summary>The code an authenticator app shows for <paramref name="secret"/>, a number of 30-second steps from now.</summary>
    public static string Code(string secret, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * steps));
}

/// <summary>GB/T 22239 身份鉴别 in the browser: signing in with a code, and setting up the app with the QR code.</summary>
public sealed class SecondFactorPagesTests(SecondFactorBrowserApp app) : IClassFixture<SecondFactorBrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Bureau_signs_in_with_its_password_and_the_code_from_its_app()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "bureau");
        await page.WaitForURLAsync("**/account/login/code**");
        await page.FillAsync("#code", "000000");
        await page.ClickAsync("#gc-code-submit");
        Assert.Contains("动态口令错误", await page.Locator("#gc-code-error").InnerTextAsync());
        await BrowserApp.ScreenshotAsync(page, "sign-in-code");
        await page.FillAsync("#code", SecondFactorBrowserApp.Code(SecondFactorBrowserApp.DemoSecret));
        await page.ClickAsync("#gc-code-submit");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GetByText("您好，").First.WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_new_Finance_user_sets_up_the_app_from_the_QR_code_keeps_the_recovery_codes_and_signs_in_with_a_code()
    {
        // The system administrator (itself signing in with a code) creates the account.
        var api = app.App.CreateClient();
        var token = await (await api.PostAsJsonAsync("/api/v1/auth/token",
            new { userName = "admin", password = GovCloudApp.DemoPassword, code = SecondFactorBrowserApp.Code(SecondFactorBrowserApp.DemoSecret, 1) }, Ct))
            .Content.ReadFromJsonAsync<GovCloudApp.TokenBody>(Ct);
        api.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        var finance = await app.App.WithDbAsync(db => db.Organisations.Where(o => o.Name == "市财政局").Select(o => o.Id).SingleAsync(Ct));
        var created = await (await api.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "caiwu2", displayName = "新财务", organisationId = finance, roles = new[] { "FinanceViewer" },
        }, Ct)).Content.ReadFromJsonAsync<UserWithPassword>(Http.Json, Ct);

        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "caiwu2", created!.OneTimePassword);
        await page.WaitForURLAsync("**/account/change-password");
        // The one-time password first: the second factor is not bound by whoever handed it over; signing out is the way out.
        await page.GotoAsync("/account/second-factor");
        await page.WaitForURLAsync("**/account/change-password");
        await Assertions.Expect(page.Locator("#gc-password-sign-out")).ToBeVisibleAsync();
        await page.FillAsync("#current", created.OneTimePassword);
        await page.FillAsync("#new", "Caiwu#Pass2026");
        await page.FillAsync("#confirm", "Caiwu#Pass2026");
        await page.ClickAsync("#gc-password-submit");

        // Its role needs a second factor: nothing else opens until it is set up.
        await page.WaitForURLAsync("**/account/second-factor");
        await page.GotoAsync("/inventory");
        await page.WaitForURLAsync("**/account/second-factor");
        await Assertions.Expect(page.Locator("#gc-second-factor-qr")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#gc-second-factor-sign-out")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "second-factor-setup");
        var secret = (await page.Locator("#gc-second-factor-secret").InnerTextAsync()).Replace(" ", "");
        await page.FillAsync("#code", SecondFactorBrowserApp.Code(secret));
        await page.ClickAsync("#gc-second-factor-submit");
        await Assertions.Expect(page.Locator("#gc-recovery-codes li")).ToHaveCountAsync(10);
        await BrowserApp.ScreenshotAsync(page, "second-factor-codes");
        await page.ClickAsync("#gc-second-factor-continue");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/inventory");
        await page.GetByText("资源台账").First.WaitForAsync();
        await page.Context.CloseAsync();

        // Next time: password, then a code (the next one: the one used to set up is spent).
        var again = await app.NewPageAsync();
        await BrowserApp.SignInAsync(again, "caiwu2", "Caiwu#Pass2026");
        await again.WaitForURLAsync("**/account/login/code**");
        await again.FillAsync("#code", SecondFactorBrowserApp.Code(secret, 1));
        await again.ClickAsync("#gc-code-submit");
        await again.WaitForURLAsync(app.BaseUrl + "/");
        await again.Context.CloseAsync();
    }
}
