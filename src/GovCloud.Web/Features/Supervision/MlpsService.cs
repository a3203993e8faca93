using GovCloud.Domain.Applications;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Supervision;

public sealed record MlpsAssessmentDto(Guid Id, DateOnly AssessedOn, string Assessor, AssessmentResult Result, decimal? Score, string? Problems,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public string ResultName => Result.DisplayName();
}

public sealed record MlpsDocumentDto(Guid Id, MlpsDocumentKind Kind, Guid? AssessmentId, string FileName, long Size, string UploadedBy, DateTimeOffset UploadedAt)
{
    public string KindName => Kind.DisplayName();
}

/// <summary>
/// One system's 等级保护 — or the cloud platform's (<see cref="IsCloud"/>, under the Center's id): grading, filing, sensitive data,
/// assessments, the papers kept, and where it stands today.
/// </summary>
public sealed record MlpsDto(
    Guid SystemId, string SystemName, Guid OrganisationId, string OrganisationName, SystemLifecycle Lifecycle,
    int? Level, DateOnly? GradedOn, string? FilingNumber, DateOnly? FiledOn,
    bool PersonalInformation, bool CommercialSecrets, bool ImportantData, string? DataStorage, bool DataStaysInCountry, string? ResponsiblePerson,
    string? ExceptionReason, string? ExceptionBy, DateTimeOffset? ExceptionAt,
    DateOnly? NextAssessmentDue, MlpsStanding Standing, string? BlockerOfFormalUse,
    IReadOnlyList<MlpsAssessmentDto> Assessments, string? UpdatedBy, DateTimeOffset? UpdatedAt, long Version, bool IsCloud,
    IReadOnlyList<MlpsDocumentDto> Documents)
{
    public string StandingName => Standing.DisplayName();
    public string? LevelName => Level is { } l ? MlpsRules.LevelName(l) : null;
    public string LifecycleName => Lifecycle.DisplayName();
}

/// <summary>A line of the MLPS register: one system.</summary>
public sealed record MlpsRowDto(
    Guid SystemId, string SystemName, Guid OrganisationId, string OrganisationName, SystemLifecycle Lifecycle, int? Level, string? FilingNumber,
    DateOnly? FiledOn, DateOnly? LastAssessedOn, AssessmentResult? LastResult, DateOnly? NextAssessmentDue, MlpsStanding Standing, bool SensitiveData,
    bool FilingException, bool IsCloud = false)
{
    public string StandingName => Standing.DisplayName();
    public string? LevelName => Level is { } l ? MlpsRules.LevelName(l) : null;
    public string? LastResultName => LastResult?.DisplayName();
    public string LifecycleName => Lifecycle.DisplayName();
}

public sealed record MlpsInput(int? Level, DateOnly? GradedOn, string? FilingNumber, DateOnly? FiledOn, bool PersonalInformation = false,
    bool CommercialSecrets = false, bool ImportantData = false, string? DataStorage = null, bool DataStaysInCountry = false,
    string? ResponsiblePerson = null, long? Version = null);

public sealed record AssessmentInput(DateOnly? AssessedOn, string? Assessor, AssessmentResult? Result, decimal? Score = null, string? Problems = null);

public sealed record MlpsExceptionInput(string? Reason, long? Version);

/// <param name="Standing">Only systems standing so today (未定级, 未备案, 测评逾期 …).</param>
public sealed record MlpsQuery(string? Q = null, Guid? OrganisationId = null, int? Level = null, MlpsStanding? Standing = null, int? Page = null, int? PageSize = null);

