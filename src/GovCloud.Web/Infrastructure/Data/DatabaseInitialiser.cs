using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Infrastructure.Data;

/// <summary>
/// Before the server accepts its first request: applies migrations, creates the bootstrap
/// administrator on an empty database, and loads demo data with --demo.
/// </summary>
public sealed class DatabaseInitialiser(IServiceProvider services, IOptions<GovCloudOptions> options, ILogger<DatabaseInitialiser> log)
    : IHostedLifecycleService
{
    public const string BootstrapOrganisation = "市大数据发展局";

    public async Task StartingAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovCloudDbContext>();
        // Instances starting together on one PostgreSQL take turns (a test starts two at once and saw
        // both migrate the same tables), so migrations, the calendar, the first administrator and the
        // demo data happen once. SQLite serves a single instance.
        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            await CreateDatabaseIfMissingAsync(db, ct);
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({InitialisationLockKey})", ct);
        }
        try
        {
            await db.Database.MigrateAsync(ct);
            await InitialiseAsync(scope.ServiceProvider, db, ct);
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({InitialisationLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>An empty PostgreSQL server gets its database (the lock below needs a connection to it); another instance creating it first is fine.</summary>
    private static async Task CreateDatabaseIfMissingAsync(GovCloudDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    private const long InitialisationLockKey = 0x476F76496E6974; // "GovInit"

    private async Task InitialiseAsync(IServiceProvider sp, GovCloudDbContext db, CancellationToken ct)
    {
        await CalendarService.EnsureBuiltInAsync(db, sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>(), ct);
        await CatalogService.EnsureDefaultsAsync(db, sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>(),
            options.Value.Applications.NetworkZones.Distinct().ToList(), ct);

        if (await db.Users.AnyAsync(ct)) return;
        if (options.Value.Demo.Enabled)
        {
            await DemoData.LoadAsync(sp, options.Value.Demo.Password, ct);
            if (options.Value.Demo.Applications) await DemoApplications.LoadAsync(sp, ct);
            Banner.Show($"演示模式：已载入演示数据。演示用户密码：{options.Value.Demo.Password}",
                "演示用户：admin secadmin auditor bureau center finance police edu health county1 liujiang",
                options.Value.Demo.SecondFactorSecret is { Length: > 0 } secret
                    ? $"admin secadmin auditor bureau center finance 登录时还须输入动态口令：在身份验证器 App 中手动添加密钥 {secret}（基于时间）"
                    : "");
            return;
        }
        await BootstrapAsync(sp, ct);
    }

    /// <summary>An empty system gets one administrator with a one-time password, printed once.</summary>
    private async Task BootstrapAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GovCloudDbContext>();
        var users = sp.GetRequiredService<UserManager<User>>();
        var audit = sp.GetRequiredService<AuditLog>();
        var clock = sp.GetRequiredService<TimeProvider>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Type == OrganisationType.Bureau, ct);
        if (org is null)
        {
            org = new Organisation { Name = BootstrapOrganisation, Type = OrganisationType.Bureau };
            db.Organisations.Add(org);
            await db.SaveChangesAsync(ct);
        }
        var preset = options.Value.Bootstrap.AdminPassword;
        var password = string.IsNullOrEmpty(preset) ? UserService.NewOneTimePassword() : preset;
        var admin = new User { UserName = "admin", DisplayName = "系统管理员", OrganisationId = org.Id, MustChangePassword = true, CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("初始管理员密码不符合密码规则：" + string.Join("；", result.Errors.Select(e => e.Description)));
        db.UserRoles.Add(new UserRole { UserId = admin.Id, Role = Role.SystemAdmin });
        audit.Record(Actor.System, AuditActions.SystemBootstrapped, nameof(User), admin.Id, after: new { admin.UserName, org = org.Name });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Bootstrap administrator created");
        Banner.Show("首次启动：已创建系统管理员 admin",
            string.IsNullOrEmpty(preset) ? $"一次性密码：{password}" : "一次性密码：GovCloud__Bootstrap__AdminPassword 中设置的密码",
            "请立即登录并修改密码；此密码不会再次显示。");
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Lines a person starting the server must see, outside the JSON log.</summary>
public static class Banner
{
    public static void Show(params string[] lines)
    {
        Console.WriteLine(new string('=', 60));
        foreach (var line in lines.Where(l => l.Length > 0)) Console.WriteLine("  " + line);
        Console.WriteLine(new string('=', 60));
    }
}
