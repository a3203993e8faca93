using System.Linq.Expressions;
using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using GovCloud.Domain.Organisations;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.DataCenters;

/// <summary>
/// The register of agencies' data centres and the violations of. An agency keeps its own
/// centres (a county its departments'), the Bureau any agency's; everyone in scope reads them. A leased centre's
/// contract may not be extended: the attempt is refused and recorded as a violation.
/// </summary>
public sealed class DataCenterService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, FileStore files, TimeProvider clock,
    GovCloud.Web.Features.Calendar.CalendarCache calendars, IOptions<GovCloudOptions> options)
{
    private DataCenterOptions Settings => options.Value.DataCenters;
    private GovCloud.Domain.Calendar.PlausibleDates Dates => options.Value.Dates.Around(ChinaTime.Today(clock));

    public async Task<Paged<DataCenterDto>> ListAsync(Actor actor, DataCenterQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(d => d.Organisation!.Name).ThenBy(d => d.Name).Skip((page - 1) * size).Take(size).Select(ToRow).ToListAsync(ct);
        return new Paged<DataCenterDto>(await CompleteAsync(rows, ct), total, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, DataCenterQuery q, CancellationToken ct)
    {
        var rows = await CompleteAsync(await (await FilterAsync(actor, q, ct)).OrderBy(d => d.Organisation!.Name).ThenBy(d => d.Name).Select(ToRow).ToListAsync(ct), ct);
        return await ExcelExport.ToXlsxAsync(rows, ExportColumns, "数据中心", ct);
    }

    private static string YesNo(bool b) => b ? "是" : "否";

    private static readonly ExcelColumn<DataCenterDto>[] ExportColumns =
    [
        new("所属单位", d => d.OrganisationName), new("数据中心", d => d.Name), new("类型", d => d.KindName), new("地址", d => d.Address), new("面积（平方米）", d => d.AreaM2),
        new("现有机架", d => d.ExistingRacks), new("可用机柜", d => d.UsableRacks), new("投入使用日期", d => d.InServiceSince?.ToString("yyyy-MM-dd")),
        new("机房等级", d => d.RoomClassName), new("接入电子政务外网", d => YesNo(d.ExtranetConnected)), new("使用外网统一互联网出口", d => YesNo(d.UsesExtranetInternetExit)),
        new("支持 IPv6", d => YesNo(d.SupportsIpv6)), new("专职运维人员", d => d.FullTimeStaff), new("7×24 服务", d => YesNo(d.Service7x24)), new("等保级别", d => d.MlpsLevel),
        new("最近测评", d => d.LastAssessmentOn?.ToString("yyyy-MM-dd")), new("有云平台", d => YesNo(d.HasCloudPlatform)),
        new("云平台符合 GB/T 33780", d => YesNo(d.CloudPlatformConforms)), new("承载敏感数据", d => YesNo(d.HoldsSensitiveData)), new("出租方", d => d.Lessor),
        new("租期起", d => d.LeaseStart?.ToString("yyyy-MM-dd")), new("租期止", d => d.LeaseEnd?.ToString("yyyy-MM-dd")),
        new("承载系统", d => string.Join("、", d.Systems.Select(s => s.Name))), new("阶段", d => d.StageName), new("认定结论", d => d.Decision?.DisplayName()),
        new("认定日期", d => d.DecidedOn?.ToString("yyyy-MM-dd")), new("保留期至", d => d.RetentionEndsOn?.ToString("yyyy-MM-dd")),
        new("迁移期限", d => d.MigrateBy?.ToString("yyyy-MM-dd")), new("运维经费停止", d => d.FundingStopped ? "是" : ""), new("撤销日期", d => d.RevokedOn?.ToString("yyyy-MM-dd")),
    ];

    public async Task<DataCenterDto> GetAsync(Actor actor, Guid id, CancellationToken ct) =>
        (await CompleteAsync(await (await FilterAsync(actor, new DataCenterQuery(), ct)).Where(d => d.Id == id).Select(ToRow).ToListAsync(ct), ct)).FirstOrDefault()
        ?? throw ProblemException.NotFound("数据中心");

    /// <summary>The centre a certification or a migration plan belongs to (Guid.Empty when none); the caller reads it through the scope.</summary>
    public async Task<Guid> CentreOfAsync(Guid? certificationId, Guid? planId, CancellationToken ct) =>
        certificationId is { } cid ? await db.Certifications.Where(c => c.Id == cid).Select(c => c.DataCenterId).FirstOrDefaultAsync(ct)
        : planId is { } pid ? await db.MigrationPlans.Where(p => p.Id == pid).Select(p => p.DataCenterId).FirstOrDefaultAsync(ct)
        : Guid.Empty;

    public async Task<DataCenterDto> CreateAsync(Actor actor, DataCenterInput input, CancellationToken ct)
    {
        var entity = new DataCenter { Name = "", CreatedAt = clock.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ApplyAsync(actor, entity, input, ct);
        db.DataCenters.Add(entity);
        audit.Record(actor, AuditActions.DataCenterRegistered, nameof(DataCenter), entity.Id, after: Snapshot(entity));
        await RecordFoundAsync(actor, entity, DataCenterRules.Violations(null, entity.Facts, Settings.RulesEffectiveOn), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, entity.Id, ct);
    }

    public async Task<DataCenterDto> UpdateAsync(Actor actor, Guid id, DataCenterInput input, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var entity = await db.DataCenters.FirstOrDefaultAsync(d => d.Id == id && (visible == null || visible.Contains(d.OrganisationId)), ct)
                     ?? throw ProblemException.NotFound("数据中心");
        ProblemException.CheckVersion(input.Version, entity.Version, "数据中心");
        if (entity.RevokedOn is not null) throw new ProblemException(409, "数据中心已撤销", "已撤销的数据中心不能再修改");
        RequireEditor(actor);
        // the lease is never extended, in any form — a later end, or the centre turned into a "self-built" one. The
        // attempt changes nothing of the centre and stays on record for the Bureau.
        var byBureau = actor.IsIn(Role.BureauApprover);
        if (input.Kind is { } kind && DataCenterRules.CheckKindChange(entity.Kind, kind, byBureau) is { } wrongKind)
        {
            if (entity.Kind != DataCenterKind.Leased) throw ProblemException.Invalid("kind", wrongKind);
            await RefuseLeaseExtensionAsync(actor, entity, $"拟将租用第三方数据中心（租期至 {entity.LeaseEnd:yyyy-MM-dd}）改登记为自建", wrongKind, ct);
        }
        if (entity.Kind == DataCenterKind.Leased && input.Kind != DataCenterKind.SelfBuilt && entity.LeaseEnd is { } end && input.LeaseEnd is { } asked
            && DataCenterRules.CheckLeaseEnd(end, asked) is { } refusal)
            await RefuseLeaseExtensionAsync(actor, entity, $"拟将租用合约期由 {end:yyyy-MM-dd} 延长至 {asked:yyyy-MM-dd}", refusal, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = Snapshot(entity);
        var facts = entity.Facts;
        await ApplyAsync(actor, entity, input with { OrganisationId = entity.OrganisationId }, ct);
        entity.Version++;
        audit.Record(actor, facts.Kind != entity.Kind ? AuditActions.DataCenterKindCorrected : AuditActions.DataCenterUpdated, nameof(DataCenter), entity.Id, before,
            Snapshot(entity));
        await RecordFoundAsync(actor, entity, DataCenterRules.Violations(facts, entity.Facts, Settings.RulesEffectiveOn), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Records the attempt to extend a lease for the Bureau and refuses it; the centre itself is unchanged.</summary>
    private async Task RefuseLeaseExtensionAsync(Actor actor, DataCenter entity, string description, string refusal, CancellationToken ct)
    {
        AddViolation(actor, entity, ViolationKind.LeaseExtension, description, actor.UserName);
        await db.SaveChangesAsync(ct);
        throw new ProblemException(409, "不得延长租用合约", refusal);
    }

    /// <summary>
    /// The violations the register showed by itself, recorded for the Bureau to follow up; the agency and the
    /// Bureau are told. The caller saves, with the change that showed them.
    /// </summary>
    private async Task RecordFoundAsync(Actor actor, DataCenter entity, IReadOnlyList<FoundViolation> found, CancellationToken ct)
    {
        if (found.Count == 0) return;
        var recipients = (await inbox.RecipientsAsync(entity.OrganisationId, Role.AgencyOperator, ct))
            .Concat(await inbox.RecipientsAsync(await db.OfficeAsync(OrganisationType.Bureau, ct), Role.BureauApprover, ct)).ToList();
        foreach (var f in found)
        {
            var violation = AddViolation(actor, entity, f.Kind, f.Description, $"系统（{actor.UserName} 登记时发现）");
            await inbox.NotifyAsync(recipients, NotificationKinds.CaseProgress, $"发现违规事项：{f.Kind.DisplayName()}（{entity.Name}）", f.Description,
                $"/datacenters/{entity.Id}", $"violation:{violation.Id}", ct);
        }
    }

    private DataCenterViolation AddViolation(Actor actor, DataCenter entity, ViolationKind kind, string description, string? recordedBy)
    {
        var violation = new DataCenterViolation
        {
            OrganisationId = entity.OrganisationId, DataCenterId = entity.Id, Kind = kind, OccurredOn = ChinaTime.Today(clock), Description = Texts.Fit(description, 1000),
            RecordedAt = clock.GetUtcNow(), RecordedBy = recordedBy,
        };
        db.DataCenterViolations.Add(violation);
        audit.Record(actor, AuditActions.ViolationRecorded, nameof(DataCenterViolation), violation.Id, after: new { kind = kind.ToString(), violation.Description });
        return violation;
    }

    public async Task<IReadOnlyList<ViolationDto>> ViolationsAsync(Actor actor, bool? resolved, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.DataCenterViolations.AsNoTracking().Where(v => visible == null || visible.Contains(v.OrganisationId));
        if (resolved is { } r) query = query.Where(v => v.Resolved == r);
        return await query.OrderBy(v => v.Resolved).ThenByDescending(v => v.OccurredOn).Select(v => new ViolationDto(v.Id, v.OrganisationId, v.Organisation!.Name,
            v.DataCenterId, v.DataCenter == null ? null : v.DataCenter.Name, v.Kind, v.OccurredOn, v.Description, v.FollowUp, v.Resolved, v.RecordedAt, v.RecordedBy,
            v.Version, v.EvidenceName)).ToListAsync(ct);
    }

    /// <summary>The Bureau records an act forbids, with its date and follow-up.</summary>
    public async Task<ViolationDto> RecordViolationAsync(Actor actor, ViolationInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("违规事项由大数据局审批人员记录");
        var v = new Validation();
        if (await scope.CheckTenantAsync(actor, input.OrganisationId, "违规事项", ct) is { } owner) v.Add("organisationId", owner);
        if (input.Kind is null) v.Add("kind", "请选择违规类型");
        if (input.OccurredOn is null) v.Add("occurredOn", "请填写发生日期");
        else if (input.OccurredOn > ChinaTime.Today(clock)) v.Add("occurredOn", "发生日期不能晚于今天");
        v.Date(input.OccurredOn, "occurredOn", "发生日期", Dates);
        v.Required(input.Description, "description", "情况说明", 1000);
        if (input.FollowUp?.Length > 1000) v.Add("followUp", "跟进情况不能超过 1000 个字");
        if (input.DataCenterId is { } dc && !await db.DataCenters.AnyAsync(d => d.Id == dc && d.OrganisationId == input.OrganisationId, ct))
            v.Add("dataCenterId", "该数据中心不属于所选单位");
        v.ThrowIfInvalid();
        var violation = new DataCenterViolation
        {
            OrganisationId = input.OrganisationId!.Value, DataCenterId = input.DataCenterId, Kind = input.Kind!.Value, OccurredOn = input.OccurredOn!.Value,
            Description = Texts.OrNull(input.Description)!, FollowUp = Texts.OrNull(input.FollowUp), Resolved = input.Resolved ?? false, RecordedAt = clock.GetUtcNow(),
            RecordedBy = actor.UserName,
        };
        db.DataCenterViolations.Add(violation);
        audit.Record(actor, AuditActions.ViolationRecorded, nameof(DataCenterViolation), violation.Id, after: new { kind = violation.Kind.ToString(), violation.Description });
        await db.SaveChangesAsync(ct);
        return (await ViolationsAsync(actor, null, ct)).Single(x => x.Id == violation.Id);
    }

    /// <summary>The Bureau follows a violation up: what was done, whether it is put right.</summary>
    public async Task<ViolationDto> FollowUpAsync(Actor actor, Guid id, ViolationFollowUpInput input, CancellationToken ct)
    {
        var violation = await ViolationForBureauAsync(actor, id, input.Version, ct);
        var v = new Validation();
        v.Required(input.FollowUp, "followUp", "跟进情况", 1000);
        v.ThrowIfInvalid();
        var before = new { violation.FollowUp, violation.Resolved };
        violation.FollowUp = Texts.OrNull(input.FollowUp)!;
        violation.Resolved = input.Resolved ?? violation.Resolved;
        violation.Version++;
        audit.Record(actor, AuditActions.ViolationFollowedUp, nameof(DataCenterViolation), violation.Id, before, new { violation.FollowUp, violation.Resolved });
        await db.SaveChangesAsync(ct);
        return (await ViolationsAsync(actor, null, ct)).Single(x => x.Id == id);
    }

    /// <summary>The Bureau files the evidence of a violation (a contract, an invoice, a photo); a new file replaces the old on record, the old stays in the audit trail.</summary>
    public async Task<ViolationDto> AttachViolationEvidenceAsync(Actor actor, Guid id, string? fileName, Stream? content, long size, long? version, CancellationToken ct)
    {
        var violation = await ViolationForBureauAsync(actor, id, version, ct);
        await files.KeepAsync("violations", fileName, content, size, async (stored, name) =>
        {
            (violation.EvidenceName, violation.EvidencePath, violation.EvidenceSha256) = (name, stored.Path, stored.Sha256);
            violation.Version++;
            audit.Record(actor, AuditActions.ViolationFollowedUp, nameof(DataCenterViolation), violation.Id, null, new { evidence = name, stored.Sha256 });
            await db.SaveChangesAsync(ct);
            return violation;
        }, ct);
        return (await ViolationsAsync(actor, null, ct)).Single(x => x.Id == id);
    }

    public async Task<(Stream Content, string FileName)> OpenViolationEvidenceAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var v = await db.DataCenterViolations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.EvidencePath != null && (visible == null || visible.Contains(x.OrganisationId)), ct)
                ?? throw ProblemException.NotFound("违规事项证据");
        return (files.Open(actor, v.EvidencePath!), v.EvidenceName!);
    }

    private async Task<DataCenterViolation> ViolationForBureauAsync(Actor actor, Guid id, long? version, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("违规事项由大数据局审批人员跟进");
        var violation = await db.DataCenterViolations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw ProblemException.NotFound("违规事项");
        ProblemException.CheckVersion(version, violation.Version, "违规事项");
        return violation;
    }

    // ---- shared ----

    private async Task<IQueryable<DataCenter>> FilterAsync(Actor actor, DataCenterQuery q, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.DataCenters.AsNoTracking();
        if (visible is not null) query = query.Where(d => visible.Contains(d.OrganisationId));
        if (q.OrganisationId is { } org) query = query.Where(d => d.OrganisationId == org);
        if (q.Kind is { } kind) query = query.Where(d => d.Kind == kind);
        if (!string.IsNullOrWhiteSpace(q.Q)) query = query.Where(d => d.Name.Contains(q.Q) || d.Organisation!.Name.Contains(q.Q));
        var today = ChinaTime.Today(clock);
        if (q.LeaseEndingSoon == true)
        {
            var horizon = today.AddDays(Settings.ReminderDaysBefore);
            query = query.Where(d => d.Kind == DataCenterKind.Leased && d.LeaseEnd <= horizon);
        }
        // The stages of MigrationRules.Stage, as columns (a centre is retained up to and including its retention's last day).
        if (q.Stage is { } stage)
            query = stage switch
            {
                DataCenterStage.Revoked => query.Where(d => d.RevokedOn != null),
                DataCenterStage.Certifying => query.Where(d => d.RevokedOn == null && d.Certifying),
                DataCenterStage.Retained => query.Where(d => d.RevokedOn == null && !d.Certifying && d.Decision == CertificationState.Certified && d.RetentionEndsOn >= today),
                DataCenterStage.Migrating => query.Where(d => d.RevokedOn == null && !d.Certifying && d.MigrateBy != null
                                                              && !(d.Decision == CertificationState.Certified && d.RetentionEndsOn >= today)),
                _ => query.Where(d => d.RevokedOn == null && !d.Certifying && d.MigrateBy == null),
            };
        if (q.EndingWithinDays is { } days)
        {
            var horizon = today.AddDays(Math.Clamp(days, 0, 3660));
            // The city's date to apply for certification counts for the self-built centres that have not applied.
            var applyBySoon = Settings.ApplyBy is { } applyBy && applyBy >= today && applyBy <= horizon;
            query = query.Where(d => d.RevokedOn == null && !d.Certifying && (d.Decision == CertificationState.Certified && d.RetentionEndsOn >= today
                ? d.RetentionEndsOn <= horizon
                : d.MigrateBy >= today && d.MigrateBy <= horizon
                  || applyBySoon && d.Kind == DataCenterKind.SelfBuilt && d.Decision == null && d.MigrateBy == null));
        }
        if (q.Overdue == true) query = query.Where(d => d.RevokedOn == null && d.MigrateBy < today);
        // from the day after retention, until a new certification gives a new one.
        if (q.FundingStopped == true) query = query.Where(d => d.RevokedOn == null && d.RetentionEndsOn < today);
        return query;
    }

    /// <summary>The Bureau's overview of every centre in scope (R-A1): by stage, ending soon, overdue, funding stopped, violations, plans waiting.</summary>
    public async Task<DataCenterOverview> OverviewAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var statuses = await db.DataCenters.AsNoTracking().Where(d => visible == null || visible.Contains(d.OrganisationId))
            .Select(d => new CentreStatus(d.Kind, d.Certifying, d.Decision, d.RetentionEndsOn, d.MigrateBy, d.RevokedOn)).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        var byStage = Enum.GetValues<DataCenterStage>().ToDictionary(s => s, s => statuses.Count(x => MigrationRules.Stage(x, today) == s));
        var attention = await ListAsync(actor, new DataCenterQuery(EndingWithinDays: Settings.ReminderDaysBefore, PageSize: 50), ct);
        var overdue = await ListAsync(actor, new DataCenterQuery(Overdue: true, PageSize: 50), ct);
        return new DataCenterOverview(byStage,
            statuses.Count(x => MigrationRules.EndingWithin(x, today, Settings.ReminderDaysBefore, Settings.ApplyBy) is not null),
            statuses.Count(x => x.RevokedOn is null && x.MigrateBy < today),
            statuses.Count(x => MigrationRules.FundingStopped(x, today)),
            await db.DataCenterViolations.CountAsync(v => !v.Resolved && (visible == null || visible.Contains(v.OrganisationId)), ct),
            await db.MigrationPlans.CountAsync(p => p.State == MigrationPlanState.Submitted && (visible == null || visible.Contains(p.OrganisationId)), ct),
            overdue.Items.Concat(attention.Items).ToList());
    }

    /// <summary>
    /// Daily: tells the agency (and the Bureau) that a centre's retention or migrate-by date is within the reminder
    /// window, once per centre and date; and, once, that a migrate-by date has passed with the centre still standing.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var horizon = today.AddDays(Settings.ReminderDaysBefore);
        var applyBySoon = Settings.ApplyBy is { } applyBy && applyBy >= today && applyBy <= horizon;
        var due = await db.DataCenters.AsNoTracking().Where(d => d.RevokedOn == null && !d.Certifying && (d.RetentionEndsOn >= today && d.RetentionEndsOn <= horizon
                || d.MigrateBy <= horizon || applyBySoon && d.Kind == DataCenterKind.SelfBuilt && d.Decision == null))
            .Select(d => new { d.Id, d.Name, d.OrganisationId, Status = new CentreStatus(d.Kind, d.Certifying, d.Decision, d.RetentionEndsOn, d.MigrateBy, d.RevokedOn) })
            .ToListAsync(ct);
        if (due.Count == 0) return 0;
        // What each centre is to be told today, and under which key; a key already sent is not looked at again.
        var messages = due.Select(d =>
        {
            var link = $"/datacenters/{d.Id}";
            if (MigrationRules.EndingWithin(d.Status, today, Settings.ReminderDaysBefore, Settings.ApplyBy) is { } end)
                return (d.OrganisationId, Kind: NotificationKinds.DueSoon, Title: $"{end.What}即将届满：{d.Name}",
                    Body: end.What switch
                    {
                        "保留期" => $"“{d.Name}”的保留期至 {end.On:yyyy-MM-dd} 届满，其后财政不再安排运维经费，须在迁移期限内完成迁移；" +
                                   "保留期满后因特殊情况仍需暂时保留的，须再次申请认定（第十八条）。",
                        "认定申请期限" => $"自建数据中心“{d.Name}”须于 {end.On:yyyy-MM-dd} 前申请认定；逾期未申请的，自该日起视为未通过认定，按第十五条过渡期迁移上云。",
                        _ => $"“{d.Name}”须于 {end.On:yyyy-MM-dd} 前完成迁移上云（或整合关停）并撤销，请按迁移计划推进。",
                    },
                    Link: link, Key: $"datacenter:{d.Id}:{end.What}:{end.On:yyyyMMdd}");
            if (d.Status.MigrateBy < today && MigrationRules.Stage(d.Status, today) == DataCenterStage.Migrating)
                return (d.OrganisationId, Kind: NotificationKinds.Overdue, Title: $"迁移已逾期：{d.Name}",
                    Body: $"“{d.Name}”的迁移期限 {d.Status.MigrateBy:yyyy-MM-dd} 已过，尚未撤销。", Link: link, Key: $"datacenter:{d.Id}:overdue:{d.Status.MigrateBy:yyyyMMdd}");
            return default;
        }).Where(m => m.Key is not null).ToList();
        var done = await inbox.SentKeysAsync(messages.Select(m => m.Key).ToList(), ct);
        var bureau = await inbox.RecipientsAsync(await db.OfficeAsync(OrganisationType.Bureau, ct), Role.BureauApprover, ct);
        var sent = 0;
        foreach (var m in messages.Where(m => !done.Contains(m.Key)))
        {
            var recipients = (await inbox.RecipientsAsync(m.OrganisationId, Role.AgencyOperator, ct)).Concat(bureau).ToList();
            sent += await inbox.NotifyAsync(recipients, m.Kind, m.Title, m.Body, m.Link, m.Key, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return sent;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0; // another instance sent the same messages a moment ago (unique per user and key)
        }
    }

    /// <summary>
    /// Daily, after the city's date to apply for certification: each self-built centre that has not applied is treated as
    /// not certified from that date — its transition counted from it by its existing racks — and the
    /// agency and the Bureau are told. Conditional on the centre still being undecided, so two instances decide it once.
    /// </summary>
    public async Task<int> DeemUnappliedAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (Settings.ApplyBy is not { } applyBy || today <= applyBy) return 0;
        var missed = await db.DataCenters.Where(d => d.Kind == DataCenterKind.SelfBuilt && d.RevokedOn == null && !d.Certifying && d.Decision == null).ToListAsync(ct);
        if (missed.Count == 0) return 0;
        var calendar = await calendars.GetAsync(db, ct);
        var bureau = await inbox.RecipientsAsync(await db.OfficeAsync(OrganisationType.Bureau, ct), Role.BureauApprover, ct);
        foreach (var centre in missed)
        {
            var outcome = CertificationRules.Outcome(calendar, applyBy, false, centre.ExistingRacks, Settings.Criteria, Settings.RetentionYears,
                Settings.MigrationAfterRetentionYears, Settings.SmallTransitionYears, Settings.LargeTransitionYears);
            (centre.Decision, centre.DecidedOn, centre.MigrateBy) = (CertificationState.NotCertified, applyBy, outcome.TransitionEndsOn);
            centre.Version++;
            audit.Record(Actor.System, AuditActions.DataCenterDeemedNotCertified, nameof(DataCenter), centre.Id, null,
                new { applyBy, centre.ExistingRacks, migrateBy = centre.MigrateBy });
            var recipients = (await inbox.RecipientsAsync(centre.OrganisationId, Role.AgencyOperator, ct)).Concat(bureau).ToList();
            await inbox.NotifyAsync(recipients, NotificationKinds.Overdue, $"逾期未申请认定：{centre.Name}",
                $"自建数据中心“{centre.Name}”未在 {applyBy:yyyy-MM-dd} 前申请认定，自该日起视为未通过认定：现有机架 {centre.ExistingRacks} 个，" +
                $"须于 {centre.MigrateBy:yyyy-MM-dd} 前完成迁移上云（第十五条）。", $"/datacenters/{centre.Id}", $"datacenter:{centre.Id}:deemed", ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return missed.Count;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0; // another instance decided them (and sent the messages) a moment ago
        }
    }

    /// <summary>Adds the hosted systems and what follows from today: the stage and whether Finance has stopped funding.</summary>
    private async Task<List<DataCenterDto>> CompleteAsync(List<DataCenterDto> rows, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var ids = rows.Select(r => r.Id).ToList();
        var systems = (await db.InfoSystems.AsNoTracking().Where(s => s.DataCenterId != null && ids.Contains(s.DataCenterId.Value))
            .Select(s => new { s.DataCenterId, s.Id, s.Name, s.Lifecycle }).ToListAsync(ct)).ToLookup(s => s.DataCenterId!.Value);
        return rows.Select(r => r with
        {
            Systems = systems[r.Id].OrderBy(s => s.Name).Select(s => new HostedSystemDto(s.Id, s.Name, s.Lifecycle)).ToList(),
            Stage = MigrationRules.Stage(r.Status, today), FundingStopped = MigrationRules.FundingStopped(r.Status, today),
            ApplyBy = r.Kind == DataCenterKind.SelfBuilt && MigrationRules.Stage(r.Status, today) == DataCenterStage.Registered ? Settings.ApplyBy : null,
        }).ToList();
    }

    private static void RequireEditor(Actor actor)
    {
        if (!actor.IsInAny(Role.AgencyOperator, Role.BureauApprover)) throw ProblemException.Forbidden("只有使用单位经办人或大数据局审批人员可以登记数据中心");
    }

    private async Task ApplyAsync(Actor actor, DataCenter entity, DataCenterInput input, CancellationToken ct)
    {
        RequireEditor(actor);
        var v = new Validation();
        var orgId = input.OrganisationId ?? actor.OrganisationId;
        if (await scope.CheckTenantAsync(actor, orgId, "数据中心", ct) is { } owner) v.Add("organisationId", owner);
        var name = Texts.Line(input.Name);
        v.Required(name, "name", "数据中心名称", 100);
        if (!string.IsNullOrEmpty(name) && orgId is { } org && await db.DataCenters.AnyAsync(d => d.OrganisationId == org && d.Name == name && d.Id != entity.Id, ct))
            v.Add("name", $"本单位已登记名为“{name}”的数据中心");
        if (input.Kind is null) v.Add("kind", "请选择自建或租用第三方");
        if (input.Address?.Trim().Length > 200) v.Add("address", "地址不能超过 200 个字");
        if (input.AreaM2 is null or < 0 or > 100000) v.Add("areaM2", "面积须为 0 至 100000 平方米");
        if (input.ExistingRacks is null or < 0 or > 10000) v.Add("existingRacks", "现有机架数须为 0 至 10000 的整数（机房内全部机架，含不可用的）");
        if (input.UsableRacks is null or < 0 or > 10000) v.Add("usableRacks", "可用机柜数须为 0 至 10000 的整数");
        else if (input.ExistingRacks is { } all and >= 0 && input.UsableRacks > all) v.Add("usableRacks", $"可用机柜数不能多于现有机架数（{all} 个）");
        if (input.Kind == DataCenterKind.SelfBuilt && input.InServiceSince is null) v.Add("inServiceSince", "请填写自建数据中心的投入使用日期");
        else if (input.InServiceSince > ChinaTime.Today(clock)) v.Add("inServiceSince", "投入使用日期不能晚于今天");
        if (input.FullTimeStaff is < 0 or > 1000) v.Add("fullTimeStaff", "专职运维人员须为 0 至 1000 人");
        if (InfoSystemRules.CheckMlpsLevel(input.MlpsLevel) is { } mlps) v.Add("mlpsLevel", mlps);
        if (input.LastAssessmentOn > ChinaTime.Today(clock)) v.Add("lastAssessmentOn", "测评日期不能晚于今天");
        v.Date(input.LastAssessmentOn, "lastAssessmentOn", "测评日期", Dates).Date(input.InServiceSince, "inServiceSince", "投入使用日期", Dates).Date(input.LeaseStart, "leaseStart", "租期起", Dates).Date(input.LeaseEnd, "leaseEnd", "租期止", Dates);
        if (input.Kind == DataCenterKind.Leased)
        {
            v.Required(input.Lessor, "lessor", "出租方", 100);
            if (input.LeaseStart is null || input.LeaseEnd is null) v.Add("leaseEnd", "请填写租用合约的起止日期");
            else if (input.LeaseEnd < input.LeaseStart) v.Add("leaseEnd", "租期止不能早于租期起");
        }
        var systemIds = (input.SystemIds ?? []).Distinct().ToList();
        var systems = await db.InfoSystems.Where(s => systemIds.Contains(s.Id) || s.DataCenterId == entity.Id).ToListAsync(ct);
        if (systemIds.Any(id => systems.All(s => s.Id != id || s.OrganisationId != orgId))) v.Add("systemIds", "承载系统须为本单位台账中的信息系统");
        // Art. 14(五): certification judges the centre with what it hosted when it applied; a system moved in afterwards
        // would count as migrated for a retention it was never assessed for. Systems may leave (migrate), not arrive.
        else if (systemIds.Any(id => systems.Single(s => s.Id == id).DataCenterId != entity.Id)
                 && (entity.Decision is not null || await db.Certifications.AnyAsync(c => c.DataCenterId == entity.Id, ct)))
            v.Add("systemIds", "已申请认定的数据中心不能再增加承载的系统（认定时评估的是申请时承载的系统）");
        v.ThrowIfInvalid();

        entity.OrganisationId = orgId!.Value;
        entity.Name = name!;
        entity.Kind = input.Kind!.Value;
        entity.Address = Texts.Line(input.Address);
        entity.AreaM2 = input.AreaM2!.Value;
        entity.ExistingRacks = input.ExistingRacks!.Value;
        entity.UsableRacks = input.UsableRacks!.Value;
        entity.InServiceSince = input.InServiceSince;
        entity.RoomClass = input.RoomClass ?? RoomClass.Unclassified;
        entity.ExtranetConnected = input.ExtranetConnected ?? false;
        entity.UsesExtranetInternetExit = input.UsesExtranetInternetExit ?? false;
        entity.SupportsIpv6 = input.SupportsIpv6 ?? false;
        entity.FullTimeStaff = input.FullTimeStaff ?? 0;
        entity.Service7x24 = input.Service7x24 ?? false;
        entity.MlpsLevel = input.MlpsLevel;
        entity.LastAssessmentOn = input.LastAssessmentOn;
        entity.HasCloudPlatform = input.HasCloudPlatform ?? false;
        entity.CloudPlatformConforms = entity.HasCloudPlatform && (input.CloudPlatformConforms ?? false);
        entity.HoldsSensitiveData = input.HoldsSensitiveData ?? false;
        var leased = entity.Kind == DataCenterKind.Leased;
        entity.Lessor = leased ? Texts.Line(input.Lessor) : null;
        entity.LeaseStart = leased ? input.LeaseStart : null;
        entity.LeaseEnd = leased ? input.LeaseEnd : null;
        // a leased centre is emptied within its lease; a self-built one by what its decision set.
        if (leased) entity.MigrateBy = entity.LeaseEnd;
        else if (entity.Decision is null) entity.MigrateBy = null;
        foreach (var s in systems)
        {
            var hosted = systemIds.Contains(s.Id);
            if ((s.DataCenterId == entity.Id) == hosted) continue;
            s.DataCenterId = hosted ? entity.Id : null;
            s.Version++;
        }
    }

    private static object Snapshot(DataCenter d) => new
    {
        d.OrganisationId, d.Name, Kind = d.Kind.ToString(), d.AreaM2, d.ExistingRacks, d.UsableRacks, d.InServiceSince, RoomClass = d.RoomClass.ToString(), d.FullTimeStaff, d.MlpsLevel,
        d.HoldsSensitiveData, d.Lessor, d.LeaseStart, d.LeaseEnd,
    };

    private static readonly Expression<Func<DataCenter, DataCenterDto>> ToRow = d => new DataCenterDto(d.Id, d.OrganisationId, d.Organisation!.Name, d.Name, d.Kind,
        d.Address, d.AreaM2, d.UsableRacks, d.RoomClass, d.ExtranetConnected, d.UsesExtranetInternetExit, d.SupportsIpv6, d.FullTimeStaff, d.Service7x24,
        d.MlpsLevel, d.LastAssessmentOn, d.HasCloudPlatform, d.CloudPlatformConforms, d.HoldsSensitiveData, d.Lessor, d.LeaseStart, d.LeaseEnd,
        new List<HostedSystemDto>(), d.Certifying, d.Decision, d.DecidedOn, d.RetentionEndsOn, d.MigrateBy, d.RevokedOn, d.OfficeRoomRemains, d.Version,
        d.ExistingRacks, d.InServiceSince);
}