/// <summary>
/// 等级保护 of the agencies' systems: the agency records its grading, filing, sensitive data and assessments;
/// the Bureau may except a system from "filed before formal use"; the regulators, the Center and the Bureau read every
/// agency's, an agency its own. Assessments coming due are reminded 90 and 30 days ahead; overdue ones reach the Bureau.
/// </summary>
public sealed partial class MlpsService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, FileStore files, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    private MlpsSchedule Schedule => options.Value.Supervision.Schedule;
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<MlpsDto> GetAsync(Actor actor, Guid systemId, CancellationToken ct)
    {
        var subject = await ReadableAsync(actor, systemId, tracked: false, ct);
        var record = await db.MlpsRecords.AsNoTracking().FirstOrDefaultAsync(m => m.SystemId == systemId, ct);
        var assessments = (await db.MlpsAssessments.AsNoTracking().Where(a => a.SystemId == systemId).ToListAsync(ct))
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.RecordedAt)
            .Select(a => new MlpsAssessmentDto(a.Id, a.AssessedOn, a.Assessor, a.Result, a.Score, a.Problems, a.RecordedBy, a.RecordedAt)).ToList();
        var documents = (await db.MlpsDocuments.AsNoTracking().Where(d => d.SystemId == systemId).ToListAsync(ct)).OrderByDescending(d => d.UploadedAt)
            .Select(d => new MlpsDocumentDto(d.Id, d.Kind, d.AssessmentId, d.FileName, d.Size, d.UploadedBy, d.UploadedAt)).ToList();
        var facts = Facts(record, assessments.FirstOrDefault()?.AssessedOn);
        return new MlpsDto(subject.Id, subject.Name, subject.OrganisationId, subject.OrganisationName, subject.Lifecycle,
            record?.Level, record?.GradedOn, record?.FilingNumber, record?.FiledOn,
            record?.PersonalInformation ?? false, record?.CommercialSecrets ?? false, record?.ImportantData ?? false, record?.DataStorage,
            record?.DataStaysInCountry ?? false, record?.ResponsiblePerson, record?.ExceptionReason, record?.ExceptionBy, record?.ExceptionAt,
            MlpsRules.NextAssessmentDue(facts, Schedule), MlpsRules.Standing(facts, Today, Schedule), subject.IsCloud ? null : MlpsRules.BlockerOfFormalUse(facts),
            assessments, record?.UpdatedBy, record?.UpdatedAt, record?.Version ?? 0, subject.IsCloud, documents);
    }

    /// <summary>定级、备案 and the sensitive-data declaration, by the system's own agency; the register's 等保级别 follows the grading.</summary>
    public async Task<MlpsDto> SaveAsync(Actor actor, Guid systemId, MlpsInput input, CancellationToken ct)
    {
        var subject = await WritableAsync(actor, systemId, ct);
        var filingNumber = Texts.Line(input.FilingNumber);
        var storage = Texts.Line(input.DataStorage);
        var responsible = Texts.Line(input.ResponsiblePerson);
        var problems = MlpsRules.ValidateGrading(input.Level, input.GradedOn, filingNumber, input.FiledOn, Today)
            .Concat(MlpsRules.ValidateDeclaration(input.PersonalInformation, input.CommercialSecrets, input.ImportantData, storage, input.DataStaysInCountry, responsible))
            .ToList();
        if (subject.IsCloud && MlpsRules.CheckCloudLevel(input.Level) is { } low) problems.Add(new MlpsProblem("level", low));
        var dates = options.Value.Dates.Around(Today);
        foreach (var (field, label, day) in new[] { ("gradedOn", "定级日期", input.GradedOn), ("filedOn", "备案日期", input.FiledOn) })
            if (day is { } d && dates.Check(d, label) is { } wrong && problems.All(p => p.Field != field)) problems.Add(new MlpsProblem(field, wrong));
        var record = await db.MlpsRecords.FirstOrDefaultAsync(m => m.SystemId == systemId, ct);
        // The first grading is new (no version yet); every later edit says which version it saw. A "first" grading of a system
        // graded meanwhile (the same form sent twice, or by two people) is told so rather than overwriting it.
        if (record is not null && input.Version is null) throw new ProblemException(409, "数据冲突", "该系统的等级保护信息已由他人同时登记，请刷新后修改");
        if (record is not null) ProblemException.CheckVersion(input.Version, record.Version, "等级保护信息");
        if (record is { FilingNumber: { Length: > 0 } filed } && MlpsRules.WhyNotRegrade(record.Level, filed, input.Level, filingNumber) is { } regrade)
            problems.Add(new MlpsProblem("filingNumber", regrade));
        if (problems.Count > 0) throw ProblemException.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

        var before = record is null ? null : Snapshot(record);
        var isNew = record is null;
        record ??= new MlpsRecord { SystemId = systemId };
        record.Level = input.Level!.Value;
        record.GradedOn = input.GradedOn!.Value;
        record.FilingNumber = filingNumber;
        record.FiledOn = filingNumber is null ? null : input.FiledOn;
        record.PersonalInformation = input.PersonalInformation;
        record.CommercialSecrets = input.CommercialSecrets;
        record.ImportantData = input.ImportantData;
        record.DataStorage = storage;
        record.DataStaysInCountry = input.DataStaysInCountry;
        record.ResponsiblePerson = responsible;
        record.UpdatedBy = actor.UserName ?? "";
        record.UpdatedAt = clock.GetUtcNow();
        record.Version++;
        if (isNew) db.MlpsRecords.Add(record);
        if (subject.System is { } system && system.MlpsLevel != record.Level)
        {
            system.MlpsLevel = record.Level;
            system.Version++;
        }
        audit.Record(actor, AuditActions.MlpsRecorded, subject.AuditEntity, systemId, before, Snapshot(record));
        await SaveAsync(ct);
        return await GetAsync(actor, systemId, ct);
    }

    /// <summary>等级测评, by the system's own agency, once graded.</summary>
    public async Task<MlpsDto> AssessAsync(Actor actor, Guid systemId, AssessmentInput input, CancellationToken ct)
    {
        var subject = await WritableAsync(actor, systemId, ct);
        var record = await db.MlpsRecords.AsNoTracking().FirstOrDefaultAsync(m => m.SystemId == systemId, ct);
        var assessor = Texts.Line(input.Assessor);
        var problems = MlpsRules.ValidateAssessment(input.AssessedOn, assessor, input.Result, input.Score, record?.GradedOn, Today).ToList();
        var problemsText = Texts.OrNull(input.Problems);
        if (problemsText is { Length: > 2000 }) problems.Add(new MlpsProblem("problems", "遗留问题不超过 2000 个字符"));
        if (input.AssessedOn is { } d && options.Value.Dates.Around(Today).Check(d, "测评日期") is { } wrong && problems.All(p => p.Field != "assessedOn"))
            problems.Add(new MlpsProblem("assessedOn", wrong));
        if (problems.Count > 0) throw ProblemException.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        if (await db.MlpsAssessments.AnyAsync(a => a.SystemId == systemId && a.AssessedOn == input.AssessedOn && a.Assessor == assessor, ct))
            throw new ProblemException(409, "数据冲突", "该测评机构在同一天的测评已登记");

        var assessment = new MlpsAssessment
        {
            SystemId = systemId, AssessedOn = input.AssessedOn!.Value, Assessor = assessor!, Result = input.Result!.Value,
            Score = input.Score is { } s ? Math.Round(s, 2) : null, Problems = problemsText, RecordedBy = actor.UserName ?? "", RecordedAt = clock.GetUtcNow(),
        };
        db.MlpsAssessments.Add(assessment);
        audit.Record(actor, AuditActions.MlpsAssessed, subject.AuditEntity, systemId, after: new
        {
            assessment.AssessedOn, assessment.Assessor, result = assessment.Result.ToString(), assessment.Score, assessment.Problems,
        });
        await SaveAsync(ct);
        return await GetAsync(actor, systemId, ct);
    }

    /// <summary>
    /// The Bureau's exception to "filed before formal use" for one level-3+ system, with its reason: recorded,
    /// never silent, and shown wherever the system's MLPS state is.
    /// </summary>
    public async Task<MlpsDto> ExceptAsync(Actor actor, Guid systemId, MlpsExceptionInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("只有大数据局审批人员可以登记备案例外");
        if ((await ReadableAsync(actor, systemId, tracked: false, ct)).IsCloud)
            throw new ProblemException(409, "无需例外", "备案例外只适用于使用单位的信息系统，政务云平台须完成备案");
        var reason = Texts.OrNull(input.Reason);
        if (reason is null) throw ProblemException.Invalid("reason", "请填写例外理由");
        if (reason.Length > 500) throw ProblemException.Invalid("reason", "例外理由不超过 500 个字符");
        var record = await db.MlpsRecords.FirstOrDefaultAsync(m => m.SystemId == systemId, ct)
            ?? throw new ProblemException(409, "尚未定级", "该系统尚未登记定级，无需备案例外");
        ProblemException.CheckVersion(input.Version, record.Version, "等级保护信息");
        if (record.Level < MlpsRules.FilingRequiredForFormalUseFrom)
            throw new ProblemException(409, "无需例外", $"{MlpsRules.LevelName(record.Level)}系统正式开通不以备案为前提，无需登记例外");
        if (!string.IsNullOrEmpty(record.FilingNumber)) throw new ProblemException(409, "无需例外", "该系统已备案，无需登记例外");
        var before = Snapshot(record);
        (record.ExceptionReason, record.ExceptionBy, record.ExceptionAt) = (reason, actor.UserName, clock.GetUtcNow());
        record.Version++;
        audit.Record(actor, AuditActions.MlpsExceptionRecorded, nameof(InfoSystem), systemId, before, Snapshot(record));
        await SaveAsync(ct);
        return await GetAsync(actor, systemId, ct);
    }

    /// <summary>The MLPS register in the actor's scope, filtered; every system, graded or not (an ungraded one is a finding too).</summary>
    public async Task<Paged<MlpsRowDto>> ListAsync(Actor actor, MlpsQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var rows = await RowsAsync(actor, q, ct);
        return new Paged<MlpsRowDto>(rows.Skip((page - 1) * size).Take(size).ToList(), rows.Count, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, MlpsQuery q, CancellationToken ct)
    {
        var rows = await RowsAsync(actor, q, ct);
        IEnumerable<IDictionary<string, object?>> sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["所属单位"] = r.OrganisationName, ["系统名称"] = r.SystemName, ["系统状态"] = r.LifecycleName, ["安全保护等级"] = r.LevelName ?? "未定级",
            ["备案编号"] = r.FilingNumber, ["备案日期"] = r.FiledOn?.ToString("yyyy-MM-dd"), ["最近测评日期"] = r.LastAssessedOn?.ToString("yyyy-MM-dd"),
            ["最近测评结论"] = r.LastResultName, ["下次测评截止"] = r.NextAssessmentDue?.ToString("yyyy-MM-dd"), ["状况"] = r.StandingName,
            ["含敏感数据"] = r.SensitiveData ? "是" : "否", ["备案例外"] = r.FilingException ? "有" : "无",
        }).ToList();
        return await ExcelExport.ToXlsxAsync(sheet, "等级保护台账", ct);
    }

    /// <summary>Systems whose next assessment is due within <paramref name="withinDays"/> days, overdue ones first .</summary>
    public async Task<IReadOnlyList<MlpsRowDto>> DueAsync(Actor actor, int? withinDays, CancellationToken ct)
    {
        var days = withinDays ?? Schedule.DueSoonDays;
        if (days is < 0 or > 3650) throw ProblemException.Invalid("withinDays", "withinDays 须为 0 至 3650 之间的天数");
        var horizon = Today.AddDays(days);
        return (await RowsAsync(actor, new MlpsQuery(), ct)).Where(r => r.NextAssessmentDue <= horizon && r.Standing is MlpsStanding.Overdue or MlpsStanding.DueSoon or MlpsStanding.Current)
            .OrderBy(r => r.NextAssessmentDue).ThenBy(r => r.OrganisationName).ToList();
    }

    /// <summary>
    /// What keeps a system out of formal use for its MLPS duties (null when nothing does): read by the trial's 正式开通.
    /// </summary>
    public static async Task<string?> BlockerOfFormalUseAsync(GovCloudDbContext db, Guid systemId, CancellationToken ct)
    {
        var record = await db.MlpsRecords.AsNoTracking().FirstOrDefaultAsync(m => m.SystemId == systemId, ct);
        if (record is not null) return MlpsRules.BlockerOfFormalUse(Facts(record, null));
        // A system never graded here still carries the level its agency registered: a level-3 one is not let through unfiled.
        var level = await db.InfoSystems.AsNoTracking().Where(s => s.Id == systemId).Select(s => s.MlpsLevel).FirstOrDefaultAsync(ct);
        return MlpsRules.BlockerOfFormalUse(new MlpsFacts(level, null, null, null, null, false));
    }

    /// <summary>The whole register in the actor's scope, unfiltered and unpaged (the security bulletin counts from it).</summary>
    public Task<List<MlpsRowDto>> RegisterAsync(Actor actor, CancellationToken ct) => RowsAsync(actor, new MlpsQuery(), ct);

    private async Task<List<MlpsRowDto>> RowsAsync(Actor actor, MlpsQuery q, CancellationToken ct)
    {
        if (q.Level is < MlpsRules.MinLevel or > MlpsRules.MaxLevel) throw ProblemException.Invalid("level", "level 须为 1 至 5");
        var visible = await scope.OrganisationsAsync(actor, ct);
        var systems = db.InfoSystems.AsNoTracking().Where(s => visible == null || visible.Contains(s.OrganisationId));
        if (Texts.Line(q.Q) is { } text) systems = systems.Where(s => s.Name.Contains(text) || s.Organisation!.Name.Contains(text));
        if (q.OrganisationId is { } org) systems = systems.Where(s => s.OrganisationId == org);
        var rows = (await RowsQuery(systems).ToListAsync(ct)).Select(ToRow).ToList();
        // Those who read every agency's register read the cloud platform's line too, first.
        if (visible == null && await CloudRowAsync(ct) is { } cloud && (q.OrganisationId is null || q.OrganisationId == cloud.OrganisationId)
            && (Texts.Line(q.Q) is not { } t || cloud.SystemName.Contains(t) || cloud.OrganisationName.Contains(t)))
            rows.Insert(0, cloud);
        return rows.Where(r => q.Level is not { } level || r.Level == level).Where(r => q.Standing is not { } standing || r.Standing == standing)
            .OrderByDescending(r => r.IsCloud).ThenBy(r => r.OrganisationName).ThenBy(r => r.SystemName).ToList();
    }

    private sealed record RawRow(Guid SystemId, string SystemName, Guid OrganisationId, string OrganisationName, SystemLifecycle Lifecycle,
        int? Level, DateOnly? GradedOn, string? FilingNumber, DateOnly? FiledOn, bool Sensitive, bool Exception, DateOnly? LastAssessedOn, AssessmentResult? LastResult);

    // One query: each system with its record and its latest assessment's day and result.
    private IQueryable<RawRow> RowsQuery(IQueryable<InfoSystem> systems) =>
        from s in systems
        join m in db.MlpsRecords on s.Id equals m.SystemId into ms
        from m in ms.DefaultIfEmpty()
        select new RawRow(s.Id, s.Name, s.OrganisationId, s.Organisation!.Name, s.Lifecycle,
            m == null ? null : m.Level, m == null ? null : m.GradedOn, m == null ? null : m.FilingNumber, m == null ? null : m.FiledOn,
            m != null && (m.PersonalInformation || m.CommercialSecrets || m.ImportantData), m != null && m.ExceptionReason != null,
            db.MlpsAssessments.Where(a => a.SystemId == s.Id).Max(a => (DateOnly?)a.AssessedOn),
            db.MlpsAssessments.Where(a => a.SystemId == s.Id).OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.RecordedAt)
                .Select(a => (AssessmentResult?)a.Result).FirstOrDefault());

    private MlpsRowDto ToRow(RawRow r)
    {
        var facts = new MlpsFacts(r.Level, r.GradedOn, r.FilingNumber, r.FiledOn, r.LastAssessedOn, r.Exception);
        return new MlpsRowDto(r.SystemId, r.SystemName, r.OrganisationId, r.OrganisationName, r.Lifecycle, r.Level, r.FilingNumber, r.FiledOn,
            r.LastAssessedOn, r.LastResult, MlpsRules.NextAssessmentDue(facts, Schedule), MlpsRules.Standing(facts, Today, Schedule), r.Sensitive, r.Exception);
    }

    private static MlpsFacts Facts(MlpsRecord? record, DateOnly? lastAssessedOn) =>
        new(record?.Level, record?.GradedOn, record?.FilingNumber, record?.FiledOn, lastAssessedOn, record?.ExceptionReason is not null);

    // A unique index refusing a write (two first gradings at once) becomes a 409 with its rule's message (UniqueRules).
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("该等级保护信息已被他人修改，请刷新后重试");
        }
    }

    private static object Snapshot(MlpsRecord r) => new
    {
        r.Level, r.GradedOn, r.FilingNumber, r.FiledOn, r.PersonalInformation, r.CommercialSecrets, r.ImportantData, r.DataStorage,
        r.DataStaysInCountry, r.ResponsiblePerson, r.ExceptionReason,
    };
}
