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
/// Signing in, for the sign-in page and the token endpoint alike, in up to two steps: the password (lockout after
/// repeated failures, one answer whatever went wrong), then, for a user with a second factor, a code from the app or a
/// recovery code (failures count towards the same lockout). Every attempt audited.
/// </summary>
public sealed class SignInService(
    GovCloudDbContext db,
    UserManager<User> users,
    SecondFactorService secondFactor,
    AuditLog audit,
    TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    public const string WrongCredentials = "用户名或密码错误";
    public const string CodeNeeded = "需要动态口令";

    private static readonly User TimingDummy = new() { DisplayName = "" };
    private static readonly string TimingDummyHash = new PasswordHasher<User>().HashPassword(TimingDummy, "GovCloud-timing-equaliser");

    /// <summary>
    /// The user when the name and password are right and the account may sign in; otherwise a 401 that is the same, word
    /// for word and in the time it takes, whether the name is unknown, the account stopped or locked, or the password
    /// wrong, so that nobody can find out which accounts exist or are locked by trying. The audit log keeps the real reason.
    /// </summary>
    public async Task<User> CheckPasswordAsync(string? userName, string? password, string? clientIp, CancellationToken ct)
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
        if (IsLocked(user))
        {
            // Identity answers a locked account before hashing; hash anyway, for the same reason.
            users.PasswordHasher.VerifyHashedPassword(user, TimingDummyHash, password);
            await RecordAsync(user, userName, clientIp, AuditActions.SignInFailed, "账号已锁定", ct);
            throw Refused();
        }

        // Not SignInManager's check: it clears the failure count on a right password, and then a second factor could be
        // guessed for ever by giving the password before each guess. The count is cleared when the whole sign-in succeeds.
        if (!await users.CheckPasswordAsync(user, password))
        {
            var locked = await FailAsync(user, ct);
            await RecordAsync(user, userName, clientIp, AuditActions.SignInFailed, locked ? "密码错误，账号已锁定" : "密码错误", ct);
            throw Refused();
        }
        return user;
    }

    /// <summary>Whether the user must also give a code: everyone who has set up a second factor.</summary>
    public static bool NeedsCode(User user) => user.SecondFactorSecret is not null;

    /// <summary>
    /// The second step: a code from the app or a recovery code. A wrong code counts as a failed sign-in (lockout);
    /// a missing one is asked for (401 "需要动态口令", <c>secondFactorRequired</c>).
    /// </summary>
    public async Task CheckCodeAsync(User user, string? code, string? clientIp, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            var needed = new ProblemException(401, CodeNeeded, "请输入身份验证器 App 中的 6 位动态口令，或一个一次性恢复码");
            needed.Extensions["secondFactorRequired"] = true;
            throw needed;
        }
        // The attempt is counted before the code is looked at: guesses sent all at once take the allowed tries one each,
        // and those beyond them are refused unseen.
        var attempt = await ReserveAttemptAsync(user, ct);
        if (attempt && await secondFactor.VerifyAsync(user, code, ct) is { Ok: true } ok)
        {
            if (ok.Recovery) await RecordAsync(user, user.UserName!, clientIp, AuditActions.RecoveryCodeUsed, null, ct);
            return;
        }
        var locked = attempt && await LockIfDueAsync(user, ct);
        await RecordAsync(user, user.UserName!, clientIp, AuditActions.SignInFailed,
            !attempt ? "账号已锁定或尝试次数已满，未核对动态口令" : locked ? "动态口令错误，账号已锁定" : "动态口令错误", ct);
        var s = options.Value.Security;
        throw new ProblemException(401, "动态口令错误",
            $"动态口令错误或已使用过。连续输错 {s.MaxFailedSignIns} 次账号将锁定 {s.LockoutMinutes} 分钟");
    }

    /// <summary>Both steps passed: the sign-in is recorded (with how the user proved who they are).</summary>
    public async Task CompleteAsync(User user, string? clientIp, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.LastSignInAt, now), ct);
        await RecordAsync(user, user.UserName!, clientIp, AuditActions.SignIn, NeedsCode(user) ? "密码 + 动态口令" : "密码", ct);
    }

    /// <summary>Locked out now, by the product's clock (Identity's own check reads the machine's).</summary>
    private bool IsLocked(User user) => user.LockoutEnabled && user.LockoutEnd > clock.GetUtcNow();

    /// <summary>
    /// One more failed attempt, counted by the database itself rather than read, changed and written back: twenty wrong
    /// guesses sent at the same moment are twenty, not one. Returns whether this one locked the account.
    /// </summary>
    private async Task<bool> FailAsync(User user, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1), ct);
        return await LockIfDueAsync(user, ct);
    }

    /// <summary>Locks the account when its failures reached the limit; whether this call locked it.</summary>
    private async Task<bool> LockIfDueAsync(User user, CancellationToken ct)
    {
        var s = options.Value.Security;
        var until = clock.GetUtcNow().AddMinutes(s.LockoutMinutes);
        return await db.Users.Where(u => u.Id == user.Id && u.LockoutEnabled && u.AccessFailedCount >= s.MaxFailedSignIns)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, until).SetProperty(x => x.AccessFailedCount, 0), ct) > 0;
    }

    /// <summary>
    /// Takes one of the allowed tries for a code, in the database: false when the account is locked now or the tries are
    /// used up. The count is raised only while it is below the limit, in one conditional update (the database re-checks
    /// the condition for each of the updates that waited for the row), so guesses sent at once take at most the allowed
    /// tries and at least one of them is looked at.
    /// </summary>
    private async Task<bool> ReserveAttemptAsync(User user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var max = options.Value.Security.MaxFailedSignIns;
        return await db.Users.Where(u => u.Id == user.Id && !(u.LockoutEnabled && u.LockoutEnd > now) && u.AccessFailedCount < max)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1), ct) > 0;
    }

    /// <summary>The one answer to every failed password step; it says that repeated failures lock, not whether they have.</summary>
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
