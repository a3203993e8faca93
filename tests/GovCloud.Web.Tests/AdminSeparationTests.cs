using System.Net;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>
/// 三员分立 (GB/T 22239 访问控制): the system administrator alone cannot give anybody, itself included, one of the three
/// administrator roles, cannot stop or take over another administrator's account, and so cannot reach the audit log by
/// any path. A second administrator of another role decides; the request is visible to the audit administrator.
/// </summary>
public abstract class AdminSeparationTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> OrgAsync(string name) => await app.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct));

    private async Task<UserDto> UserAsync(HttpClient client, string userName) =>
        (await (await client.GetAsync($"/api/v1/users?q={userName}", Ct)).ReadAsync<Paged<UserDto>>()).Items.Single(u => u.UserName == userName);

    [Fact]
    public async Task The_system_administrator_alone_cannot_obtain_audit_access_by_any_path()
    {
        var admin = await app.SignInAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..5];

        // 1. A new account holding the audit role: held, not created.
        var create = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "puppet" + tag, displayName = "傀儡", organisationId = await OrgAsync("市大数据发展局"), roles = new[] { Role.AuditAdmin },
        })).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);
        Assert.Equal(AdminRequestState.Pending, create.State);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "puppet" + tag, Ct)));

        // 2. The audit role given to an existing ordinary account: held, roles unchanged.
        var bureau = await UserAsync(admin, "bureau");
        await (await admin.PutJsonAsync($"/api/v1/users/{bureau.Id}", new
        {
            displayName = bureau.DisplayName, roles = new[] { Role.AuditAdmin }, isActive = true, version = bureau.Version,
        })).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);
        Assert.Equal([Role.BureauApprover], (await UserAsync(admin, "bureau")).Roles);

        // 3. Itself: the system administrator cannot drop its own role, nor hold two.
        var self = await UserAsync(admin, "admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutJsonAsync($"/api/v1/users/{self.Id}", new
        {
            displayName = self.DisplayName, roles = new[] { Role.AuditAdmin }, isActive = true, version = self.Version,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutJsonAsync($"/api/v1/users/{self.Id}", new
        {
            displayName = self.DisplayName, roles = new[] { Role.SystemAdmin, Role.AuditAdmin }, isActive = true, version = self.Version,
        })).StatusCode);

        // 4. The real auditor's password: held, no password comes back, the old one still works.
        var auditor = await UserAsync(admin, "auditor");
        var reset = await admin.PostAsync($"/api/v1/users/{auditor.Id}/reset-password", null, Ct);
        var held = await reset.ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);
        Assert.DoesNotContain("oneTimePassword", await reset.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        await app.SignInAsync("auditor");

        // 5. Stopping the auditor (to blind the log): held.
        await (await admin.PutJsonAsync($"/api/v1/users/{auditor.Id}", new
        {
            displayName = auditor.DisplayName, roles = auditor.Roles, isActive = false, version = auditor.Version,
        })).ProblemAsync(HttpStatusCode.Conflict); // one open request per account: the reset waits first
        Assert.True((await UserAsync(admin, "auditor")).IsActive);

        // 6. Approving its own requests, and the audit log itself: refused.
        var own = await (await admin.PostJsonAsync($"/api/v1/admin-requests/{held.Id}/approve", new { version = held.Version })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("不能审批自己", own.Detail);
        foreach (var url in new[] { "/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify" })
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url, Ct)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.Role == Role.AuditAdmin
            && db.Users.Any(u => u.Id == r.UserId && (u.UserName == "bureau" || u.UserName == "admin" || u.UserName == "puppet" + tag)), Ct)));

        // The audit administrator sees every request.
        var seen = await (await (await app.SignInAsync("auditor")).GetAsync("/api/v1/admin-requests?state=Pending&pageSize=100", Ct)).ReadAsync<Paged<AdminRequestDto>>();
        Assert.Superset(new HashSet<Guid> { create.Id, held.Id }, seen.Items.Select(r => r.Id).ToHashSet());
    }

    [Fact]
    public async Task An_administrator_of_another_role_approves_and_the_one_time_password_goes_to_the_approver_alone()
    {
        var admin = await app.SignInAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..5];
        var held = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "secnew" + tag, displayName = "新安全员", organisationId = await OrgAsync("市信息化建设管理中心"), roles = new[] { Role.SecurityAdmin },
        })).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);

        // Another system administrator would be the same role as the requester: refused; the security administrator decides.
        var security = await app.SignInAsync("secadmin");
        var approved = await (await security.PostJsonAsync($"/api/v1/admin-requests/{held.Id}/approve", new { version = held.Version })).ReadAsync<AdminDecision>();
        Assert.Equal(AdminRequestState.Approved, approved.Request.State);
        Assert.Equal("secadmin", approved.Request.DecidedByName);
        Assert.Equal([Role.SecurityAdmin], approved.User!.Roles);
        Assert.NotNull(approved.OneTimePassword);
        await app.SignInAsync("secnew" + tag, approved.OneTimePassword);

        // Decided once: a second approval is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await security.PostJsonAsync($"/api/v1/admin-requests/{held.Id}/approve", new { version = approved.Request.Version })).StatusCode);
        // The whole story is in the audit log, the creation naming the approval.
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == held.Id.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["AdminRequestApproved", "AdminRequestSubmitted"], actions.Order());
        var created = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "UserCreated" && a.EntityId == approved.User.Id.ToString(), Ct));
        Assert.Equal("secadmin", created.ActorName);
        Assert.Contains("经三员审批", created.After);
    }

    [Fact]
    public async Task A_request_can_be_refused_with_a_reason_or_withdrawn_by_its_requester_and_changes_nothing()
    {
        var admin = await app.SignInAsync("admin");
        var auditor = await app.SignInAsync("auditor");
        var center = await UserAsync(admin, "center");
        var request = await (await admin.PutJsonAsync($"/api/v1/users/{center.Id}", new
        {
            displayName = center.DisplayName, roles = new[] { Role.SecurityAdmin }, isActive = true, version = center.Version,
        })).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);
        var noReason = await (await auditor.PostJsonAsync($"/api/v1/admin-requests/{request.Id}/reject", new { version = request.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写不予批准的理由", noReason.FieldError("opinion"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostJsonAsync($"/api/v1/admin-requests/{request.Id}/withdraw", new { version = request.Version })).StatusCode);
        var refused = await (await auditor.PostJsonAsync($"/api/v1/admin-requests/{request.Id}/reject", new { opinion = "运维人员不兼任安全管理员", version = request.Version }))
            .ReadAsync<AdminRequestDto>();
        Assert.Equal(AdminRequestState.Rejected, refused.State);
        Assert.Equal([Role.CenterEvaluator, Role.CenterOperator], (await UserAsync(admin, "center")).Roles);

        var again = await (await admin.PutJsonAsync($"/api/v1/users/{center.Id}", new
        {
            displayName = center.DisplayName, roles = new[] { Role.SecurityAdmin }, isActive = true, version = center.Version,
        })).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);
        var withdrawn = await (await admin.PostJsonAsync($"/api/v1/admin-requests/{again.Id}/withdraw", new { version = again.Version })).ReadAsync<AdminRequestDto>();
        Assert.Equal(AdminRequestState.Withdrawn, withdrawn.State);
        Assert.Equal([Role.CenterEvaluator, Role.CenterOperator], (await UserAsync(admin, "center")).Roles);
    }

    [Fact]
    public async Task An_account_given_an_administrator_role_starts_afresh_so_its_requester_cannot_keep_a_way_in()
    {
        var admin = await app.SignInAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..5];
        // The system administrator makes an ordinary account it knows the password of, then asks for the audit role for it.
        var plain = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "sleeper" + tag, displayName = "卧底", organisationId = await OrgAsync("市大数据发展局"), roles = new[] { Role.BureauApprover },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        var mine = await app.SignInAsync("sleeper" + tag, plain.OneTimePassword);
        (await mine.PostJsonAsync("/api/v1/me/password", new { currentPassword = plain.OneTimePassword, newPassword = "Sleeper#Pass2026" })).EnsureSuccessStatusCode();
        var user = await UserAsync(admin, "sleeper" + tag);
        var held = await (await admin.PutJsonAsync($"/api/v1/users/{user.Id}", new
        {
            displayName = user.DisplayName, roles = new[] { Role.AuditAdmin }, isActive = true, version = user.Version,
        })).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);

        var approved = await (await (await app.SignInAsync("secadmin")).PostJsonAsync($"/api/v1/admin-requests/{held.Id}/approve", new { version = held.Version }))
            .ReadAsync<AdminDecision>();
        Assert.NotNull(approved.OneTimePassword);
        Assert.True(approved.User!.MustChangePassword);
        // The password the requester knew no longer opens the account; the approver's one-time password does.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { userName = "sleeper" + tag, password = "Sleeper#Pass2026" })).StatusCode);
        await app.SignInAsync("sleeper" + tag, approved.OneTimePassword);
    }

    [Fact]
    public async Task GB22239_the_approvers_are_told_and_the_administrator_the_request_is_about_cannot_decide_it()
    {
        var admin = await app.SignInAsync("admin");
        var auditor = await app.SignInAsync("auditor");
        var security = await app.SignInAsync("secadmin");
        var target = await UserAsync(admin, "secadmin");
        var held = await (await admin.PostAsync($"/api/v1/users/{target.Id}/reset-password", null, Ct)).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);

        // The security administrator would reset its own password through its own approval: refused, and not even asked.
        var own = await (await security.PostJsonAsync($"/api/v1/admin-requests/{held.Id}/approve", new { version = held.Version })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("三员分立：不能审批涉及本人账号的申请", own.Detail);
        Assert.DoesNotContain(await InboxAsync(security), n => n.Link == "admin-requests" && n.Title.Contains("secadmin"));
        Assert.DoesNotContain(await InboxAsync(admin), n => n.Title.StartsWith("待审批") && n.Title.Contains("secadmin"));
        // The audit administrator, who may decide, finds it in the inbox with a link to the page where it is decided.
        var told = Assert.Single(await InboxAsync(auditor), n => n.Title == "待审批：重置管理员密码（secadmin）");
        Assert.Equal(("三员审批", "admin-requests"), (told.KindName, told.Link));
        Assert.True((await PendingAsync(auditor)).Single(r => r.Id == held.Id).CanDecide);
        Assert.False((await PendingAsync(security)).Single(r => r.Id == held.Id).CanDecide);
        Assert.False((await PendingAsync(admin)).Single(r => r.Id == held.Id).CanDecide);

        // Refused: the requester hears it, with the reason.
        await (await auditor.PostJsonAsync($"/api/v1/admin-requests/{held.Id}/reject", new { opinion = "未说明重置原因", version = held.Version }))
            .ReadAsync<AdminRequestDto>();
        var answer = Assert.Single(await InboxAsync(admin), n => n.Title == "三员审批未批准：重置管理员密码（secadmin）");
        Assert.Contains("未说明重置原因", answer.Body);
        await app.SignInAsync("secadmin");
    }

    private static async Task<IReadOnlyList<AdminRequestDto>> PendingAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/admin-requests?state=Pending&pageSize=100", Ct)).ReadAsync<Paged<AdminRequestDto>>()).Items;

    private static async Task<IReadOnlyList<Features.Inbox.NotificationDto>> InboxAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<Features.Inbox.InboxList>()).Items;

    [Fact]
    public async Task Ordinary_accounts_are_managed_at_once()
    {
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "plain" + Guid.NewGuid().ToString("N")[..5], displayName = "普通用户", organisationId = await OrgAsync("市教育局"), roles = new[] { Role.AgencyOperator },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        var reset = await (await admin.PostAsync($"/api/v1/users/{created.User.Id}/reset-password", null, Ct)).ReadAsync<UserWithPassword>();
        Assert.NotEqual(created.OneTimePassword, reset.OneTimePassword);
    }
}

