using GovCloud.Domain;
using System.Text.Json;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.DataCenters;

public sealed record CertificationInput(string? SelfCheck, Guid? PreviousId = null);

/// <summary>What the Center measured on site (R-13.1) and when, with its opinion; the verdict per criterion follows from the thresholds.</summary>
public sealed record CertificationEvaluationInput(CentreFacts? Facts, DateOnly? SurveyDate, string? SurveyPeople, string? Opinion, long? Version,
    string? TechnicalReview = null);

public sealed record CertificationDecisionInput(bool? Certified, string? Opinion, long? Version);

public sealed record EvidenceDto(Guid Id, Criterion Criterion, string FileName, long Size, DateTimeOffset UploadedAt, string? UploadedBy)
{
    public string CriterionName => Criterion.DisplayName();
}

public sealed record CertificationDto(
    Guid Id, string Number, Guid DataCenterId, string DataCenterName, Guid OrganisationId, CertificationState State, bool Sensitive, string SelfCheck, Guid? PreviousId,
    DateTimeOffset SubmittedAt, string? SubmittedBy, IReadOnlyList<CriterionResult> Criteria, string? EvaluationOpinion, DateOnly? SurveyDate, string? SurveyPeople,
    string? TechnicalReview, string? EvaluatedBy, DateTimeOffset? EvaluatedAt, string? DecisionOpinion, string? DecidedBy, DateOnly? DecidedOn, DateOnly? RetentionEndsOn, DateOnly? MigrationDueOn,
    DateOnly? TransitionEndsOn, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<ClockDto> Clocks, long Version, int? ExistingRacks = null)
{
    public string StateName => State.DisplayName();
}

