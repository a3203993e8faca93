using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Auth;

/// <summary>
/// Checks a user name and password for the sign-in page and the token endpoint alike: lockout after
/// repeated failures, every attempt audited, the same Chinese answers.
/// </summary>
public sealed class SignInService(
    GovCloudDbContext db,
    UserManager<User> users,
    SignInManager<User> signIns,
    AuditLog audit,
    TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    public const string WrongCredentials = "用户名或密码错误";

    private static readonly User TimingDummy = new() { DisplayName = "" };
    private static readonly string TimingDummyHash = new PasswordHasher<User>().HashPassword(TimingDummy, "GovCloud-timing-equaliser");

    /// <summary>
    /// The user when the name and password are right and the account may sign in; otherwise a 401 that is the same, word
    /// for word and in the time it takes, whether the name is unknown, the account stopped or locked, or the password
    /// wrong, so that nobody can find out which accounts exist or are locked by trying. The audit log keeps the real reason.
    /// </summary>
    public async Task<User> CheckAsync(string? userName, string? password, string? clientIp, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            throw new ProblemException(400, "请输入用户名和密码", "请输入用户名和密码");

        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || !user.IsActive)
        {
            // Spend the same hashing time as a real check, so the answer's speed does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(user ?? TimingDummy, TimingDummyHash, password);
            await RecordAsync(user, userName, clientIp, AuditActions.SignInFailed, user is null ? "用户不存在" : "账号已停用", ct);
            throw Refused();
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account before hashing; hash anyway, for the same reason.
            users.PasswordHasher.VerifyHashedPassword(user, TimingDummyHash, password);
            await RecordAsync(user, userName, clientIp, AuditActions.SignInFailed, "账号已锁定", ct);
            throw Refused();
        }

        var result = await signIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await RecordAsync(user, userName, clientIp, AuditActions.SignInFailed, result.IsLockedOut ? "密码错误，账号已锁定" : "密码错误", ct);
            throw Refused();
        }

        user.LastSignInAt = clock.GetUtcNow();
        await RecordAsync(user, userName, clientIp, AuditActions.SignIn, null, ct);
        return user;
    }

    /// <summary>The one answer to every failed sign-in; it says that repeated failures lock, not whether they have.</summary>
    public ProblemException Refused()
    {
        var s = options.Value.Security;
        return new ProblemException(401, WrongCredentials,
            $"{WrongCredentials}。连续输错 {s.MaxFailedSignIns} 次账号将锁定 {s.LockoutMinutes} 分钟，届时请稍后再试或联系安全管理员解锁");
    }

    private async Task RecordAsync(User? user, string attemptedName, string? ip, string action, string? reason, CancellationToken ct)
    {
        var actor = new Actor(user?.Id, user?.UserName ?? attemptedName, user?.OrganisationId, ip, new HashSet<GovCloud.Domain.Security.Role>());
        audit.Record(actor, action, "User", user?.Id, after: reason is null ? null : new { reason });
        await db.SaveChangesAsync(ct);
    }
}
