using GovCloud.Domain.Organisations;

namespace GovCloud.Web.Features.Organisations;

/// <summary>A node of the organisation tree: the Bureau, the Center, an agency, a county and its departments, …</summary>
public sealed class Organisation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public OrganisationType Type { get; set; }
    public Guid? ParentId { get; set; }
    public Organisation? Parent { get; set; }

    /// <summary>统一社会信用代码; tenants only.</summary>
    public string? CreditCode { get; set; }
    public FundingType? FundingType { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Optimistic concurrency: bumped on every update; a stale write gets 409.</summary>
    public long Version { get; set; }
}
