using System.Security.Cryptography;
using System.Text;

namespace GovCloud.Domain.Audit;

/// <summary>The fields of one audit entry that the hash chain protects.</summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Time,
    string? ActorId,
    string? ActorName,
    string? OrganisationId,
    string? ClientIp,
    string Action,
    string EntityType,
    string? EntityId,
    string? Before,
    string? After);

/// <summary>
/// Tamper evidence for the audit log: each entry's hash covers its own fields and the previous
/// entry's hash, so changing, removing or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The hash the first entry links to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(string previousHash, AuditRecord r)
    {
        // One field a line, with lengths, so that no two different records give the same text.
        var text = new StringBuilder()
            .Append(previousHash).Append('\n')
            .Append(r.Sequence).Append('\n')
            .Append(r.Time.ToUnixTimeMilliseconds()).Append('\n');
        foreach (var field in new[] { r.ActorId, r.ActorName, r.OrganisationId, r.ClientIp, r.Action, r.EntityType, r.EntityId, r.Before, r.After })
            text.Append(field?.Length ?? -1).Append(':').Append(field).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

}

/// <summary>
/// Walks the log in sequence order, one entry at a time (the log can be long), and remembers the
/// first entry whose link or hash does not hold.
/// </summary>
public sealed class AuditChainVerifier
{
    private string _previous = AuditChain.Genesis;

    public long Checked { get; private set; }
    public long? FirstBroken { get; private set; }
    public bool Valid => FirstBroken is null;

    /// <summary>False once the chain is broken; the caller may stop there.</summary>
    public bool Accept(AuditRecord record, string previousHash, string hash)
    {
        if (FirstBroken is not null) return false;
        Checked++;
        if (record.Sequence != Checked || previousHash != _previous || AuditChain.Hash(previousHash, record) != hash)
        {
            FirstBroken = record.Sequence;
            return false;
        }
        _previous = hash;
        return true;
    }
}
