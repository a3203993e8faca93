using System.Security.Cryptography;
using System.Text;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OtpNet;
using QRCoder;

namespace GovCloud.Web.Features.Auth;

/// <summary>One of a user's one-time recovery codes, kept only as a hash.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

public sealed record SecondFactorStatus(bool Enabled, bool Required, DateTimeOffset? Since, int RecoveryCodesLeft);

/// <summary>
/// What an authenticator app needs to be set up: the secret (also as a QR code) and a setup token that carries the secret,
/// encrypted and valid for 15 minutes, until a first code confirms it. Nothing is stored before that.
/// </summary>
public sealed record SecondFactorSetup(string Secret, string SecretGrouped, string OtpAuthUri, string QrCodePng, string SetupToken);

public sealed record SecondFactorConfirmInput(string? SetupToken, string? Code);

/// <summary>The recovery codes, shown once; each works once, in place of a code from the app.</summary>
public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

/// <summary>
/// The second factor (<see cref="SecondFactorRules"/>): enrolment with a QR code, codes checked within ±1 step and never
/// accepted twice (the accepted step is kept, and a code for it or an earlier one is refused, in one conditional update),
/// recovery codes hashed and used once, and the security administrator's reset. Everything audited.
/// </summary>
public sealed class SecondFactorService(
    GovCloudDbContext db, IDataProtectionProvider protection, AuditLog audit, TokenService tokens, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    private IDataProtector Secrets => protection.CreateProtector("GovCloud.SecondFactor.Secret");
    private ITimeLimitedDataProtector Setups => protection.CreateProtector("GovCloud.SecondFactor.Setup").ToTimeLimitedDataProtector();
    private IReadOnlySet<Role> RequiredRoles => SecondFactorRules.ParseRoles(options.Value.Security.SecondFactorRoles);

    public bool IsRequired(IEnumerable<Role> roles) => SecondFactorRules.IsRequired(roles, RequiredRoles);

    public async Task<bool> IsRequiredAsync(Guid userId, CancellationToken ct) =>
        IsRequired(await db.UserRoles.Where(r => r.UserId == userId).Select(r => r.Role).ToListAsync(ct));

    public async Task<SecondFactorStatus> StatusAsync(Actor actor, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == actor.UserId, ct);
        var left = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, ct);
        return new SecondFactorStatus(user.SecondFactorSecret is not null, IsRequired(actor.Roles), user.SecondFactorSince, left);
    }

    /// <summary>A new secret for the signed-in user's authenticator app; stored only once a code from it is confirmed.</summary>
    public async Task<SecondFactorSetup> SetupAsync(Actor actor, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == actor.UserId, ct);
        RequireOwnPassword(user);
        if (user.SecondFactorSecret is not null)
            throw new ProblemException(409, "已绑定动态口令", "您已绑定动态口令；如需更换设备，请联系安全管理员重置后重新绑定");
        return SetupOf(user, Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20)));
    }

    /// <summary>
    /// Whoever handed over the one-time password knows it: the second factor is bound only after the owner has chosen
    /// their own password, so that the authenticator is the owner's too.
    /// </summary>
    private static void RequireOwnPassword(User user)
    {
        if (user.MustChangePassword) throw ProblemException.Forbidden("请先修改初始密码，再绑定动态口令");
    }

    /// <summary>The same setup again (after a mistyped code), from its token; null when the token has expired or is not this user's.</summary>
    public async Task<SecondFactorSetup?> ResumeAsync(Actor actor, string? setupToken, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == actor.UserId, ct);
        return SecretOf(actor, setupToken) is { } secret ? SetupOf(user, secret) : null;
    }

    private string? SecretOf(Actor actor, string? setupToken)
    {
        try
        {
            var parts = Setups.Unprotect(setupToken ?? "").Split('|');
            return parts.Length == 2 && parts[0] == actor.UserId?.ToString("N") ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private SecondFactorSetup SetupOf(User user, string secret)
    {
        var issuer = options.Value.Security.SecondFactorIssuer;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.UserName!)}?secret={secret}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(6));
        var token = Setups.Protect($"{user.Id:N}|{secret}", TimeSpan.FromMinutes(15));
        return new SecondFactorSetup(secret, SecondFactorRules.Grouped(secret), uri, png, token);
    }

    /// <summary>The first code from the app confirms the setup: the secret is kept (encrypted) and ten recovery codes are made.</summary>
    public async Task<RecoveryCodes> ConfirmAsync(Actor actor, SecondFactorConfirmInput input, CancellationToken ct)
    {
        var secret = SecretOf(actor, input.SetupToken)
                     ?? throw ProblemException.Invalid("setupToken", "绑定已过期或无效，请重新开始绑定（扫描新的二维码）");
        var code = SecondFactorRules.Normalise(input.Code);
        if (!SecondFactorRules.IsAppCode(code) || Match(secret, code) is not { } step)
            throw ProblemException.Invalid("code", "动态口令不正确：请输入身份验证器 App 中当前显示的 6 位数字（并确认手机时间准确）");

        var user = await db.Users.FirstAsync(u => u.Id == actor.UserId, ct);
        RequireOwnPassword(user);
        if (user.SecondFactorSecret is not null) throw new ProblemException(409, "已绑定动态口令", "您已绑定动态口令");
        var codes = Enumerable.Range(0, SecondFactorRules.RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        // Encrypted before the transaction: a first key of the key ring is written by a connection of its own, which
        // SQLite would make wait for this transaction's write lock.
        var kept = Secrets.Protect(secret);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (user.SecondFactorSecret, user.SecondFactorSince, user.SecondFactorLastStep) = (kept, clock.GetUtcNow(), step);
        db.RecoveryCodes.RemoveRange(db.RecoveryCodes.Where(c => c.UserId == user.Id));
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = user.Id, Hash = HashOf(user.Id, c) }));
        // Tokens and sessions opened with the password alone (to set this up) end: the next sign-in gives both factors.
        await tokens.RevokeAsync(user.Id, null, actor, "绑定动态口令", ct);
        audit.Record(actor, AuditActions.SecondFactorEnrolled, nameof(User), user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RecoveryCodes(codes);
    }

    /// <summary>
    /// Whether <paramref name="code"/> is this user's current app code (not used before) or an unused recovery code; a
    /// code that passes is spent at once, so the same code never works twice, even sent twice at the same moment.
    /// </summary>
    public async Task<(bool Ok, bool Recovery)> VerifyAsync(User user, string? code, CancellationToken ct)
    {
        if (user.SecondFactorSecret is null) return (false, false);
        var typed = SecondFactorRules.Normalise(code);
        if (SecondFactorRules.IsAppCode(typed))
        {
            string secret;
            try { secret = Secrets.Unprotect(user.SecondFactorSecret); }
            catch (CryptographicException) { return (false, false); }
            if (Match(secret, typed) is not { } step) return (false, false);
            var taken = await db.Users.Where(u => u.Id == user.Id && u.SecondFactorLastStep < step)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.SecondFactorLastStep, step), ct);
            return (taken == 1, false);
        }
        if (typed.Length != 10) return (false, false);
        var hash = HashOf(user.Id, typed);
        var used = await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, clock.GetUtcNow()), ct);
        return (used == 1, used == 1);
    }

    /// <summary>The security administrator removes a user's second factor (lost phone): every token and session ends, and the user sets up a new one.</summary>
    public async Task ResetAsync(Actor actor, Guid userId, CancellationToken ct)
    {
        if (!actor.IsIn(Role.SecurityAdmin)) throw ProblemException.Forbidden("只有安全管理员可以重置动态口令");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw ProblemException.NotFound("用户");
        if (user.SecondFactorSecret is null) throw new ProblemException(409, "未绑定动态口令", "该用户尚未绑定动态口令");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await RemoveAsync(actor, user, "重置动态口令", ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Takes a user's second factor away (secret, recovery codes), ends their tokens and sessions, audited; within the caller's transaction.</summary>
    internal async Task RemoveAsync(Actor actor, User user, string reason, CancellationToken ct)
    {
        (user.SecondFactorSecret, user.SecondFactorSince, user.SecondFactorLastStep) = (null, null, 0);
        db.RecoveryCodes.RemoveRange(db.RecoveryCodes.Where(c => c.UserId == user.Id));
        await tokens.RevokeAsync(user.Id, null, actor, reason, ct);
        audit.Record(actor, AuditActions.SecondFactorReset, nameof(User), user.Id, after: new { user.UserName, reason });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The step the code belongs to, when it is the code of the server's step or one step either side.</summary>
    private long? Match(string secret, string code)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var window = new VerificationWindow(SecondFactorRules.AllowedSkewSteps, SecondFactorRules.AllowedSkewSteps);
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, window) ? step : null;
    }

    /// <summary>Ten characters people can read out (no 0/O, 1/I), shown as XXXXX-XXXXX: 50 bits.</summary>
    private static string NewRecoveryCode()
    {
        var code = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10);
        return code[..5] + "-" + code[5..];
    }

    private static string HashOf(Guid userId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId:N}:{SecondFactorRules.Normalise(code)}")));

    /// <summary>The published demo secret, encrypted as stored (demo data only; before its transaction, see <see cref="ConfirmAsync"/>).</summary>
    internal string ProtectForDemo(string secret) => Secrets.Protect(secret);

    /// <summary>Enrols a demo user with the published demo secret (demo data only).</summary>
    internal void EnrolForDemo(User user, string protectedSecret) =>
        (user.SecondFactorSecret, user.SecondFactorSince, user.SecondFactorLastStep) = (protectedSecret, clock.GetUtcNow(), 0);
}
