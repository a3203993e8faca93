using GovCloud.Web.Infrastructure.Privacy;
using GovCloud.Domain;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Auth;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Users;

public sealed record UserDto(
    Guid Id, string UserName, string DisplayName, Guid OrganisationId, string OrganisationName,
    IReadOnlyList<Role> Roles, string? Email, string? PhoneNumber, bool IsActive, DateTimeOffset? LockedUntil,
    bool MustChangePassword, DateTimeOffset? LastSignInAt, string Version, bool SecondFactor = false)
{
    public IReadOnlyList<string> RoleNames => Roles.Select(r => r.DisplayName()).ToList();
}

public sealed record CreateUserInput(string? UserName, string? DisplayName, Guid? OrganisationId, IReadOnlyList<Role>? Roles, string? Email, string? PhoneNumber);

public sealed record UpdateUserInput(string? DisplayName, IReadOnlyList<Role>? Roles, string? Email, string? PhoneNumber, bool IsActive, string? Version);

public sealed record UserQuery(string? Q = null, Guid? OrganisationId = null, Role? Role = null, bool? IsActive = null, bool? Locked = null,
    int? Page = null, int? PageSize = null);

/// <summary>A created or reset account and the one-time password to hand to its owner (shown once, never stored).</summary>
public sealed record UserWithPassword(UserDto User, string OneTimePassword);

