namespace GovCloud.Web.Infrastructure.Auth;

/// <summary>
/// A bearer token for the API. Only its SHA-256 hash is stored, so a database reader cannot use it;
/// revoking it is one update that every instance sees at once.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? ClientIp { get; set; }
}
