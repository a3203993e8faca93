using System.Net;
using GovCloud.Web.Tests.Support;

namespace GovCloud.Web.Tests;

/// <summary>The sign-in cookie ends after 30 idle minutes; activity keeps it alive.</summary>
public sealed class IdleTimeoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thirty_idle_minutes_end_the_session_but_activity_keeps_it()
    {
        var clock = new MovableClock();
        await using var app = new GovCloudApp(Provider.Sqlite, clock: clock);
        var (browser, signIn) = await app.SignInWithFormAsync("edu");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.NoContent, (await browser.GetAsync("/account/keepalive", Ct)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(20)); // 40 minutes after sign-in, 20 after the last activity
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
    }
}
