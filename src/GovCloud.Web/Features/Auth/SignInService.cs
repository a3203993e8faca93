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

    /// <summary>The user when the password is right; otherwise throws 401 or 423 with the Chinese reason.</summary>
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
            throw new ProblemException(401, WrongCredentials, WrongCredentials);
        }

        var result = await signIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await RecordAsync(user, userName, clientIp, AuditActions.SignInFailed, "账号已锁定", ct);
            throw Locked(user.LockoutEnd);
        }
        if (!result.Succeeded)
        {
            await RecordAsync(user, userName, clientIp, AuditActions.SignInFailed, "密码错误", ct);
            throw new ProblemException(401, WrongCredentials, WrongCredentials);
        }

        user.LastSignInAt = clock.GetUtcNow();
        await RecordAsync(user, userName, clientIp, AuditActions.SignIn, null, ct);
        return user;
    }

    public ProblemException Locked(DateTimeOffset? until)
    {
        var end = until ?? clock.GetUtcNow().AddMinutes(options.Value.Security.LockoutMinutes);
        var problem = new ProblemException(423, "账号已锁定",
            $"连续登录失败次数过多，账号已锁定，请于 {end.ToChina():yyyy-MM-dd HH:mm} 后再试");
        problem.Extensions["lockedUntil"] = end;
        return problem;
    }

    private async Task RecordAsync(User? user, string attemptedName, string? ip, string action, string? reason, CancellationToken ct)
    {
        var actor = new Actor(user?.Id, user?.UserName ?? attemptedName, user?.OrganisationId, ip, new HashSet<GovCloud.Domain.Security.Role>());
        audit.Record(actor, action, "User", user?.Id, after: reason is null ? null : new { reason });
        await db.SaveChangesAsync(ct);
    }
}
