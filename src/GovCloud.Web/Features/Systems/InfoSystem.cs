using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Organisations;

namespace GovCloud.Web.Features.Systems;

/// <summary>非涉密信息系统: one entry of an agency's register (信息系统台账); one application is for one system.</summary>
public sealed class InfoSystem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string Name { get; set; }
    /// <summary>子系统, in order, joined with 、.</summary>
    public string? Subsystems { get; set; }
    public string? Vendor { get; set; }
    public string? VendorContactName { get; set; }
    public string? VendorContactMobile { get; set; }
    public string? VendorContactEmail { get; set; }
    public SystemKind Kind { get; set; }
    public int? MlpsLevel { get; set; }
    public SystemLocation Location { get; set; }
    /// <summary>The agency's data centre that hosts it, when it is in one .</summary>
    public Guid? DataCenterId { get; set; }
    public SystemLifecycle Lifecycle { get; set; }
    /// <summary>
    /// Art. 4: a new or upgraded system is built on the cloud; one that may not be is the Bureau's recorded exception —
    /// why, by whom, when. Null when there is none.
    /// </summary>
    public string? OffCloudReason { get; set; }
    public string? OffCloudBy { get; set; }
    public DateTimeOffset? OffCloudAt { get; set; }
    public string? Remarks { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>R-21.5: the approved range each VM of an elastic system may scale in by itself (set by a carried-out change).</summary>
    public int? ElasticMinVcpu { get; set; }
    public int? ElasticMaxVcpu { get; set; }
    public int? ElasticMinMemoryGb { get; set; }
    public int? ElasticMaxMemoryGb { get; set; }

    public GovCloud.Domain.Provisioning.ElasticEnvelope? Elastic => ElasticMinVcpu is null ? null
        : new(ElasticMinVcpu.Value, ElasticMaxVcpu!.Value, ElasticMinMemoryGb!.Value, ElasticMaxMemoryGb!.Value);

    public long Version { get; set; }
}
