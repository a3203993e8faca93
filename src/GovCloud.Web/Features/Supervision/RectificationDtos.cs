using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Supervision;

namespace GovCloud.Web.Features.Supervision;

/// <param name="FindingId">The inspection finding the item takes up, when issued from one.</param>
public sealed record NoticeItemInput(string? Text, RiskLevel? Risk, Guid? FindingId = null);

/// <param name="PeriodUnit">WorkingDays or CalendarDays.</param>
public sealed record NoticeInput(Guid? RecipientId, string? Title, string? LegalBasis, IReadOnlyList<NoticeItemInput>? Items, int? PeriodLength,
    PeriodUnit? PeriodUnit, string? ContactName, string? ContactPhone);

/// <summary>What issuing answers: the notice, its 文号 and its last day.</summary>
public sealed record NoticeIssued(Guid Id, string Number, DateOnly DueOn);

public sealed record VerificationInput(Verdict? Verdict, string? Reason, long? Version);

public sealed record EvidenceDto(Guid Id, string FileName, long Size, string Sha256);

public sealed record RoundDto(Guid Id, int Round, string Action, string AnsweredBy, DateTimeOffset AnsweredAt, IReadOnlyList<EvidenceDto> Evidence,
    Verdict? Verdict, string? Reason, string? VerifiedBy, DateTimeOffset? VerifiedAt)
{
    public string? VerdictName => Verdict switch { Domain.Supervision.Verdict.Accept => "通过", Domain.Supervision.Verdict.Reopen => "退回重改", _ => null };
}

public sealed record NoticeItemDto(Guid Id, int RowNo, string Text, RiskLevel Risk, ItemState State, IReadOnlyList<RoundDto> Rounds, Guid? FindingId = null)
{
    public string RiskName => Risk.DisplayName();
    public string StateName => State.DisplayName();
}

/// <summary>
/// One notice as its issuer, its recipient and the regulators read it; what the reader may do next comes with it.
/// <c>DueOn</c> is the clock's last day now (null while it stands still, every answer waiting for the issuer's check);
/// <c>DueOnAsIssued</c> the day printed on the notice.
/// </summary>
public sealed record NoticeDto(
    Guid Id, string Number, Guid IssuerId, string IssuerName, Guid RecipientId, string RecipientName, string Title, string LegalBasis,
    int PeriodLength, PeriodUnit PeriodUnit, string ContactName, string ContactPhone, RectificationState State, DateOnly IssuedOn, string IssuedBy,
    DateOnly DueOnAsIssued, DateOnly? DueOn, ClockState ClockState, bool Overdue, DateTimeOffset? ClosedAt, IReadOnlyList<NoticeItemDto> Items, bool MayAnswer, bool MayVerify,
    long Version)
{
    public string StateName => State.DisplayName();
    public string Period => new Period(PeriodLength, PeriodUnit).ToString();
    public string ClockStateName => ClockState.DisplayName();
}

/// <summary>A line of the notices list: one notice with where it stands.</summary>
public sealed record NoticeRowDto(
    Guid Id, string Number, Guid IssuerId, string IssuerName, Guid RecipientId, string RecipientName, string Title, RiskLevel HighestRisk, int ItemCount,
    int AcceptedCount, int AwaitingCheckCount, RectificationState State, DateOnly IssuedOn, DateOnly? DueOn, ClockState ClockState, bool Overdue, bool DueSoon)
{
    public string StateName => State.DisplayName();
    public string HighestRiskName => HighestRisk.DisplayName();
    /// <summary>What the list shows as where it stands: 已办结 / 已超期 / 待核验 / 整改中.</summary>
    public string StandingName => State == RectificationState.Closed ? "已办结" : Overdue ? "已超期" : ClockState == ClockState.Paused ? "待核验" : "整改中";
}

/// <param name="State">Open or Closed.</param>
/// <param name="OrganisationId">The recipient.</param>
public sealed record NoticeQuery(RectificationState? State = null, Guid? OrganisationId = null, Guid? IssuerId = null, bool? Overdue = null,
    bool? DueSoon = null, RiskLevel? Risk = null, int? Year = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>One line of a dashboard: how many notices are open, due soon, overdue and closed for one agency, issuer or risk level.</summary>
public sealed record NoticeTally(string Key, string Name, int Open, int DueSoon, int Overdue, int Closed);

/// <summary>按期办结率 of one recipient in one year of issue (the evaluation reads it).</summary>
public sealed record OnTimeRateDto(Guid OrganisationId, string OrganisationName, int Year, int Issued, int ClosedOnTime, int ClosedLate, int OpenOverdue,
    decimal? Rate);

public sealed record NoticeDashboard(int Open, int DueSoon, int Overdue, int Closed, IReadOnlyList<NoticeTally> ByRecipient, IReadOnlyList<NoticeTally> ByIssuer,
    IReadOnlyList<NoticeTally> ByRisk, IReadOnlyList<OnTimeRateDto> OnTimeRates);

/// <summary>An organisation a notice may be addressed to, for the issuing form.</summary>
public sealed record NoticeRecipientDto(Guid Id, string Name, string TypeName);
