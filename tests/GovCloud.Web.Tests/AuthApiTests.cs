using System.Net;
using System.Net.Http.Headers;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>Sign-in, tokens, lockout and the forced password change, on both databases.</summary>
public abstract class AuthApiTests(GovCloudApp app)
{
    private record Me(Guid Id, string UserName, string DisplayName, MeOrg Organisation, List<MeRole> Roles, bool MustChangePassword);
    private record MeOrg(Guid Id, string Name, string Type);
    private record MeRole(Role Code, string Name);

    [Fact]
    public async Task A_token_lets_the_user_read_who_they_are()
    {
        var client = await app.SignInAsync("center");
        var me = await (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).ReadAsync<Me>();
        Assert.Equal("center", me.UserName);
        Assert.Equal("市信息化建设管理中心", me.Organisation.Name);
        Assert.Equal([Role.CenterEvaluator, Role.CenterOperator], me.Roles.Select(r => r.Code).Order());
        Assert.Contains(me.Roles, r => r.Name == "评估人员");
    }

    [Fact]
    public async Task A_wrong_password_gets_401_in_chinese()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "edu", password = "Wrong#Pass123" });
        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误", problem.Title);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "Wrong#Pass123" });
        Assert.Equal("用户名或密码错误", (await response.ProblemAsync(HttpStatusCode.Unauthorized)).Title);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_even_for_the_right_password()
    {
        var (userName, password) = await CreateUserAsync("lockme");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/v1/auth/token", new { userName, password = "Wrong#Pass123" })).StatusCode);
        var lockedUntil = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LockoutEnd).SingleAsync(TestContext.Current.CancellationToken));
        Assert.InRange(lockedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));

        var right = await (await client.PostJsonAsync("/api/v1/auth/token", new { userName, password })).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("锁定 15 分钟", right.Detail);
    }

    [Fact]
    public async Task GB22239_a_locked_account_and_an_unknown_name_answer_alike()
    {
        var (userName, password) = await CreateUserAsync("lockme2");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++) await client.PostJsonAsync("/api/v1/auth/token", new { userName, password = "Wrong#Pass123" });

        async Task<string> AnswerAsync(string name, string pass)
        {
            var response = await client.PostJsonAsync("/api/v1/auth/token", new { userName = name, password = pass });
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {body.ToJsonString()}";
        }
        var unknown = await AnswerAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "Wrong#Pass123");
        Assert.StartsWith("401 application/problem+json", unknown);
        Assert.Equal(unknown, await AnswerAsync(userName, password));
        Assert.Equal(unknown, await AnswerAsync(userName, "Wrong#Pass123"));
        Assert.Equal(unknown, await AnswerAsync("edu", "Wrong#Pass123"));
    }

    [Theory]
    [InlineData("/systems?q=教育", "/systems?q=%E6%95%99%E8%82%B2")]
    [InlineData("/中文\u3000页", "/%E4%B8%AD%E6%96%87%E3%80%80%E9%A1%B5")]
    [InlineData("/..//evil.example", "/")]
    [InlineData("//evil.example/x", "/evil.example/x")]
    [InlineData("https://evil.example", "/")]
    public async Task Signing_in_returns_to_the_page_left_even_with_a_chinese_query_and_never_to_another_site(string returnUrl, string location)
    {
        var (_, response) = await app.SignInWithFormAsync("edu", returnUrl: returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location!.Host);
        Assert.Equal(location, response.Headers.Location.PathAndQuery);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("GovCloud.Auth="));
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_also_a_refused_sign_in()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "edu", password = "Wrong#Pass123" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Signing_out_revokes_the_token()
    {
        var client = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/sign-out", null, TestContext.Current.CancellationToken)).StatusCode);
        var after = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_made_up_token_is_refused()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");
        var problem = await (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(Http.HasChinese(problem.Title));
    }

    [Fact]
    public async Task A_one_time_password_must_be_changed_before_anything_else_and_the_change_revokes_old_tokens()
    {
        var (userName, password) = await CreateUserAsync("firstlogin");
        var client = await app.SignInAsync(userName, password);
        var me = await (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).ReadAsync<Me>();
        Assert.True(me.MustChangePassword);

        var blocked = await (await client.GetAsync("/api/v1/organisations", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("请先修改初始密码", blocked.Detail);

        var weak = await (await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = "short" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("密码长度至少 10 位", weak.FieldError("newPassword"));

        var wrongCurrent = await (await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = "Nope#123456", newPassword = "Better#Pass2026" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("原密码不正确", wrongCurrent.FieldError("currentPassword"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = "Better#Pass2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);

        var fresh = await app.SignInAsync(userName, "Better#Pass2026");
        Assert.False((await (await fresh.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).ReadAsync<Me>()).MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/organisations", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_admin_can_revoke_every_token_of_a_user()
    {
        var victim = await app.SignInAsync("finance");
        var admin = await app.SignInAsync("admin");
        var financeId = (await (await victim.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).ReadAsync<Me>()).Id;
        var revoked = await (await admin.PostAsync($"/api/v1/users/{financeId}/revoke-tokens", null, TestContext.Current.CancellationToken)).ReadAsync<UsersRevoked>();
        Assert.True(revoked.Revoked >= 1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    private record UsersRevoked(int Revoked);

    /// <summary>A fresh agency user with a one-time password, so tests that lock or change passwords touch nobody else.</summary>
    private async Task<(string UserName, string Password)> CreateUserAsync(string prefix)
    {
        var admin = await app.SignInAsync("admin");
        var orgs = await (await admin.GetAsync("/api/v1/organisations?q=市民政局", TestContext.Current.CancellationToken))
            .ReadAsync<GovCloud.Web.Infrastructure.Paged<GovCloud.Web.Features.Organisations.OrganisationDto>>();
        var userName = prefix + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName, displayName = "测试用户", organisationId = orgs.Items.Single().Id, roles = new[] { Role.AgencyOperator },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        return (userName, created.OneTimePassword);
    }
}

public sealed class AuthApiOnSqlite(SqliteApp app) : AuthApiTests(app), IClassFixture<SqliteApp>;
public sealed class AuthApiOnPostgres(PostgresApp app) : AuthApiTests(app), IClassFixture<PostgresApp>;
