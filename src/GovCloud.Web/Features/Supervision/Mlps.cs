using GovCloud.Domain.Supervision;

namespace GovCloud.Web.Features.Supervision;

/// <summary>
/// 等级保护 of one information system: its grading (定级), its filing with public security (备案), and the
/// sensitive-data declaration that stays the agency's on the cloud. One per system — and one for the cloud
/// platform itself, which the Center protects at level 3.
/// </summary>
public sealed class MlpsRecord
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>
    /// The information system; for the cloud platform itself, the Center's organisation id (the Center stands for the cloud, as
    /// in an inspection's targets). So no foreign key: <see cref="MlpsService"/> resolves which of the two it is.
    /// </summary>
    public Guid SystemId { get; set; }
    public int Level { get; set; }
    public DateOnly GradedOn { get; set; }
    /// <summary>备案编号 as issued by public security; null while not filed.</summary>
    public string? FilingNumber { get; set; }
    public DateOnly? FiledOn { get; set; }
    public bool PersonalInformation { get; set; }
    public bool CommercialSecrets { get; set; }
    public bool ImportantData { get; set; }
    /// <summary>数据存储位置.</summary>
    public string? DataStorage { get; set; }
    /// <summary>The agency's declaration that sensitive data does not leave the country .</summary>
    public bool DataStaysInCountry { get; set; }
    /// <summary>安全责任人 of the agency: the responsibility does not move to the cloud with the system.</summary>
    public string? ResponsiblePerson { get; set; }
    /// <summary>The Bureau's recorded exception to "filed before formal use": why, by whom, when. Null when there is none.</summary>
    public string? ExceptionReason { get; set; }
    public string? ExceptionBy { get; set; }
    public DateTimeOffset? ExceptionAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A paper kept with a system's 等级保护 (定级报告, 备案证明, 测评报告); an assessment report names its assessment.</summary>
public sealed class MlpsDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The system, or the Center for the cloud (as <see cref="MlpsRecord.SystemId"/>).</summary>
    public Guid SystemId { get; set; }
    public MlpsDocumentKind Kind { get; set; }
    public Guid? AssessmentId { get; set; }
    public required string FileName { get; set; }
    public required string StoredPath { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>等级测评: one assessment of a system by an assessment organisation .</summary>
public sealed class MlpsAssessment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SystemId { get; set; }
    public DateOnly AssessedOn { get; set; }
    public required string Assessor { get; set; }
    public AssessmentResult Result { get; set; }
    public decimal? Score { get; set; }
    /// <summary>遗留问题.</summary>
    public string? Problems { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
