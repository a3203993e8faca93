using GovCloud.Domain.Calendar;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Organisations;

namespace GovCloud.Web.Features.Supervision;

/// <summary>
/// 整改通知书: issued by the Bureau, the Center or a regulator to an agency (or to the Center for the
/// cloud itself), numbered per issuer and year, with items the recipient answers and the issuer checks, and a deadline clock.
/// </summary>
public sealed class RectificationNotice
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>文号 in the issuer's official style, e.g. 柳大数安整〔2026〕12号; unique.</summary>
    public required string Number { get; set; }
    public Guid IssuerId { get; set; }
    public Organisation? Issuer { get; set; }
    /// <summary>The year and running number of the 文号 within the issuer: unique together.</summary>
    public int Year { get; set; }
    public int Sequence { get; set; }
    public Guid RecipientId { get; set; }
    public Organisation? Recipient { get; set; }
    public required string Title { get; set; }
    public required string LegalBasis { get; set; }
    public int PeriodLength { get; set; }
    public PeriodUnit PeriodUnit { get; set; }
    public required string ContactName { get; set; }
    public required string ContactPhone { get; set; }
    public RectificationState State { get; set; }
    /// <summary>The recipient's deadline clock (its last day, warnings, overdue escalation to the Bureau).</summary>
    public Guid ClockId { get; set; }
    /// <summary>The last day as the notice was issued (printed on it); the clock's own last day moves while it stands still.</summary>
    public DateOnly DueOnAsIssued { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateOnly IssuedOn { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset? ClosedAt { get; set; }
    public List<RectificationItem> Items { get; set; } = [];
    public long Version { get; set; }

    public Period Period => new(PeriodLength, PeriodUnit);
}

/// <summary>One problem of a notice and what must be done about it; answered by the recipient, checked by the issuer.</summary>
public sealed class RectificationItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid NoticeId { get; set; }
    public int RowNo { get; set; }
    public required string Text { get; set; }
    public RiskLevel Risk { get; set; }
    public ItemState State { get; set; }
    /// <summary>The inspection finding this item takes up, when it came from one.</summary>
    public Guid? FindingId { get; set; }
    public List<RectificationRound> Rounds { get; set; } = [];
}

/// <summary>One answer to an item and the issuer's word on it: an item reopened is answered in a new round.</summary>
public sealed class RectificationRound
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ItemId { get; set; }
    /// <summary>1 for the first answer; unique per item.</summary>
    public int Round { get; set; }
    public required string Action { get; set; }
    public string AnsweredBy { get; set; } = "";
    public DateTimeOffset AnsweredAt { get; set; }
    public Verdict? Verdict { get; set; }
    public string? Reason { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public List<RectificationEvidence> Evidence { get; set; } = [];
}

/// <summary>佐证材料: a file sent with an answer (SHA-256 kept, served only as a download).</summary>
public sealed class RectificationEvidence
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RoundId { get; set; }
    public required string FileName { get; set; }
    public required string StoredPath { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
}
