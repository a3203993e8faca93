using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Auth;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace GovCloud.Web.Tests;

/// <summary>
/// GB/T 22239 level 3 身份鉴别: the privileged roles sign in with a password and a TOTP code (RFC 6238). Enrolment, ±1 step of
/// clock skew, no code accepted twice, one-time recovery codes, the security administrator's reset, lockout. The product's
/// default roles, on a clock the test moves.
/// </summary>
public abstract class SecondFactorTests(Provider provider) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly MovableClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
    private GovCloudApp app = null!;

    public ValueTask InitializeAsync()
    {
        app = new GovCloudApp(provider, clock: clock, settings: new Dictionary<string, string?>
        {
            ["GovCloud:Security:SecondFactorRoles"] = SecondFactorRules.DefaultRequiredRoles,
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private string CodeAt(string secret, TimeSpan offset = default) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp((clock.GetUtcNow() + offset).UtcDateTime);

    private async Task<HttpResponseMessage> TokenAsync(string userName, string? code) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password = GovCloudApp.DemoPassword, code }, Ct);

    private async Task<HttpClient> ClientAsync(HttpResponseMessage token)
    {
        var body = await token.ReadAsync<GovCloudApp.TokenBody>();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.AccessToken);
        return client;
    }

    /// <summary>The Bureau's user sets up the app: returns the secret and the recovery codes.</summary>
    private async Task<(string Secret, RecoveryCodes Codes)> EnrolAsync(string userName = "bureau")
    {
        var first = await ClientAsync(await TokenAsync(userName, null));
        var setup = await (await first.PostAsync("/api/v1/me/second-factor/setup", null, Ct)).ReadAsync<SecondFactorSetup>();
        Assert.StartsWith("otpauth://totp/", setup.OtpAuthUri);
        Assert.NotEmpty(Convert.FromBase64String(setup.QrCodePng));
        var wrong = await (await first.PostJsonAsync("/api/v1/me/second-factor/confirm", new { setup.SetupToken, code = "000000" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("动态口令不正确", wrong.FieldError("code"));
        var codes = await (await first.PostJsonAsync("/api/v1/me/second-factor/confirm", new { setup.SetupToken, code = CodeAt(setup.Secret) })).ReadAsync<RecoveryCodes>();
        Assert.Equal(10, codes.Codes.Count);
        return (setup.Secret, codes);
    }

    [Fact]
    public async Task GB22239_a_role_that_needs_a_second_factor_can_only_set_it_up_until_it_has_one()
    {
        var before = await ClientAsync(await TokenAsync("bureau", null));
        var refused = await (await before.GetAsync("/api/v1/applications", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("请先绑定动态口令", refused.Detail);
        var status = await (await before.GetAsync("/api/v1/me/second-factor", Ct)).ReadAsync<SecondFactorStatus>();
        Assert.Equal((false, true), (status.Enabled, status.Required));

        var (secret, _) = await EnrolAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "SecondFactorEnrolled", Ct)));
        // The secret is kept encrypted, never as it was shown.
        Assert.DoesNotContain(secret, await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bureau").Select(u => u.SecondFactorSecret!).SingleAsync(Ct)));

        var withoutCode = await (await TokenAsync("bureau", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("需要动态口令", withoutCode.Title);
        clock.Advance(TimeSpan.FromSeconds(30));
        var full = await ClientAsync(await TokenAsync("bureau", CodeAt(secret)));
        Assert.Equal(HttpStatusCode.OK, (await full.GetAsync("/api/v1/applications", Ct)).StatusCode);
        // An agency is not asked, until it sets up a second factor of its own.
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync(await TokenAsync("edu", null))).GetAsync("/api/v1/applications", Ct)).StatusCode);
    }

    [Fact]
    public async Task GB22239_a_code_is_never_accepted_twice_and_the_clock_may_be_off_by_one_step_not_two()
    {
        var (secret, _) = await EnrolAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var now = CodeAt(secret);
        (await TokenAsync("bureau", now)).EnsureSuccessStatusCode();
        var replay = await (await TokenAsync("bureau", now)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("动态口令错误", replay.Title);
        Assert.Contains("已使用过", replay.Detail);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("bureau", CodeAt(secret, TimeSpan.FromSeconds(-30)))).StatusCode); // a phone 30 s slow
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("bureau", CodeAt(secret, TimeSpan.FromSeconds(30)))).StatusCode);  // 30 s fast
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("bureau", CodeAt(secret, TimeSpan.FromSeconds(-65)))).StatusCode); // two steps off

        // Twenty copies of one fresh code at the same moment: one sign-in.
        clock.Advance(TimeSpan.FromMinutes(5));
        var code = CodeAt(secret);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TokenAsync("bureau", code)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recovery_code_works_once_in_place_of_the_app()
    {
        var (_, codes) = await EnrolAsync();
        var first = codes.Codes[0];
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", first);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("bureau", first.ToLowerInvariant().Replace("-", " "))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("bureau", first)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "RecoveryCodeUsed", Ct)));
        var hashes = await app.WithDbAsync(db => db.RecoveryCodes.Select(c => c.Hash).ToListAsync(Ct));
        Assert.DoesNotContain(hashes, h => codes.Codes.Any(c => h.Contains(c.Replace("-", ""))));
    }

    [Fact]
    public async Task A_token_taken_with_the_password_alone_to_set_up_the_app_ends_when_it_is_set_up()
    {
        var first = await ClientAsync(await TokenAsync("bureau", null));
        var setup = await (await first.PostAsync("/api/v1/me/second-factor/setup", null, Ct)).ReadAsync<SecondFactorSetup>();
        await (await first.PostJsonAsync("/api/v1/me/second-factor/confirm", new { setup.SetupToken, code = CodeAt(setup.Secret) })).ReadAsync<RecoveryCodes>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/applications", Ct)).StatusCode);
    }

    [Fact]
    public async Task Twenty_wrong_codes_sent_at_once_are_checked_no_more_than_the_allowed_tries()
    {
        var (secret, _) = await EnrolAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => TokenAsync("bureau", (100000 + i).ToString())));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var failures = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "SignInFailed" && a.ActorName == "bureau").Select(a => a.After!).ToListAsync(Ct));
        Assert.InRange(failures.Count(f => f.Contains("动态口令错误")), 1, 5);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("bureau", CodeAt(secret))).StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_like_wrong_passwords()
    {
        var (secret, _) = await EnrolAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("bureau", "123456")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("bureau", CodeAt(secret))).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bureau").Select(u => u.LockoutEnd).SingleAsync(Ct)));
    }

    [Fact]
    public async Task GB22239_the_second_factor_is_bound_only_after_the_one_time_password_is_changed()
    {
        var (adminSecret, _) = await EnrolAsync("admin");
        clock.Advance(TimeSpan.FromMinutes(1));
        var admin = await ClientAsync(await TokenAsync("admin", CodeAt(adminSecret)));
        var bureau = (await (await admin.GetAsync("/api/v1/users?q=bureau", Ct)).ReadAsync<Paged<UserDto>>()).Items.Single(u => u.UserName == "bureau");
        var reset = await (await admin.PostAsync($"/api/v1/users/{bureau.Id}/reset-password", null, Ct)).ReadAsync<UserWithPassword>();

        // Whoever handed the one-time password over could otherwise bind their own phone to the account.
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "bureau", password = reset.OneTimePassword }, Ct);
        var owner = await ClientAsync(token);
        var refused = await (await owner.PostAsync("/api/v1/me/second-factor/setup", null, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("请先修改初始密码，再绑定动态口令", refused.Detail);
        (await owner.PostJsonAsync("/api/v1/me/password", new { currentPassword = reset.OneTimePassword, newPassword = "Liuzhou#Own2026" })).EnsureSuccessStatusCode();
        var again = await ClientAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "bureau", password = "Liuzhou#Own2026" }, Ct));
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsync("/api/v1/me/second-factor/setup", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_security_administrator_resets_a_lost_second_factor_and_nobody_else_can()
    {
        await EnrolAsync("bureau");
        var (secSecret, _) = await EnrolAsync("secadmin");
        clock.Advance(TimeSpan.FromMinutes(1));
        var security = await ClientAsync(await TokenAsync("secadmin", CodeAt(secSecret)));
        var bureau = (await (await security.GetAsync("/api/v1/users?q=bureau", Ct)).ReadAsync<Paged<UserDto>>()).Items.Single(u => u.UserName == "bureau");
        Assert.True(bureau.SecondFactor);

        var (adminSecret, _) = await EnrolAsync("admin");
        clock.Advance(TimeSpan.FromMinutes(1));
        var admin = await ClientAsync(await TokenAsync("admin", CodeAt(adminSecret)));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/v1/users/{bureau.Id}/reset-second-factor", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await security.PostAsync($"/api/v1/users/{bureau.Id}/reset-second-factor", null, Ct)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "SecondFactorReset" && a.EntityId == bureau.Id.ToString(), Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == bureau.Id, Ct)));
        // Signed in with the password alone again, the Bureau's user can only set up a new one.
        var again = await ClientAsync(await TokenAsync("bureau", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/v1/applications", Ct)).StatusCode);
    }
}

public sealed class SecondFactorOnSqlite() : SecondFactorTests(Provider.Sqlite);
public sealed class SecondFactorOnPostgres() : SecondFactorTests(Provider.PostgreSql);