/// <summary>Accounts: read within scope, managed by the system administrator; every change audited.</summary>
public sealed partial class UserService(
    GovCloudDbContext db,
    UserManager<User> users,
    DataScope scope,
    AuditLog audit,
    TokenService tokens,
    SecondFactorService secondFactors,
    InboxService inbox,
    Microsoft.Extensions.Options.IOptions<GovCloudOptions> options,
    PersonalDataProtector personalData,
    TimeProvider clock)
{
    public async Task<Paged<UserDto>> ListAsync(Actor actor, UserQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * size).Take(size).Select(Row).ToListAsync(ct);
        return new Paged<UserDto>(rows.Select(ToDto).Select(Masked).ToList(), total, page, size);
    }

    /// <summary>Lists and exports show mobiles and e-mails masked; one account's page shows them whole to its manager.</summary>
    private static UserDto Masked(UserDto u) => u with { Email = ContactRules.MaskEmail(u.Email), PhoneNumber = ContactRules.MaskPhone(u.PhoneNumber) };

    /// <summary>The filtered list (all pages) as .xlsx.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, UserQuery q, CancellationToken ct)
    {
        var rows = (await (await FilterAsync(actor, q, ct)).Select(Row).ToListAsync(ct)).Select(ToDto).Select(Masked);
        return await ExcelExport.ToXlsxAsync(rows, ExportColumns, "用户", ct);
    }

    private static readonly ExcelColumn<UserDto>[] ExportColumns =
    [
        new("用户名", u => u.UserName),
        new("姓名", u => u.DisplayName),
        new("所属单位", u => u.OrganisationName),
        new("角色", u => string.Join("、", u.RoleNames)),
        new("邮箱", u => u.Email),
        new("手机号码", u => u.PhoneNumber),
        new("状态", u => u.IsActive ? (u.LockedUntil is null ? "启用" : "已锁定") : "停用"),
        new("最近登录", u => ChinaTime.Format(u.LastSignInAt)),
    ];

    private async Task<IQueryable<User>> FilterAsync(Actor actor, UserQuery q, CancellationToken ct)
    {
        var query = await ScopedAsync(actor, ct);
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            // The mobile is stored sealed: found by its keyed hash, and only by whom it is shown whole (else a search, digit by
            // digit, would unmask it).
            var phone = actor.IsIn(Role.SystemAdmin) ? personalData.SearchIndex(q.Q) : null;
            query = query.Where(u => u.UserName!.Contains(q.Q) || u.DisplayName.Contains(q.Q)
                || (phone != null && EF.Property<string>(u, PersonalDataModel.IndexOf(nameof(User.PhoneNumber))) == phone));
        }
        if (q.OrganisationId is { } org) query = query.Where(u => u.OrganisationId == org);
        if (q.Role is { } role) query = query.Where(u => u.Roles.Any(r => r.Role == role));
        if (q.IsActive is { } active) query = query.Where(u => u.IsActive == active);
        if (q.Locked is { } locked)
        {
            var now = clock.GetUtcNow();
            query = locked ? query.Where(u => u.LockoutEnd > now) : query.Where(u => u.LockoutEnd == null || u.LockoutEnd <= now);
        }
        return query.OrderBy(u => u.UserName);
    }

    /// <summary>One account: mobile and e-mail whole to its owner and to the system administrator (audited), else masked .</summary>
    public async Task<UserDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var user = await FindAsync(actor, id, ct);
        if (id == actor.UserId) return user; // one's own
        // Whole only to the system administrator, who keeps accounts (and edits these); each such view is in the audit log.
        if (!actor.IsIn(Role.SystemAdmin)) return Masked(user);
        await audit.PersonalDataViewedAsync(actor, nameof(User), id, $"{user.UserName}（{user.DisplayName}）", [("邮箱", user.Email), ("手机号码", user.PhoneNumber)], ct);
        return user;
    }

    private async Task<UserDto> FindAsync(Actor actor, Guid id, CancellationToken ct) =>
        ToDto(await (await ScopedAsync(actor, ct)).Where(u => u.Id == id).Select(Row).FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("用户"));

    /// <summary>A new account, or, when it would be an administrator, a request held for a second administrator (三员分立).</summary>
    public async Task<AccountChange<UserWithPassword>> CreateAsync(Actor actor, CreateUserInput input, CancellationToken ct)
    {
        RequireAdmin(actor);
        var userName = await ValidateCreateAsync(input, ct);
        var roles = input.Roles!.Distinct().ToList();
        var (held, settingUp) = await HoldAsync(actor, AccountChangeKind.CreateUser, null, userName, [], roles, false, input,
            $"新建账号“{userName}”（{Texts.Line(input.DisplayName)}），角色：{RoleNames(roles)}", ct);
        return held is not null ? new(null, held) : new(await CreateCoreAsync(actor, input, settingUp ? SettingUpNote : null, ct), null);
    }

    /// <summary>Applies a validated create; also what an approved request does, with the approver as actor.</summary>
    private async Task<UserWithPassword> CreateCoreAsync(Actor actor, CreateUserInput input, string? note, CancellationToken ct)
    {
        var userName = await ValidateCreateAsync(input, ct);
        var user = new User
        {
            UserName = userName,
            DisplayName = Texts.Line(input.DisplayName)!,
            OrganisationId = input.OrganisationId!.Value,
            Email = Texts.Line(input.Email),
            PhoneNumber = Texts.Line(input.PhoneNumber),
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var password = NewOneTimePassword();
        await using var tx = await OwnTransactionAsync(ct);
        Check(await users.CreateAsync(user, password), "password");
        db.UserRoles.AddRange(input.Roles!.Distinct().Select(r => new UserRole { UserId = user.Id, Role = r }));
        audit.Record(actor, AuditActions.UserCreated, nameof(User), user.Id, after: Snapshot(user, input.Roles!, note));
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new UserWithPassword(Masked(await FindAsync(actor, user.Id, ct)), password);
    }

    private async Task<string> ValidateCreateAsync(CreateUserInput input, CancellationToken ct)
    {
        var v = new Validation();
        var userName = input.UserName?.Trim();
        v.Required(userName, "userName", "用户名", 32);
        if (!string.IsNullOrEmpty(userName) && !UserNamePattern().IsMatch(userName))
            v.Add("userName", "用户名须为 3–32 位字母、数字或 . _ -，以字母开头");
        if (!string.IsNullOrEmpty(userName) && await users.FindByNameAsync(userName) is not null)
            v.Add("userName", $"用户名“{userName}”已被使用");
        v.Required(input.DisplayName, "displayName", "姓名", 50);
        var orgType = input.OrganisationId is { } orgId
            ? await db.Organisations.Where(o => o.Id == orgId).Select(o => (OrganisationType?)o.Type).FirstOrDefaultAsync(ct)
            : null;
        if (orgType is null) v.Add("organisationId", input.OrganisationId is null ? "请选择所属单位" : "所属单位不存在");
        else CheckRoles(v, input.Roles, orgType.Value);
        CheckContact(v, input.Email, input.PhoneNumber);
        v.ThrowIfInvalid();
        return userName!;
    }

    /// <summary>Changes an account; giving or taking an administrator role, or stopping an administrator, is held for approval.</summary>
    public async Task<AccountChange<UserDto>> UpdateAsync(Actor actor, Guid id, UpdateUserInput input, CancellationToken ct)
    {
        RequireAdmin(actor);
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.Organisation).FirstOrDefaultAsync(u => u.Id == id, ct)
                   ?? throw ProblemException.NotFound("用户");
        ProblemException.CheckVersion(input.Version, user.ConcurrencyStamp ?? "", "用户");
        // A list row or an earlier answer sent back shows the contact masked: that means unchanged.
        input = input with { Email = ContactRules.KeptIfMasked(input.Email, user.Email), PhoneNumber = ContactRules.KeptIfMasked(input.PhoneNumber, user.PhoneNumber) };
        ValidateUpdate(actor, user, input);
        var before = user.Roles.Select(r => r.Role).ToList();
        var after = input.Roles!.Distinct().ToList();
        var deactivates = user.IsActive && !input.IsActive;
        var what = string.Join("；", new[]
        {
            before.ToHashSet().SetEquals(after) ? null : $"角色由“{RoleNames(before)}”改为“{RoleNames(after)}”",
            deactivates ? "停用账号" : null,
        }.OfType<string>());
        var (held, settingUp) = await HoldAsync(actor, AccountChangeKind.UpdateUser, user.Id, user.UserName!, before, after, deactivates,
            input with { Version = null }, $"账号“{user.UserName}”（{user.DisplayName}）：{what}", ct);
        return held is not null ? new(null, held) : new(await UpdateCoreAsync(actor, id, input, settingUp ? SettingUpNote : null, ct), null);
    }

    private void ValidateUpdate(Actor actor, User user, UpdateUserInput input)
    {
        var v = new Validation();
        v.Required(input.DisplayName, "displayName", "姓名", 50);
        CheckRoles(v, input.Roles, user.Organisation!.Type);
        CheckContact(v, input.Email, input.PhoneNumber);
        if (user.Id == actor.UserId && !input.IsActive) v.Add("isActive", "不能停用自己的账号");
        if (user.Id == actor.UserId && actor.IsIn(Role.SystemAdmin) && !input.Roles!.Contains(Role.SystemAdmin)) v.Add("roles", "不能取消自己的系统管理员角色");
        v.ThrowIfInvalid();
    }

    /// <summary>Applies an update (without a version check when an approved request applies it: the approver approved that change).</summary>
    private async Task<UserDto> UpdateCoreAsync(Actor actor, Guid id, UpdateUserInput input, string? note, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).Include(u => u.Organisation).FirstOrDefaultAsync(u => u.Id == id, ct)
                   ?? throw ProblemException.NotFound("用户");
        if (input.Version is not null) ProblemException.CheckVersion(input.Version, user.ConcurrencyStamp ?? "", "用户");
        ValidateUpdate(actor, user, input);

        var before = Snapshot(user, user.Roles.Select(r => r.Role).ToList());
        var rolesChanged = !user.Roles.Select(r => r.Role).ToHashSet().SetEquals(input.Roles!);
        var deactivated = user.IsActive && !input.IsActive;
        user.DisplayName = Texts.Line(input.DisplayName)!;
        user.Email = Texts.Line(input.Email);
        user.PhoneNumber = Texts.Line(input.PhoneNumber);
        user.IsActive = input.IsActive;
        user.Roles.RemoveAll(r => !input.Roles!.Contains(r.Role));
        foreach (var role in input.Roles!.Distinct().Where(r => user.Roles.All(x => x.Role != r)))
            user.Roles.Add(new UserRole { UserId = user.Id, Role = role });

        await using var tx = await OwnTransactionAsync(ct);
        // A new security stamp signs the user out everywhere within a minute, so new roles or a deactivation take effect.
        if (rolesChanged || deactivated) await users.UpdateSecurityStampAsync(user);
        else Check(await users.UpdateAsync(user), "version");
        if (rolesChanged || deactivated) await tokens.RevokeAsync(user.Id, null, actor, deactivated ? "账号停用" : "角色变更", ct);
        audit.Record(actor, AuditActions.UserUpdated, nameof(User), user.Id, before, Snapshot(user, input.Roles!, note));
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return Masked(await FindAsync(actor, user.Id, ct));
    }

    /// <summary>
    /// A new one-time password; the user must change it at next sign-in, and every session and token ends. An administrator's
    /// password is reset only on a second administrator's approval, and its one-time password goes to that approver alone.
    /// </summary>
    public async Task<AccountChange<UserWithPassword>> ResetPasswordAsync(Actor actor, Guid id, CancellationToken ct)
    {
        RequireAdmin(actor);
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw ProblemException.NotFound("用户");
        var roles = user.Roles.Select(r => r.Role).ToList();
        var (held, settingUp) = await HoldAsync(actor, AccountChangeKind.ResetPassword, user.Id, user.UserName!, roles, roles, false, null,
            $"重置账号“{user.UserName}”（{user.DisplayName}，{RoleNames(roles)}）的密码", ct);
        return held is not null ? new(null, held) : new(await ResetCoreAsync(actor, id, settingUp ? SettingUpNote : null, ct), null);
    }

    private async Task<UserWithPassword> ResetCoreAsync(Actor actor, Guid id, string? note, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw ProblemException.NotFound("用户");
        var password = NewOneTimePassword();
        await using var tx = await OwnTransactionAsync(ct);
        user.MustChangePassword = true;
        Check(await users.RemovePasswordAsync(user), "password");
        Check(await users.AddPasswordAsync(user, password), "password");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await tokens.RevokeAsync(user.Id, null, actor, "管理员重置密码", ct);
        audit.Record(actor, AuditActions.PasswordReset, nameof(User), user.Id, after: note is null ? null : new { note });
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new UserWithPassword(Masked(await FindAsync(actor, user.Id, ct)), password);
    }

    /// <summary>A transaction of this call's own, or none when the caller (an approval) already holds one.</summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> OwnTransactionAsync(CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    private static string RoleNames(IEnumerable<Role> roles) => string.Join("、", roles.Select(r => r.DisplayName()));

    public async Task<UserDto> UnlockAsync(Actor actor, Guid id, CancellationToken ct)
    {
        RequireAccountSecurity(actor);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw ProblemException.NotFound("用户");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Record(actor, AuditActions.UserUnlocked, nameof(User), user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Masked(await FindAsync(actor, id, ct));
    }

    public async Task<int> RevokeTokensAsync(Actor actor, Guid id, CancellationToken ct)
    {
        RequireAccountSecurity(actor);
        if (!await db.Users.AnyAsync(u => u.Id == id, ct)) throw ProblemException.NotFound("用户");
        return await tokens.RevokeAsync(id, null, actor, "管理员吊销", ct);
    }

    /// <summary>The user changes their own password; every token is revoked and other sessions end.</summary>
    public async Task ChangeOwnPasswordAsync(Actor actor, string? currentPassword, string? newPassword, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct) ?? throw ProblemException.NotFound("用户");
        var v = new Validation();
        if (string.IsNullOrEmpty(currentPassword)) v.Add("currentPassword", "请输入原密码");
        if (string.IsNullOrEmpty(newPassword)) v.Add("newPassword", "请输入新密码");
        else if (newPassword == currentPassword) v.Add("newPassword", "新密码不能与原密码相同");
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "currentPassword" : "newPassword";
            Check(result, field);
        }
        user.MustChangePassword = false;
        await tokens.RevokeAsync(user.Id, null, actor, "修改密码", ct);
        audit.Record(actor, AuditActions.PasswordChanged, nameof(User), user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static string NewOneTimePassword()
    {
        // Every character class present, no look-alike characters: easy to read out over the phone.
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "#@%+=";
        var chars = RandomNumberGenerator.GetString(upper + lower + digits, 10).ToCharArray().ToList();
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count), upper[RandomNumberGenerator.GetInt32(upper.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count), lower[RandomNumberGenerator.GetInt32(lower.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count), digits[RandomNumberGenerator.GetInt32(digits.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count), symbols[RandomNumberGenerator.GetInt32(symbols.Length)]);
        return new string(chars.ToArray());
    }

    private async Task<IQueryable<User>> ScopedAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.UserOrganisationsAsync(actor, ct);
        var query = db.Users.AsNoTracking();
        return visible is null ? query : query.Where(u => visible.Contains(u.OrganisationId));
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Role.SystemAdmin)) throw ProblemException.Forbidden("只有系统管理员可以管理用户");
    }

    /// <summary>Unlocking and revoking are security operations: the system or the security administrator.</summary>
    private static void RequireAccountSecurity(Actor actor)
    {
        if (!actor.IsInAny(Role.SystemAdmin, Role.SecurityAdmin)) throw ProblemException.Forbidden("只有系统管理员或安全管理员可以解锁账号、吊销令牌");
    }

    private void CheckRoles(Validation v, IReadOnlyList<Role>? roles, OrganisationType orgType)
    {
        if (roles is null) { v.Add("roles", "至少选择一个角色"); return; }
        foreach (var error in Roles.Validate(roles.Distinct().ToList(), orgType, options.Value.Security.RoleHomes)) v.Add("roles", error);
    }

    private static void CheckContact(Validation v, string? email, string? phone)
    {
        if (!TextRules.IsBlank(email) && !ContactRules.IsEmail(email)) v.Add("email", "邮箱格式不正确");
        if (!TextRules.IsBlank(phone) && !ContactRules.IsMobile(phone)) v.Add("phoneNumber", "手机号码须为 11 位数字，以 1 开头");
    }

    private static void Check(IdentityResult result, string field)
    {
        if (result.Succeeded) return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw ProblemException.Conflict("该用户已被他人修改，请刷新后重试");
        throw ProblemException.Invalid(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
    }


    private static object Snapshot(User u, IEnumerable<Role> roles, string? note = null) => new
    {
        u.UserName, u.DisplayName, u.OrganisationId, u.Email, u.PhoneNumber, u.IsActive,
        Roles = roles.Select(r => r.ToString()).Order().ToList(),
        note,
    };

    private sealed record UserRow(
        Guid Id, string UserName, string DisplayName, Guid OrganisationId, string OrganisationName, List<Role> Roles,
        string? Email, string? PhoneNumber, bool IsActive, DateTimeOffset? LockoutEnd, bool MustChangePassword,
        DateTimeOffset? LastSignInAt, string? Version, bool SecondFactor);

    private static readonly System.Linq.Expressions.Expression<Func<User, UserRow>> Row = u => new UserRow(
        u.Id, u.UserName!, u.DisplayName, u.OrganisationId, u.Organisation!.Name, u.Roles.Select(r => r.Role).ToList(),
        u.Email, u.PhoneNumber, u.IsActive, u.LockoutEnd, u.MustChangePassword, u.LastSignInAt, u.ConcurrencyStamp, u.SecondFactorSecret != null);

    private UserDto ToDto(UserRow r) => new(
        r.Id, r.UserName, r.DisplayName, r.OrganisationId, r.OrganisationName, r.Roles.Order().ToList(), r.Email, r.PhoneNumber,
        r.IsActive, r.LockoutEnd > clock.GetUtcNow() ? r.LockoutEnd : null, r.MustChangePassword, r.LastSignInAt, r.Version ?? "", r.SecondFactor);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{2,31}$")]
    private static partial Regex UserNamePattern();

}
