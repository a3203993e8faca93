using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Auth;

/// <summary>Issues and revokes the API's bearer tokens.</summary>
public sealed class TokenService(GovCloudDbContext db, AuditLog audit, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(Guid userId, Actor actor, CancellationToken ct)
    {
        var token = ApiTokenHandler.NewToken();
        var now = clock.GetUtcNow();
        var entity = new ApiToken
        {
            UserId = userId,
            Hash = ApiTokenHandler.HashOf(token),
            CreatedAt = now,
            ExpiresAt = now.AddHours(options.Value.Security.TokenLifetimeHours),
            ClientIp = actor.ClientIp,
        };
        db.ApiTokens.Add(entity);
        audit.Record(actor, AuditActions.TokenIssued, "ApiToken", entity.Id, after: new { entity.UserId, entity.ExpiresAt });
        await db.SaveChangesAsync(ct);
        return (token, entity.ExpiresAt);
    }

    /// <summary>
    /// Revokes one token, or, when <paramref name="tokenId"/> is null, every live token of a user and every sign-in session
    /// of theirs (each browser is signed out on its next request).
    /// </summary>
    public async Task<int> RevokeAsync(Guid userId, Guid? tokenId, Actor actor, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (tokenId is null)
            await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, Texts.Fit(reason, 50)), ct);
        var live = await db.ApiTokens
            .Where(t => t.UserId == userId && t.RevokedAt == null && (tokenId == null || t.Id == tokenId))
            .ToListAsync(ct);
        foreach (var token in live)
        {
            token.RevokedAt = now;
            audit.Record(actor, AuditActions.TokenRevoked, "ApiToken", token.Id, after: new { token.UserId, reason });
        }
        await db.SaveChangesAsync(ct);
        return live.Count;
    }
}
