using GovCloud.Domain.Supervision;

namespace GovCloud.Web.Features.Supervision;

public sealed record InspectionTargetInput(Guid? OrganisationId, Guid? SystemId = null);

/// <param name="Checklist">The items checked; left out, the configured template.</param>
public sealed record InspectionInput(string? Name, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<InspectionTargetInput>? Targets,
    IReadOnlyList<Guid>? ParticipantIds, IReadOnlyList<string>? Checklist = null);

public sealed record FindingInput(Guid? TargetId, string? ChecklistItem, RiskLevel? Risk, string? Description);

public sealed record InspectionCompletion(long? Version);

public sealed record FindingDto(Guid Id, Guid TargetId, string ChecklistItem, RiskLevel Risk, string Description, string FoundBy, string FoundByOrganisation,
    DateTimeOffset FoundAt, IReadOnlyList<EvidenceDto> Evidence, Guid? NoticeId, string? NoticeNumber)
{
    public string RiskName => Risk.DisplayName();
}

public sealed record InspectionTargetDto(Guid Id, Guid OrganisationId, string OrganisationName, Guid? SystemId, string? SystemName, bool IsCloud,
    IReadOnlyList<FindingDto> Findings)
{
    /// <summary>市教育局《智慧校园平台》, or 政务云平台（市信息化建设管理中心）.</summary>
    public string Label => IsCloud ? $"政务云平台（{OrganisationName}）" : SystemName is null ? OrganisationName : $"{OrganisationName}《{SystemName}》";
}

public sealed record NamedDto(Guid Id, string Name);

/// <summary>
/// An inspection as the reader may see it (an agency only its own targets), with what the reader may do: record findings
/// (a participant), close it (the Bureau), issue a notice from its findings (an issuer).
/// </summary>
public sealed record InspectionDto(Guid Id, string Number, string Name, DateOnly StartsOn, DateOnly EndsOn, InspectionState State,
    IReadOnlyList<string> Checklist, string PlannedBy, DateTimeOffset PlannedAt, IReadOnlyList<InspectionTargetDto> Targets, IReadOnlyList<NamedDto> Participants,
    bool MayRecord, bool MayComplete, bool MayIssue, long Version)
{
    public string StateName => State.DisplayName();
}

public sealed record InspectionRowDto(Guid Id, string Number, string Name, DateOnly StartsOn, DateOnly EndsOn, InspectionState State, int TargetCount,
    int FindingCount, int HighRiskCount, int OpenFindingCount, string Participants)
{
    public string StateName => State.DisplayName();
}
