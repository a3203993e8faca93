using GovCloud.Domain.Applications;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.DataCenters;

public sealed record PlanItemInput(Guid? SystemId, PlanDisposition? Disposition, DateOnly? TargetDate, string? Milestones);

public sealed record MigrationPlanInput(IReadOnlyList<PlanItemInput>? Items, string? Note);

public sealed record PlanReviewInput(bool? Approve, string? Opinion, long? Version);


/// <summary>The resource application that moves a system, as the plan shows it.</summary>
public sealed record LinkedApplicationDto(Guid Id, string Number, ApplicationState State)
{
    public string StateName => State.DisplayName();
}

public sealed record PlanItemDto(
    Guid Id, int RowNo, Guid SystemId, string SystemName, int? MlpsLevel, SystemLifecycle Lifecycle, PlanDisposition Disposition, DateOnly TargetDate, string? Milestones,
    bool Done, LinkedApplicationDto? Application, DataDisposal? HandlingMethod, DateOnly? HandledOn, string? HandledBy, string? CertificateName, string? RecordedBy,
    DisposalRecord? Disposal = null)
{
    public string DispositionName => Disposition.DisplayName();
    public string LifecycleName => Lifecycle.DisplayName();
    public string? HandlingMethodName => HandlingMethod?.DisplayName();
}

public sealed record MigrationPlanDto(
    Guid Id, string Number, Guid DataCenterId, string DataCenterName, Guid OrganisationId, MigrationPlanState State, string? Note, DateTimeOffset SubmittedAt,
    string? SubmittedBy, string? ReviewOpinion, string? ReviewedBy, DateTimeOffset? ReviewedAt, IReadOnlyList<PlanItemDto> Items, int Done, int Total,
    IReadOnlyList<ClockDto> Clocks, long Version)
{
    public string StateName => State.DisplayName();
    /// <summary>Systems on the cloud or shut down ÷ systems in the plan .</summary>
    public int ProgressPercent => Total == 0 ? 0 : Done * 100 / Total;
}

