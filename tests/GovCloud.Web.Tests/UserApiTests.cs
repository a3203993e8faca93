using System.Net;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>Accounts: separation of the three administrators, roles per organisation, scope, deactivation.</summary>
public abstract partial class UserApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> OrgAsync(HttpClient admin, string name) =>
        (await (await admin.GetAsync($"/api/v1/organisations?q={Uri.EscapeDataString(name)}", Ct)).ReadAsync<Paged<OrganisationDto>>())
        .Items.Single(o => o.Name == name).Id;

    private async Task<UserDto> UserAsync(HttpClient admin, string userName) =>
        (await (await admin.GetAsync($"/api/v1/users?q={userName}", Ct)).ReadAsync<Paged<UserDto>>()).Items.Single(u => u.UserName == userName);

    [Fact]
    public async Task A_new_user_gets_a_one_time_password_that_meets_the_policy()
    {
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "newops", displayName = "新运维", organisationId = await OrgAsync(admin, "市信息化建设管理中心"),
            roles = new[] { Role.CenterOperator }, phoneNumber = "13912345678",
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        Assert.True(created.User.MustChangePassword);
        Assert.Empty(new PasswordPolicy().Check("newops", created.OneTimePassword));
        Assert.Equal(["运维人员"], created.User.RoleNames);
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "newops", Ct));
        Assert.NotEqual(created.OneTimePassword, stored.PasswordHash);
        Assert.DoesNotContain(created.OneTimePassword, stored.PasswordHash ?? "");
    }

    [Fact]
    public async Task The_three_administrators_cannot_be_combined_and_nothing_is_created()
    {
        var admin = await app.SignInAsync("admin");
        var problem = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "superuser", displayName = "全能", organisationId = await OrgAsync(admin, "市大数据发展局"),
            roles = new[] { Role.SystemAdmin, Role.AuditAdmin },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("三员分立", problem.FieldError("roles"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "superuser", Ct)));
    }

    [Fact]
    public async Task A_role_must_fit_the_organisation()
    {
        var admin = await app.SignInAsync("admin");
        var problem = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "eduapprover", displayName = "越权", organisationId = await OrgAsync(admin, "市教育局"),
            roles = new[] { Role.BureauApprover },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("市直使用单位的用户不能担任“审批人员”：该角色只能由市大数据发展局的用户担任", problem.FieldError("roles"));
    }

    [Fact]
    public async Task R_29_the_Center_gets_an_inspector_who_issues_rectification_notices()
    {
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "centerinspect" + Guid.NewGuid().ToString("N")[..4], displayName = "中心检查员", organisationId = await OrgAsync(admin, "市信息化建设管理中心"),
            roles = new[] { Role.Inspector },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        Assert.Equal([Role.Inspector], created.User.Roles);
    }

    [Fact]
    public async Task R_32_1_a_county_s_own_role_rules_come_from_its_configuration()
    {
        await using var county = new GovCloudApp(Provider.Sqlite, settings: new Dictionary<string, string?> { ["GovCloud:Security:RoleOrganisations:Inspector"] = "PublicSecurity" });
        var admin = await county.SignInAsync("admin");
        var refused = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "bureauinspect", displayName = "局检查员", organisationId = await OrgAsync(admin, "市大数据发展局"), roles = new[] { Role.Inspector },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("市大数据发展局的用户不能担任“监管检查人员”：该角色只能由市公安局的用户担任", refused.FieldError("roles"));
    }

    [Fact]
    public async Task Bad_user_input_is_reported_field_by_field()
    {
        var admin = await app.SignInAsync("admin");
        var problem = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "9x", displayName = "", roles = Array.Empty<Role>(), email = "bad", phoneNumber = "123",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("用户名", problem.FieldError("userName"));
        Assert.Equal("姓名不能为空", problem.FieldError("displayName"));
        Assert.Equal("请选择所属单位", problem.FieldError("organisationId"));
        Assert.Equal("邮箱格式不正确", problem.FieldError("email"));
        Assert.Contains("11 位", problem.FieldError("phoneNumber"));
    }

    [Fact]
    public async Task An_agency_user_cannot_read_another_agencys_users()
    {
        var admin = await app.SignInAsync("admin");
        var healthUser = await UserAsync(admin, "health");
        var edu = await app.SignInAsync("edu");
        Assert.Equal(HttpStatusCode.NotFound, (await edu.GetAsync($"/api/v1/users/{healthUser.Id}", Ct)).StatusCode);
        var visible = await (await edu.GetAsync("/api/v1/users?pageSize=200", Ct)).ReadAsync<Paged<UserDto>>();
        Assert.All(visible.Items, u => Assert.Equal("市教育局", u.OrganisationName));
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync("/api/v1/users", new { userName = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_county_user_sees_the_users_of_its_departments()
    {
        var county = await app.SignInAsync("liujiang");
        var visible = await (await county.GetAsync("/api/v1/users?pageSize=200", Ct)).ReadAsync<Paged<UserDto>>();
        Assert.Contains(visible.Items, u => u.UserName == "county1");
        Assert.DoesNotContain(visible.Items, u => u.UserName == "edu");
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_tokens_and_a_stale_edit_gets_409()
    {
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "leaver", displayName = "离职人员", organisationId = await OrgAsync(admin, "市商务局"), roles = new[] { Role.AgencyOperator },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        var leaver = await app.SignInAsync("leaver", created.OneTimePassword);
        Assert.Equal(HttpStatusCode.OK, (await leaver.GetAsync("/api/v1/me", Ct)).StatusCode);

        var user = created.User;
        var update = new { displayName = user.DisplayName, roles = user.Roles, isActive = false, version = user.Version };
        var updated = await (await admin.PutJsonAsync($"/api/v1/users/{user.Id}", update)).ReadAsync<UserDto>();
        Assert.False(updated.IsActive);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/v1/me", Ct)).StatusCode);

        var stale = await (await admin.PutJsonAsync($"/api/v1/users/{user.Id}", update with { isActive = true })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", stale.Detail);
        var refused = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "leaver", password = created.OneTimePassword });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_reset_password_is_one_time_and_unlocks()
    {
        // Its own user: the demo users serve the other tests of this class.
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "resetme", displayName = "重置用户", organisationId = await OrgAsync(admin, "市行政审批局"), roles = new[] { Role.AgencyOperator },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++) await anonymous.PostJsonAsync("/api/v1/auth/token", new { userName = "resetme", password = "Wrong#Pass123" });

        var reset = await (await admin.PostAsync($"/api/v1/users/{created.User.Id}/reset-password", null, Ct)).ReadAsync<UserWithPassword>();
        Assert.True(reset.User.MustChangePassword);
        Assert.Null(reset.User.LockedUntil);
        Assert.NotEqual(created.OneTimePassword, reset.OneTimePassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/auth/token",
            new { userName = "resetme", password = created.OneTimePassword })).StatusCode);
        await app.SignInAsync("resetme", reset.OneTimePassword);
    }
}

