using GovCloud.Domain.Operations;

namespace GovCloud.Web.Features.Operations;

/// <param name="LogLocation">Where the run and operation logs are kept (a log server, an audit system…).</param>
/// <param name="LogRetentionMonths">How long they are kept; under the configured minimum (6) it is listed as a problem.</param>
public sealed record SystemOperationsInput(string? LogLocation, int? LogRetentionMonths, long? Version);

public sealed record DrillInput(DateOnly? HeldOn, string? Scenario, string? Result);

public sealed record OperationsDocumentDto(Guid Id, OperationsDocumentKind Kind, DateOnly IssuedOn, Guid? DrillId, string FileName, long Size, string UploadedBy,
    DateTimeOffset UploadedAt)
{
    public string KindName => Kind.DisplayName();
}

public sealed record EmergencyDrillDto(Guid Id, DateOnly HeldOn, string Scenario, string Result, string RecordedBy, DateTimeOffset RecordedAt, Guid? ReportId);

/// <param name="Problems">What is missing or stale, in Chinese; empty when all is on file.</param>
/// <param name="MayWrite">The reader is the system's agency and may change it.</param>
public sealed record SystemOperationsDto(Guid SystemId, string SystemName, string Agency, string? LogLocation, int? LogRetentionMonths, DateTimeOffset? UpdatedAt,
    string? UpdatedBy, IReadOnlyList<OperationsDocumentDto> Documents, IReadOnlyList<EmergencyDrillDto> Drills, IReadOnlyList<string> Problems, bool MayWrite,
    long Version);

public sealed record OperationsGapDto(Guid SystemId, string SystemName, Guid OrganisationId, string Agency, IReadOnlyList<string> Problems);
