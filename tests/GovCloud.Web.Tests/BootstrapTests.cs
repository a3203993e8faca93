using System.Net;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>Without --demo an empty database gets exactly one administrator, who must change the one-time password.</summary>
public abstract class BootstrapTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string OneTime = "First#Boss2026";

    [Fact]
    public async Task An_empty_system_has_one_admin_who_must_change_the_one_time_password()
    {
        await using var app = new GovCloudApp(provider, demo: false,
            settings: new Dictionary<string, string?> { ["GovCloud:Bootstrap:AdminPassword"] = OneTime });
        var users = await app.WithDbAsync(db => db.Users.Include(u => u.Roles).ToListAsync(Ct));
        var admin = Assert.Single(users);
        Assert.Equal("admin", admin.UserName);
        Assert.True(admin.MustChangePassword);
        Assert.Equal([GovCloud.Domain.Security.Role.SystemAdmin], admin.Roles.Select(r => r.Role));
        Assert.Equal(["市大数据发展局"], await app.WithDbAsync(db => db.Organisations.Select(o => o.Name).ToListAsync(Ct)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SystemBootstrapped", Ct)));

        var client = await app.SignInAsync("admin", OneTime);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/me/password",
            new { currentPassword = OneTime, newPassword = "Second#Boss2026" })).StatusCode);
        var after = await app.SignInAsync("admin", "Second#Boss2026");
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/v1/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_restart_creates_no_second_admin()
    {
        string connection;
        await using (var first = new GovCloudApp(provider, demo: false))
        {
            _ = first.Server;
            connection = first.ConnectionString;
            first.KeepDatabase = true;
        }
        await using var second = new GovCloudApp(provider, connection, demo: true);
        Assert.Equal(1, await second.WithDbAsync(db => db.Users.CountAsync(Ct)));
    }
}

public sealed class BootstrapOnSqlite() : BootstrapTests(Provider.Sqlite);
public sealed class BootstrapOnPostgres() : BootstrapTests(Provider.PostgreSql)
{
    [Fact]
    public async Task A_server_without_the_database_gets_it_created_at_start()
    {
        var missing = PostgresServer.Instance.ConnectionString("govcloud_" + Guid.NewGuid().ToString("N")[..12]);
        await using var app = new GovCloudApp(Provider.PostgreSql, missing);
        var ready = await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "edu", TestContext.Current.CancellationToken)));
    }
}
