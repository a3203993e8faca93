namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>
/// One signed-in browser. The sign-in cookie only names its session; the session row says whether it still
/// counts, so a sign-out (or an administrator's revocation) ends it on every instance at once, and a copy of
/// the cookie saved before is worthless.
/// </summary>
public sealed class SignInSession
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Why it ended: 退出登录, 修改密码, 管理员吊销…</summary>
    public string? EndReason { get; set; }
    public string? ClientIp { get; set; }
    /// <summary>How the user proved who they are: "pwd", or "pwd otp" with the second factor.</summary>
    public string Methods { get; set; } = "pwd";
}