/// <summary>
/// 认定 of a self-built data centre (R-14.1, R-17.1): the agency applies with its self-check; the Center evaluates on
/// site within 15 working days, recording the measured values, and the verdict per criterion follows from the configured
/// thresholds (R-13.1); the Bureau decides within 5 working days. The decision sets the retention and migration dates
/// (certified) or the transition (not certified) by the period rules, and the centre's systems count as migrated while
/// it is retained (R-14.2). Each step with its clock, audit entry and messages is one transaction.
/// </summary>
public sealed class CertificationService(
    GovCloudDbContext db, DataScope scope, DeadlineClockService clocks, CalendarCache calendars, InboxService inbox, AuditLog audit, FileStore files,
    Work.HandoverNotices handovers, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public const string CaseType = nameof(Certification);
    private DataCenterOptions Settings => options.Value.DataCenters;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<CertificationDto>> ForCentreAsync(Actor actor, Guid dataCenterId, CancellationToken ct)
    {
        await db.VisibleCentreAsync(scope, actor, dataCenterId, ct); // another agency's centre is "not found", as its page is
        var visible = await scope.OrganisationsAsync(actor, ct);
        var list = await db.Certifications.AsNoTracking().Include(c => c.DataCenter).Include(c => c.Evidence)
            .Where(c => c.DataCenterId == dataCenterId && (visible == null || visible.Contains(c.OrganisationId))).OrderByDescending(c => c.SubmittedAt).ToListAsync(ct);
        var dtos = new List<CertificationDto>();
        foreach (var c in list) dtos.Add(await ToDtoAsync(c, ct));
        return dtos;
    }

    public async Task<CertificationDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var c = await db.Certifications.AsNoTracking().Include(x => x.DataCenter).Include(x => x.Evidence).FirstOrDefaultAsync(x => x.Id == id && (visible == null || visible.Contains(x.OrganisationId)), ct)
                ?? throw ProblemException.NotFound("认定申请");
        return await ToDtoAsync(c, ct);
    }

    /// <summary>The agency applies for its self-built centre; the Center's evaluation period starts.</summary>
    public async Task<CertificationDto> SubmitAsync(Actor actor, Guid dataCenterId, CertificationInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("只有使用单位经办人可以提出认定申请");
        var centre = await db.VisibleCentreAsync(scope, actor, dataCenterId, ct);
        var v = new Validation();
        if (centre.Kind != DataCenterKind.SelfBuilt) v.Add("dataCenterId", "只有自建数据中心可以申请认定；租用的须在租期内完成迁移");
        // R-17.1: a sensitive-data centre applies without the self-check step of R-14.1.
        if (!centre.HoldsSensitiveData) v.Required(input.SelfCheck, "selfCheck", "自查报告", 4000);
        else if (input.SelfCheck?.Length > 4000) v.Add("selfCheck", "自查报告不能超过 4000 个字");
        if (centre.Certifying) v.Add("dataCenterId", "该数据中心已有办理中的认定申请");
        else if (MigrationRules.CheckReapplication(centre.Status, ChinaTime.Today(clock)) is { } refused) v.Add("dataCenterId", refused);
        if (input.PreviousId is { } previous && !await db.Certifications.AnyAsync(c => c.Id == previous && c.DataCenterId == dataCenterId, ct))
            v.Add("previousId", "所引用的原认定申请不属于该数据中心");
        v.ThrowIfInvalid();
        // R-18.1: a re-application after retention is linked to the certification it follows.
        var previousId = input.PreviousId;
        if (previousId is null && centre.Decision is not null)
            previousId = await db.Certifications.Where(c => c.DataCenterId == centre.Id && c.State == CertificationState.Certified).OrderByDescending(c => c.DecidedOn)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var cert = new Certification
        {
            Number = await CaseNumbers.NextAsync(db.Certifications.Select(c => c.Number), "RD", clock, ct), DataCenterId = centre.Id, OrganisationId = centre.OrganisationId,
            State = CertificationState.Submitted, Sensitive = centre.HoldsSensitiveData, SelfCheck = input.SelfCheck?.Trim() ?? "", PreviousId = previousId,
            SubmittedAt = clock.GetUtcNow(), SubmittedBy = actor.UserName, DataCenter = centre,
        };
        db.Certifications.Add(cert);
        centre.Certifying = true;
        centre.Version++;
        var center = await db.OfficeAsync(OrganisationType.Center, ct);
        cert.OpenClockId = (await clocks.StartAsync(actor, Start(cert, "Evaluate", "评估", center, Role.CenterEvaluator, Settings.EvaluationWorkingDays), ct)).Id;
        audit.Record(actor, AuditActions.CertificationSubmitted, CaseType, cert.Id, null, new { cert.Number, centre = centre.Name, cert.Sensitive });
        await HandOverAsync(cert, [], $"评估时限 {Settings.EvaluationWorkingDays} 个工作日。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, cert.Id, ct);
    }

    /// <summary>The Center records what it measured on site; the verdict per criterion follows; the Bureau's period starts.</summary>
    public async Task<CertificationDto> EvaluateAsync(Actor actor, Guid dataCenterId, Guid id, CertificationEvaluationInput input, CancellationToken ct)
    {
        var cert = await LoadAsync(actor, dataCenterId, id, CertificationAction.Evaluate, input.Version, ct);
        var v = new Validation();
        if (input.Facts is null) v.Add("facts", "请填写现场勘查测得的各项情况");
        else
        {
            if (input.Facts.AreaM2 is < 0 or > 100000) v.Add("facts.areaM2", "面积须为 0 至 100000 平方米");
            if (input.Facts.ExistingRacks is null or < 0 or > 10000) v.Add("facts.existingRacks", "请填写现场清点的现有机架数（0 至 10000，含不可用的机架）");
            if (input.Facts.UsableRacks is < 0 or > 10000) v.Add("facts.usableRacks", "可用机柜数须为 0 至 10000");
            else if (input.Facts.ExistingRacks is { } all and >= 0 && input.Facts.UsableRacks > all) v.Add("facts.usableRacks", $"可用机柜数不能多于现有机架数（{all} 个）");
            if (input.Facts.FullTimeStaff is < 0 or > 1000) v.Add("facts.fullTimeStaff", "专职运维人员须为 0 至 1000 人");
            if (InfoSystemRules.CheckMlpsLevel(input.Facts.MlpsLevel) is { } mlps) v.Add("facts.mlpsLevel", mlps);
        }
        // R-14.1: the Center surveys the site.
        if (input.SurveyDate is null) v.Add("surveyDate", "请填写现场勘查日期");
        else if (input.SurveyDate > ChinaTime.Today(clock)) v.Add("surveyDate", "勘查日期不能晚于今天");
        v.Date(input.SurveyDate, "surveyDate", "勘查日期", options.Value.Dates.Around(ChinaTime.Today(clock)));
        v.Required(input.SurveyPeople, "surveyPeople", "勘查人员", 200);
        if (input.TechnicalReview?.Length > 2000) v.Add("technicalReview", "专家技术评审意见不能超过 2000 个字");
        v.Required(input.Opinion, "opinion", "评估意见", 2000);
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var f = input.Facts!;
        var results = CertificationRules.Evaluate(f, Settings.Criteria);
        (cert.AreaM2, cert.ExistingRacks, cert.UsableRacks, cert.RoomClass, cert.FullTimeStaff, cert.MlpsLevel) =
            (f.AreaM2, f.ExistingRacks, f.UsableRacks, f.RoomClass, f.FullTimeStaff, f.MlpsLevel);
        cert.CriteriaJson = JsonSerializer.Serialize(results, Json);
        cert.SurveyDate = input.SurveyDate;
        cert.SurveyPeople = Texts.Line(input.SurveyPeople)!;
        cert.TechnicalReview = Texts.OrNull(input.TechnicalReview);
        cert.EvaluationOpinion = Texts.OrNull(input.Opinion)!;
        cert.EvaluatedBy = actor.UserName;
        cert.EvaluatedAt = clock.GetUtcNow();
        if (cert.OpenClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        var bureau = await db.OfficeAsync(OrganisationType.Bureau, ct);
        cert.OpenClockId = (await clocks.StartAsync(actor, Start(cert, "Decide", "认定", bureau, Role.BureauApprover, Settings.DecisionWorkingDays), ct)).Id;
        cert.State = CertificationState.Evaluated;
        cert.Version++;
        audit.Record(actor, AuditActions.CertificationEvaluated, CaseType, cert.Id, null, new
        {
            cert.AreaM2, cert.ExistingRacks, cert.UsableRacks, failed = results.Where(r => !r.Passed).Select(r => r.Criterion.ToString()), opinion = cert.EvaluationOpinion,
        });
        await HandOverAsync(cert, Domain.Work.WaitingFor.Certification(CertificationState.Submitted),
            $"信息化建设管理中心已完成评估，认定时限 {Settings.DecisionWorkingDays} 个工作日。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The Bureau decides; certifying a centre that failed a criterion takes a stated reason.</summary>
    public async Task<CertificationDto> DecideAsync(Actor actor, Guid dataCenterId, Guid id, CertificationDecisionInput input, CancellationToken ct)
    {
        var cert = await LoadAsync(actor, dataCenterId, id, CertificationAction.Decide, input.Version, ct);
        var results = Results(cert);
        var v = new Validation();
        if (input.Certified is null) v.Add("certified", "请选择是否通过认定");
        if (input.Certified == true && results.Any(r => !r.Passed) && TextRules.IsBlank(input.Opinion))
            v.Add("opinion", $"{string.Join("、", results.Where(r => !r.Passed).Select(r => r.Criterion.DisplayName()))}未达标，如仍通过认定请说明理由");
        if (input.Opinion?.Length > 2000) v.Add("opinion", "认定意见不能超过 2000 个字");
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var today = ChinaTime.Today(clock);
        // R-15.1: the transition follows the racks the Center counted on site (the register's figure for an older evaluation).
        var outcome = CertificationRules.Outcome(await calendars.GetAsync(db, ct), today, input.Certified!.Value, cert.ExistingRacks ?? cert.DataCenter!.ExistingRacks,
            Settings.Criteria,
            Settings.RetentionYears, Settings.MigrationAfterRetentionYears, Settings.SmallTransitionYears, Settings.LargeTransitionYears);
        var centre = cert.DataCenter!;
        // R-18.1: a re-application after retention that is refused gives no transition of its own — the migration due
        // after the retention it followed still stands, and Finance still funds nothing.
        var refusedAgain = !outcome.Certified && centre.RetentionEndsOn is not null;
        if (refusedAgain) outcome = new DecisionOutcome(false, null, centre.MigrateBy, null);
        cert.State = outcome.Certified ? CertificationState.Certified : CertificationState.NotCertified;
        (cert.RetentionEndsOn, cert.MigrationDueOn, cert.TransitionEndsOn) = (outcome.RetentionEndsOn, outcome.MigrationDueOn, outcome.TransitionEndsOn);
        cert.DecisionOpinion = Texts.OrNull(input.Opinion);
        cert.DecidedBy = actor.UserName;
        cert.DecidedOn = today;
        if (cert.OpenClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        cert.OpenClockId = null;
        cert.Version++;
        centre.Certifying = false;
        (centre.Decision, centre.DecidedOn) = (cert.State, today);
        if (!refusedAgain)
        {
            centre.RetentionEndsOn = outcome.RetentionEndsOn;
            centre.MigrateBy = MigrationRules.MigrateBy(centre.Kind, centre.LeaseEnd, outcome);
        }
        centre.Version++;
        // R-14.2: the systems of a retained centre count as (temporarily) migrated.
        foreach (var s in await db.InfoSystems.Where(s => s.DataCenterId == cert.DataCenterId && s.Location != SystemLocation.OnCloud).ToListAsync(ct))
        {
            s.Location = outcome.Certified ? SystemLocation.CertifiedDataCenter : SystemLocation.UncertifiedDataCenter;
            s.Version++;
        }
        audit.Record(actor, AuditActions.CertificationDecided, CaseType, cert.Id, new { state = CertificationState.Evaluated.ToString() }, new
        {
            state = cert.State.ToString(), cert.RetentionEndsOn, cert.MigrationDueOn, cert.TransitionEndsOn, opinion = cert.DecisionOpinion,
        });
        var message = outcome.Certified
            ? $"“{cert.DataCenter!.Name}”通过认定，保留至 {outcome.RetentionEndsOn:yyyy-MM-dd}，其后须于 {outcome.MigrationDueOn:yyyy-MM-dd} 前完成迁移。"
            : refusedAgain
                ? $"“{cert.DataCenter!.Name}”再次认定未通过，仍须于 {centre.MigrateBy:yyyy-MM-dd} 前完成迁移上云，财政不再安排运维经费。"
                : $"“{cert.DataCenter!.Name}”未通过认定，须于 {outcome.TransitionEndsOn:yyyy-MM-dd} 前完成迁移上云。";
        await NotifyAsync(cert.OrganisationId, Role.AgencyOperator, cert, outcome.Certified ? "通过认定" : "未通过认定", message, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The agency files evidence for one criterion (R-13.1) while its application awaits evaluation.</summary>
    public async Task<EvidenceDto> AddEvidenceAsync(Actor actor, Guid dataCenterId, Guid id, Criterion? criterion, string? fileName, Stream? content, long size,
        CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("佐证材料由使用单位经办人上传");
        var visible = await scope.OrganisationsAsync(actor, ct);
        var cert = await db.Certifications.FirstOrDefaultAsync(c => c.Id == id && c.DataCenterId == dataCenterId && (visible == null || visible.Contains(c.OrganisationId)), ct)
                   ?? throw ProblemException.NotFound("认定申请");
        if (cert.State != CertificationState.Submitted) throw new ProblemException(409, "当前状态不能办理", "评估开始后不能再补充佐证材料");
        if (criterion is null) throw ProblemException.Invalid("criterion", "请选择佐证材料对应的认定条件");
        var evidence = await files.KeepAsync("certifications", fileName, content, size, async (stored, name) =>
        {
            var evidence = new CertificationEvidence
            {
                CertificationId = cert.Id, Criterion = criterion.Value, FileName = name, Size = stored.Size, Sha256 = stored.Sha256, StoredPath = stored.Path,
                UploadedAt = clock.GetUtcNow(), UploadedBy = actor.UserName,
            };
            db.CertificationEvidence.Add(evidence);
            audit.Record(actor, AuditActions.EvidenceUploaded, CaseType, cert.Id, null, new { criterion = criterion.ToString(), name, stored.Sha256 });
            await db.SaveChangesAsync(ct);
            return evidence;
        }, ct);
        return new EvidenceDto(evidence.Id, evidence.Criterion, evidence.FileName, evidence.Size, evidence.UploadedAt, evidence.UploadedBy);
    }

    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(Actor actor, Guid dataCenterId, Guid id, Guid evidenceId, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var e = await db.CertificationEvidence.AsNoTracking().Where(x => x.Id == evidenceId && x.CertificationId == id)
            .Where(x => db.Certifications.Any(c => c.Id == id && c.DataCenterId == dataCenterId && (visible == null || visible.Contains(c.OrganisationId))))
            .FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("佐证材料");
        return (files.Open(actor, e.StoredPath), e.FileName);
    }

    private async Task<Certification> LoadAsync(Actor actor, Guid dataCenterId, Guid id, CertificationAction action, long? version, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var cert = await db.Certifications.Include(c => c.DataCenter)
                       .FirstOrDefaultAsync(c => c.Id == id && c.DataCenterId == dataCenterId && (visible == null || visible.Contains(c.OrganisationId)), ct)
                   ?? throw ProblemException.NotFound("认定申请");
        if (DataCenterRules.Check(action, cert.State, actor.Roles) is { } refusal)
            throw refusal.Kind == RefusalKind.Role ? ProblemException.Forbidden(refusal.Message) : new ProblemException(409, "当前状态不能办理", refusal.Message);
        ProblemException.CheckVersion(version, cert.Version, "认定申请");
        return cert;
    }

    private ClockStart Start(Certification c, string step, string stepName, Guid organisation, Role role, int workingDays) =>
        new(CaseType, c.Id.ToString(), $"“{c.DataCenter!.Name}”数据中心认定 {c.Number}", step, stepName, organisation, role,
            new Period(workingDays, PeriodUnit.WorkingDays), clock.GetUtcNow());

    private static IReadOnlyList<CriterionResult> Results(Certification c) =>
        c.CriteriaJson is null ? [] : JsonSerializer.Deserialize<List<CriterionResult>>(c.CriteriaJson, Json) ?? [];

    /// <summary>Whoever the certification now waits for is told (see <see cref="Domain.Work.WaitingFor"/>).</summary>
    private Task HandOverAsync(Certification c, IReadOnlyList<Domain.Work.Waiting> before, string? detail, CancellationToken ct) =>
        handovers.TellAsync(before, Domain.Work.WaitingFor.Certification(c.State),
            new Work.CaseRef(c.OrganisationId, c.Number, $"“{c.DataCenter!.Name}”自建数据中心认定申请", $"/datacenters/certifications/{c.Id}"), detail, ct);

    private Task NotifyAsync(Guid organisation, Role role, Certification c, string title, string body, CancellationToken ct) =>
        inbox.CaseProgressAsync(organisation, role, title, c.Number, body, $"/datacenters/certifications/{c.Id}", $"certification:{c.Id}:{c.Version}:{title}", ct);

    private async Task<CertificationDto> ToDtoAsync(Certification c, CancellationToken ct) => new(c.Id, c.Number, c.DataCenterId, c.DataCenter!.Name, c.OrganisationId,
        c.State, c.Sensitive, c.SelfCheck, c.PreviousId, c.SubmittedAt, c.SubmittedBy, Results(c), c.EvaluationOpinion, c.SurveyDate, c.SurveyPeople, c.TechnicalReview, c.EvaluatedBy,
        c.EvaluatedAt, c.DecisionOpinion, c.DecidedBy, c.DecidedOn, c.RetentionEndsOn, c.MigrationDueOn, c.TransitionEndsOn,
        c.Evidence.OrderBy(e => e.Criterion).ThenBy(e => e.UploadedAt).Select(e => new EvidenceDto(e.Id, e.Criterion, e.FileName, e.Size, e.UploadedAt, e.UploadedBy)).ToList(),
        await clocks.ForCaseAsync(CaseType, c.Id.ToString(), ct), c.Version, c.ExistingRacks);
}