/// <summary>
/// 迁移计划: the agency lists every system of its centre — migrated by a resource application of the
/// existing-system kind, or shut down in consolidation — with target dates no later than the centre's migrate-by
/// date; the Bureau approves it or returns it. Progress follows the systems: one on the cloud, or shut down with
/// its data handled by its MLPS level, is done. Each step with its audit entry and messages is one transaction.
/// </summary>
public sealed class MigrationPlanService(
    GovCloudDbContext db, DataScope scope, DeadlineClockService clocks, InboxService inbox, AuditLog audit, FileStore files,
    Work.HandoverNotices handovers, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public const string CaseType = nameof(MigrationPlan);
    private DataCenterOptions Settings => options.Value.DataCenters;
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<IReadOnlyList<MigrationPlanDto>> ForCentreAsync(Actor actor, Guid dataCenterId, CancellationToken ct)
    {
        await db.VisibleCentreAsync(scope, actor, dataCenterId, ct); // another agency's centre is "not found", as its page is
        var visible = await scope.OrganisationsAsync(actor, ct);
        var plans = await db.MigrationPlans.AsNoTracking().Include(p => p.DataCenter).Include(p => p.Items).ThenInclude(i => i.System)
            .Where(p => p.DataCenterId == dataCenterId && (visible == null || visible.Contains(p.OrganisationId))).OrderByDescending(p => p.SubmittedAt)
            .AsSplitQuery().ToListAsync(ct);
        var list = new List<MigrationPlanDto>();
        foreach (var plan in plans) list.Add(await ToDtoAsync(plan, ct));
        return list;
    }

    public async Task<MigrationPlanDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var plan = await db.MigrationPlans.AsNoTracking().Include(p => p.DataCenter).Include(p => p.Items).ThenInclude(i => i.System)
                       .FirstOrDefaultAsync(p => p.Id == id && (visible == null || visible.Contains(p.OrganisationId)), ct)
                   ?? throw ProblemException.NotFound("迁移计划");
        return await ToDtoAsync(plan, ct);
    }

    /// <summary>The agency submits the plan of its centre; the Bureau's review period starts.</summary>
    public async Task<MigrationPlanDto> SubmitAsync(Actor actor, Guid dataCenterId, MigrationPlanInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("迁移计划由使用单位经办人提交");
        var centre = await db.VisibleCentreAsync(scope, actor, dataCenterId, ct);
        if (centre.RevokedOn is not null) throw new ProblemException(409, "数据中心已撤销", "已撤销的数据中心不再需要迁移计划");
        // Its date to be empty by follows from the decision; a plan waits for it.
        if (centre.Certifying) throw new ProblemException(409, "认定办理中", "该数据中心的认定申请正在办理，作出认定后再提交迁移计划");
        if (await db.MigrationPlans.Where(p => p.DataCenterId == centre.Id && p.State != MigrationPlanState.Returned).Select(p => p.Number).FirstOrDefaultAsync(ct) is { } open)
            throw new ProblemException(409, "已有迁移计划", $"该数据中心已有待审核或已同意的迁移计划 {open}");
        var hosted = await HostedAsync(centre.Id, ct);
        var items = (input.Items ?? []).Select(i => new PlanItemRequest(i.SystemId, i.Disposition, i.TargetDate, Texts.OrNull(i.Milestones))).ToList();
        var v = new Validation();
        for (var i = 0; i < items.Count; i++) v.Date(items[i].TargetDate, $"items[{i}].targetDate", "目标日期", options.Value.Dates.Around(Today));
        foreach (var p in MigrationRules.ValidatePlan(items, hosted, centre.MigrateBy, Today)) v.Add(p.Field, p.Message);
        if (input.Note?.Length > 1000) v.Add("note", "说明不能超过 1000 个字");
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var plan = new MigrationPlan
        {
            Number = await CaseNumbers.NextAsync(db.MigrationPlans.Select(p => p.Number), "QY", clock, ct), DataCenterId = centre.Id, DataCenter = centre,
            OrganisationId = centre.OrganisationId, State = MigrationPlanState.Submitted, Note = Texts.OrNull(input.Note), SubmittedAt = clock.GetUtcNow(),
            SubmittedBy = actor.UserName,
            Items = items.Select((i, n) => new MigrationPlanItem
            {
                RowNo = n + 1, SystemId = i.SystemId!.Value, Disposition = i.Disposition!.Value, TargetDate = i.TargetDate!.Value, Milestones = Texts.OrNull(i.Milestones),
            }).ToList(),
        };
        db.MigrationPlans.Add(plan);
        var bureau = await db.OfficeAsync(OrganisationType.Bureau, ct);
        plan.OpenClockId = (await clocks.StartAsync(actor, new ClockStart(CaseType, plan.Id.ToString(), $"“{centre.Name}”迁移计划 {plan.Number}", "Review", "审核迁移计划",
            bureau, Role.BureauApprover, new Period(Settings.PlanReviewWorkingDays, PeriodUnit.WorkingDays), clock.GetUtcNow()), ct)).Id;
        audit.Record(actor, AuditActions.MigrationPlanSubmitted, CaseType, plan.Id, null, new
        {
            plan.Number, centre = centre.Name, items = plan.Items.Select(i => new { i.SystemId, disposition = i.Disposition.ToString(), i.TargetDate }),
        });
        await HandOverAsync(plan, [], $"共 {plan.Items.Count} 个系统，审核时限 {Settings.PlanReviewWorkingDays} 个工作日。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, plan.Id, ct);
    }

    /// <summary>The Bureau approves the plan, or returns it with its reasons for a new one.</summary>
    public async Task<MigrationPlanDto> ReviewAsync(Actor actor, Guid dataCenterId, Guid id, PlanReviewInput input, CancellationToken ct)
    {
        if (!actor.IsIn(Role.BureauApprover)) throw ProblemException.Forbidden("迁移计划由大数据局审批人员审核");
        var plan = await db.MigrationPlans.Include(p => p.DataCenter).FirstOrDefaultAsync(p => p.Id == id && p.DataCenterId == dataCenterId, ct)
                   ?? throw ProblemException.NotFound("迁移计划");
        if (plan.State != MigrationPlanState.Submitted) throw new ProblemException(409, "当前状态不能办理", $"迁移计划当前为“{plan.State.DisplayName()}”，不能审核");
        ProblemException.CheckVersion(input.Version, plan.Version, "迁移计划");
        var v = new Validation();
        if (input.Approve is null) v.Add("approve", "请选择同意或退回");
        if (input.Approve == false) v.Required(input.Opinion, "opinion", "退回理由", 1000);
        else if (input.Opinion?.Length > 1000) v.Add("opinion", "审核意见不能超过 1000 个字");
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        plan.State = input.Approve!.Value ? MigrationPlanState.Approved : MigrationPlanState.Returned;
        plan.ReviewOpinion = Texts.OrNull(input.Opinion);
        plan.ReviewedBy = actor.UserName;
        plan.ReviewedAt = clock.GetUtcNow();
        if (plan.OpenClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        plan.OpenClockId = null;
        plan.Version++;
        audit.Record(actor, AuditActions.MigrationPlanReviewed, CaseType, plan.Id, new { state = MigrationPlanState.Submitted.ToString() },
            new { state = plan.State.ToString(), opinion = plan.ReviewOpinion });
        if (plan.State == MigrationPlanState.Approved)
            await NotifyAsync(plan.OrganisationId, Role.AgencyOperator, plan, "迁移计划已同意",
                $"“{plan.DataCenter!.Name}”的迁移计划已同意。迁移上云的系统请按第二十一条提交云资源申请（存量系统），整合关停的系统请记录数据处置情况。", ct);
        else await HandOverAsync(plan, Domain.Work.WaitingFor.MigrationPlan(MigrationPlanState.Submitted), $"退回理由：{plan.ReviewOpinion}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>
    /// A system of an approved plan is shut down in consolidation: how its data was handled (R-16.1, by its MLPS
    /// level), with the certificate; the system leaves service (已下线).
    /// </summary>
    public async Task<MigrationPlanDto> RecordHandlingAsync(Actor actor, Guid dataCenterId, Guid id, Guid itemId, DisposalRecord input, string? fileName, Stream? content,
        long size, CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("关停系统的数据处置由使用单位经办人记录");
        var visible = await scope.OrganisationsAsync(actor, ct);
        var plan = await db.MigrationPlans.Include(p => p.Items).ThenInclude(i => i.System)
                       .FirstOrDefaultAsync(p => p.Id == id && p.DataCenterId == dataCenterId && (visible == null || visible.Contains(p.OrganisationId)), ct)
                   ?? throw ProblemException.NotFound("迁移计划");
        var item = plan.Items.FirstOrDefault(i => i.Id == itemId) ?? throw ProblemException.NotFound("迁移计划中的系统");
        if (plan.State != MigrationPlanState.Approved) throw new ProblemException(409, "当前状态不能办理", "迁移计划经大数据局同意后才能关停系统");
        if (item.Disposition != PlanDisposition.ShutDown) throw new ProblemException(409, "当前状态不能办理", "该系统计划迁移上云，不是整合关停");
        if (item.HandledOn is not null) throw new ProblemException(409, "当前状态不能办理", "该系统的数据处置已记录");
        var v = new Validation();
        // Art. 16(二), Art. 26: handed over and wiped, in the order the system's MLPS level asks.
        foreach (var p in ChangeRules.ValidateDisposal(input, content is not null, Today, item.System!.MlpsLevel, Settings.HandoverFromMlpsLevel))
            v.Add(p.Field, p.Message);
        v.Date(input.HandedOverOn, "disposal.handedOverOn", "移交日期", options.Value.Dates.Around(Today))
            .Date(input.WipedOn, "disposal.wipedOn", "清除日期", options.Value.Dates.Around(Today));
        v.ThrowIfInvalid();

        await files.KeepAsync("migration-plans", fileName, content, size, async (stored, name) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            (item.HandlingMethod, item.HandedOverTo, item.HandoverContent, item.HandedOverOn) =
                (DataDisposal.HandoverThenWipe, Texts.Line(input.HandedOverTo), Texts.OrNull(input.HandoverContent), input.HandedOverOn);
            (item.WipeMethod, item.HandledOn, item.HandledBy) = (Texts.Line(input.WipeMethod), input.WipedOn, Texts.Line(input.People)!);
            (item.CertificateName, item.CertificatePath, item.CertificateSha256) = (name, stored.Path, stored.Sha256);
            (item.RecordedBy, item.RecordedAt) = (actor.UserName, clock.GetUtcNow());
            item.System.Lifecycle = SystemLifecycle.Offline;
            item.System.Version++;
            plan.Version++;
            audit.Record(actor, AuditActions.DataHandlingRecorded, CaseType, plan.Id, null, new
            {
                system = item.System.Name, item.HandedOverTo, item.HandoverContent, item.HandedOverOn, item.WipeMethod, wipedOn = item.HandledOn, people = item.HandledBy,
                certificate = name, stored.Sha256,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return item;
        }, ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<(Stream Content, string FileName)> OpenCertificateAsync(Actor actor, Guid dataCenterId, Guid id, Guid itemId, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var item = await db.MigrationPlanItems.AsNoTracking().Where(i => i.Id == itemId && i.PlanId == id && i.CertificatePath != null)
                       .Where(i => db.MigrationPlans.Any(p => p.Id == id && p.DataCenterId == dataCenterId && (visible == null || visible.Contains(p.OrganisationId))))
                       .FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("数据处置证明");
        return (files.Open(actor, item.CertificatePath!), item.CertificateName!);
    }

    /// <summary>The systems a centre hosts; one on the cloud or offline is gone from it.</summary>
    internal async Task<IReadOnlyList<HostedSystem>> HostedAsync(Guid dataCenterId, CancellationToken ct) =>
        (await db.InfoSystems.AsNoTracking().Where(s => s.DataCenterId == dataCenterId).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Lifecycle }).ToListAsync(ct))
        .Select(s => new HostedSystem(s.Id, s.Name, s.Lifecycle is SystemLifecycle.OnCloud or SystemLifecycle.Offline)).ToList();

    /// <summary>Whoever the plan now waits for is told (see <see cref="Domain.Work.WaitingFor"/>).</summary>
    private Task HandOverAsync(MigrationPlan p, IReadOnlyList<Domain.Work.Waiting> before, string? detail, CancellationToken ct) =>
        handovers.TellAsync(before, Domain.Work.WaitingFor.MigrationPlan(p.State),
            new Work.CaseRef(p.OrganisationId, p.Number, $"“{p.DataCenter!.Name}”迁移计划", $"/datacenters/plans/{p.Id}"), detail, ct);

    private Task NotifyAsync(Guid organisation, Role role, MigrationPlan p, string title, string body, CancellationToken ct) =>
        inbox.CaseProgressAsync(organisation, role, title, p.Number, body, $"/datacenters/plans/{p.Id}", $"migration-plan:{p.Id}:{p.Version}:{title}", ct);

    private async Task<MigrationPlanDto> ToDtoAsync(MigrationPlan p, CancellationToken ct)
    {
        var systemIds = p.Items.Select(i => i.SystemId).ToList();
        var applications = (await db.ResourceApplications.AsNoTracking().Where(a => systemIds.Contains(a.SystemId) && a.State != ApplicationState.Draft)
                .Select(a => new { a.SystemId, a.Id, a.Number, a.State, a.CreatedAt }).ToListAsync(ct))
            .GroupBy(a => a.SystemId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.CreatedAt).First());
        var items = p.Items.OrderBy(i => i.RowNo).Select(i =>
        {
            var s = i.System!;
            var done = i.Disposition == PlanDisposition.Migrate ? s.Lifecycle == SystemLifecycle.OnCloud : i.HandledOn is not null;
            var app = applications.GetValueOrDefault(i.SystemId);
            return new PlanItemDto(i.Id, i.RowNo, i.SystemId, s.Name, s.MlpsLevel, s.Lifecycle, i.Disposition, i.TargetDate, i.Milestones, done,
                app is null ? null : new LinkedApplicationDto(app.Id, app.Number, app.State), i.HandlingMethod, i.HandledOn, i.HandledBy, i.CertificateName, i.RecordedBy,
                i.HandedOverTo is null ? null : new DisposalRecord(i.HandedOverTo, i.HandoverContent, i.HandedOverOn, i.WipeMethod, i.HandledOn, i.HandledBy));
        }).ToList();
        return new MigrationPlanDto(p.Id, p.Number, p.DataCenterId, p.DataCenter!.Name, p.OrganisationId, p.State, p.Note, p.SubmittedAt, p.SubmittedBy, p.ReviewOpinion,
            p.ReviewedBy, p.ReviewedAt, items, items.Count(i => i.Done), items.Count, await clocks.ForCaseAsync(CaseType, p.Id.ToString(), ct), p.Version);
    }
}