public abstract partial class UserApiTests
{
    [Fact]
    public async Task The_security_administrator_finds_locked_accounts_and_unlocks_them_but_manages_no_accounts()
    {
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "locked1", displayName = "被锁用户", organisationId = await OrgAsync(admin, "市医疗保障局"), roles = new[] { Role.AgencyOperator },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++) await anonymous.PostJsonAsync("/api/v1/auth/token", new { userName = "locked1", password = "Wrong#Pass123" });

        var security = await app.SignInAsync("secadmin");
        var locked = await (await security.GetAsync("/api/v1/users?locked=true", Ct)).ReadAsync<Paged<UserDto>>();
        Assert.Equal(["locked1"], locked.Items.Select(u => u.UserName));
        Assert.NotNull(locked.Items[0].LockedUntil);

        await (await security.PostAsync($"/api/v1/users/{created.User.Id}/unlock", null, Ct)).ReadAsync<UserDto>();
        await app.SignInAsync("locked1", created.OneTimePassword);
        Assert.Empty((await (await security.GetAsync("/api/v1/users?locked=true", Ct)).ReadAsync<Paged<UserDto>>()).Items);

        Assert.Equal(HttpStatusCode.Forbidden, (await security.PostJsonAsync("/api/v1/users", new { userName = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await security.PostAsync($"/api/v1/users/{created.User.Id}/reset-password", null, Ct)).StatusCode);
        var edu = await app.SignInAsync("edu");
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostAsync($"/api/v1/users/{created.User.Id}/unlock", null, Ct)).StatusCode);
    }
}

public sealed class UserApiOnSqlite(SqliteApp app) : UserApiTests(app), IClassFixture<SqliteApp>;
public sealed class UserApiOnPostgres(PostgresApp app) : UserApiTests(app), IClassFixture<PostgresApp>;
