using System.Net;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>Two app instances on one PostgreSQL: what one signs in, the other honours.</summary>
public sealed class MultiInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_from_the_sign_in_page_of_one_instance_works_on_the_other()
    {
        await using var first = new GovCloudApp(Provider.PostgreSql);
        await using var second = new GovCloudApp(Provider.PostgreSql, first.ConnectionString);
        _ = first.Server; // migrate and seed before the second instance starts

        var (_, signIn) = await first.SignInWithFormAsync("edu");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GovCloud.Auth="));

        var other = second.CreateClient();
        other.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        var me = await other.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("市教育局", await me.Content.ReadAsStringAsync(Ct));

        // One set of keys for both, kept in the shared database.
        Assert.Equal(1, await first.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Ct)));
    }

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_load_the_demo_once()
    {
        await using var first = new GovCloudApp(Provider.PostgreSql);
        await using var second = new GovCloudApp(Provider.PostgreSql, first.ConnectionString);
        await Task.WhenAll(Task.Run(() => first.Server, Ct), Task.Run(() => second.Server, Ct));
        Assert.Equal(14, await first.WithDbAsync(db => db.Users.CountAsync(Ct)));
        Assert.Equal(1, await first.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "DemoDataLoaded", Ct)));
        Assert.Equal(8, await first.WithDbAsync(db => db.CalendarYears.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_token_revoked_on_one_instance_is_refused_by_the_other()
    {
        await using var first = new GovCloudApp(Provider.PostgreSql);
        await using var second = new GovCloudApp(Provider.PostgreSql, first.ConnectionString);
        _ = first.Server;
        var onFirst = await first.SignInAsync("health");
        var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = onFirst.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/me", Ct)).StatusCode);
        await onFirst.PostAsync("/api/v1/auth/sign-out", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onSecond.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task GB22239_signing_out_on_one_instance_ends_the_session_on_both_and_a_saved_cookie_is_refused()
    {
        await using var first = new GovCloudApp(Provider.PostgreSql);
        await using var second = new GovCloudApp(Provider.PostgreSql, first.ConnectionString);
        _ = first.Server;
        var (browser, signIn) = await first.SignInWithFormAsync("edu");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GovCloud.Auth=")).Split(';')[0];
        var saved = second.CreateClient();
        saved.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await saved.GetAsync("/api/v1/me", Ct)).StatusCode);

        var token = await first.AntiforgeryTokenAsync(browser);
        var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await saved.GetAsync("/api/v1/me", Ct)).StatusCode);
        var replayOnFirst = first.CreateClient();
        replayOnFirst.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replayOnFirst.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal("退出登录", await first.WithDbAsync(db => db.SignInSessions.OrderByDescending(s => s.StartedAt).Select(s => s.EndReason).FirstAsync(Ct)));
    }
}