public sealed class AdminSeparationOnSqlite(SqliteApp app) : AdminSeparationTests(app), IClassFixture<SqliteApp>;
public sealed class AdminSeparationOnPostgres(PostgresApp app) : AdminSeparationTests(app), IClassFixture<PostgresApp>;

/// <summary>The one exception: an empty installation, where nobody could approve yet. It says so in the audit log.</summary>
public abstract class SettingUpTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Setting_up_an_empty_installation_is_the_one_exception_and_says_so()
    {
        await using var app = new GovCloudApp(provider, demo: false, settings: new Dictionary<string, string?> { ["GovCloud:Bootstrap:AdminPassword"] = "First#Boss2026" });
        var first = await app.SignInAsync("admin", "First#Boss2026");
        (await first.PostJsonAsync("/api/v1/me/password", new { currentPassword = "First#Boss2026", newPassword = "Second#Boss2026" })).EnsureSuccessStatusCode();
        var admin = await app.SignInAsync("admin", "Second#Boss2026");
        var bureau = await app.WithDbAsync(db => db.Organisations.Select(o => o.Id).SingleAsync(Ct));

        var security = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "secadmin", displayName = "安全管理员", organisationId = bureau, roles = new[] { Role.SecurityAdmin },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "UserCreated" && a.EntityId == security.User.Id.ToString(), Ct));
        Assert.Contains("初始化例外", entry.After);

        // From now on there is somebody to approve: the next administrator waits for the security administrator.
        await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "auditor", displayName = "审计管理员", organisationId = bureau, roles = new[] { Role.AuditAdmin },
        })).ReadAsync<AdminRequestDto>(HttpStatusCode.Accepted);
    }
}

public sealed class SettingUpOnSqlite() : SettingUpTests(Provider.Sqlite);
public sealed class SettingUpOnPostgres() : SettingUpTests(Provider.PostgreSql);
