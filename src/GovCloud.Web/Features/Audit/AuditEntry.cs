using GovCloud.Domain.Audit;

namespace GovCloud.Web.Features.Audit;

/// <summary>
/// One line of the append-only audit log. Nothing in the product updates or deletes it; the hash
/// chain (<see cref="AuditChain"/>) shows when anyone did so behind the product's back.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset Time { get; set; }
    public Guid? ActorId { get; set; }
    public string? ActorName { get; set; }
    public Guid? OrganisationId { get; set; }
    public string? ClientIp { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public AuditRecord ToRecord() => new(Sequence, Time, ActorId?.ToString(), ActorName, OrganisationId?.ToString(),
        ClientIp, Action, EntityType, EntityId, Before, After);
}
