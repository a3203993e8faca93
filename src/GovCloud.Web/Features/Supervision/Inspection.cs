using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Organisations;

namespace GovCloud.Web.Features.Supervision;

/// <summary>
/// 联合安全检查: planned by the Bureau with the regulators and the Center taking part; what it looks at (agencies,
/// systems, the cloud itself), what it checks (a checklist from a configurable template) and what it finds.
/// </summary>
public sealed class Inspection
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>JC2026-0001; unique.</summary>
    public required string Number { get; set; }
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>The checklist, one item a line (a plan's own copy of the template: changing the template changes no plan).</summary>
    public required string Checklist { get; set; }
    public InspectionState State { get; set; }
    public string PlannedBy { get; set; } = "";
    public DateTimeOffset PlannedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<InspectionTarget> Targets { get; set; } = [];
    public List<InspectionParticipant> Participants { get; set; } = [];
    public long Version { get; set; }

    public IReadOnlyList<string> ChecklistItems => Checklist.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One thing inspected: an organisation (the Center stands for the cloud itself), or one of its systems.</summary>
public sealed class InspectionTarget
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid InspectionId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid? SystemId { get; set; }
    public string? SystemName { get; set; }
}

public sealed class InspectionParticipant
{
    public long Id { get; set; }
    public Guid InspectionId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
}

/// <summary>A problem found at one target: which checklist item, how risky, what, by whom; and the notice that took it up.</summary>
public sealed class InspectionFinding
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid InspectionId { get; set; }
    public Guid TargetId { get; set; }
    public required string ChecklistItem { get; set; }
    public RiskLevel Risk { get; set; }
    public required string Description { get; set; }
    public string FoundBy { get; set; } = "";
    public Guid FoundByOrganisationId { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    public Guid? NoticeId { get; set; }
    public List<FindingEvidence> Evidence { get; set; } = [];
}

public sealed class FindingEvidence
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid FindingId { get; set; }
    public required string FileName { get; set; }
    public required string StoredPath { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
}
