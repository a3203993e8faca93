using GovCloud.Domain;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Applications;

/// <summary>
/// Moves an application through Annex 2 (R-21.1–R-21.3) with its clocks: submitting starts the
/// Center's evaluation period, evaluating ends it and starts the Bureau's approval period. A return
/// by the Center pauses its period until the agency resubmits; a return by the Bureau ends the
/// Bureau's period and the revised application is evaluated anew; the approval opens the trial (see
/// TrialService). Each step, its clocks, its
/// audit entry and the messages to the next actor are one transaction.
/// </summary>
public sealed class ApplicationFlowService(
    GovCloudDbContext db, AuditLog audit, DeadlineClockService clocks, CatalogService catalog, InboxService inbox,
    ApplicationService applications, Pools.PoolService pools, Provisioning.TrialService trials, Work.HandoverNotices handovers, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    private const string EvaluateStep = "Evaluate", ApproveStep = "Approve";

    public async Task<ApplicationDto> SubmitAsync(Actor actor, Guid id, long? version, CancellationToken ct)
    {
        var (app, to) = await LoadAsync(actor, id, ApplicationAction.Submit, version, ct);
        var v = new Validation();
        if (app.Vms.Count == 0 && app.Services.Count == 0) v.Add("vms", "请至少填写一台虚拟机或一项其他服务");
        var missing = AttachmentRules.Missing(app.System!.Kind, app.Attachments.Select(a => a.Kind));
        if (missing.Count > 0) v.Add("attachments", $"{app.System.Kind.DisplayName()}系统须上传：{string.Join("、", missing.Select(k => k.DisplayName()))}");
        if (TextRules.IsBlank(app.AgencyContactName) || TextRules.IsBlank(app.AgencyContactMobile))
            v.Add("agencyContactName", "请填写使用单位联系人及手机号码");
        if (TextRules.IsBlank(app.VendorContactName) || TextRules.IsBlank(app.VendorContactMobile))
            v.Add("vendorContactName", "请填写开发商联系人及手机号码");
        v.Contact("agencyContact", "使用单位联系人", app.AgencyContactName, app.AgencyContactMobile, app.AgencyContactEmail);
        v.Contact("vendorContact", "开发商联系人", app.VendorContactName, app.VendorContactMobile, app.VendorContactEmail);
        foreach (var p in NetworkRules.CheckZonesHaveVms(app.Network.Select(n => new NetworkNeed(n.Zone, n.BandwidthMbps, n.PublicIps)).ToList(),
                     app.Vms.Select(x => x.Zone).ToHashSet())) v.Add(p.Field, p.Message);
        v.ThrowIfInvalid();

        await using var tx = await BeginTurnAsync(app, ct);
        if (to == ApplicationState.AwaitingCounty)
        {
            await SendToCountyAsync(actor, app, ct);
            await tx.CommitAsync(ct);
            return await applications.GetAsync(actor, id, ct);
        }
        var now = clock.GetUtcNow();
        // Only the Center's return leaves its evaluation clock open (paused): the revised application resumes it,
        // however many times the county government sent it back to its department in between.
        var resumeEvaluation = app.OpenClockId is not null;
        if (resumeEvaluation) await clocks.ResumeAsync(actor, app.OpenClockId!.Value, ct);
        else
        {
            // First submission, or revised after the Bureau returned it: the Center evaluates it (again) from the start.
            ClearEvaluation(app);
            var center = await db.OfficeAsync(OrganisationType.Center, ct);
            app.OpenClockId = (await clocks.StartAsync(actor, Start(app, EvaluateStep, "评估", center, Role.CenterEvaluator,
                options.Value.Applications.EvaluationWorkingDays, now), ct)).Id;
            // Art. 21(一): the application is addressed to the Bureau, which follows it while the Center evaluates.
            await NotifyAsync(await db.OfficeAsync(OrganisationType.Bureau, ct), Role.BureauApprover, app, "已受理",
                $"{Applicant(app)}向市大数据发展局提出《{app.System.Name}》云资源申请 {app.Number}，由信息化建设管理中心在 " +
                $"{options.Value.Applications.EvaluationWorkingDays} 个工作日内评估后报审批；可在“在办”中跟踪。", ct);
        }
        foreach (var vm in app.Vms) vm.Approved = null;
        var before = app.State;
        app.State = to;
        app.SubmittedAt = now;
        app.ReturnedFrom = null;
        app.Version++;
        audit.Record(actor, AuditActions.ApplicationSubmitted, ApplicationService.CaseType, app.Id, new { state = before.ToString() },
            new { state = to.ToString(), app.Number, resumed = resumeEvaluation, applicant = Applicant(app) });
        await HandOverAsync(app, before, resumeEvaluation ? "已按退回意见修改，评估时限继续计算。" : "评估时限自今日起计算。", ct);
        if (app.Organisation!.Type == OrganisationType.CountyDepartment && before == ApplicationState.AwaitingCounty)
            await NotifyAsync(app.OrganisationId, Role.AgencyOperator, app, "县区已提交",
                $"{app.Organisation.Parent!.Name}已将《{app.System.Name}》云资源申请 {app.Number} 统一提交市政务云，由信息化建设管理中心评估。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await applications.GetAsync(actor, id, ct);
    }

    /// <summary>
    /// Art. 5: a county department's complete application goes to its county government, which reviews it and
    /// submits it to the city or returns it. No city clock runs for the county's review; a paused evaluation stays paused.
    /// </summary>
    private async Task SendToCountyAsync(Actor actor, ResourceApplication app, CancellationToken ct)
    {
        var before = app.State;
        app.State = ApplicationState.AwaitingCounty;
        app.Version++;
        audit.Record(actor, AuditActions.ApplicationSubmitted, ApplicationService.CaseType, app.Id, new { state = before.ToString() },
            new { state = app.State.ToString(), app.Number, to = app.Organisation!.Parent!.Name });
        await HandOverAsync(app, before, $"由{app.Organisation.Name}提交；也可退回修改。", ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The applicant of record (Art. 5): a county department's county government, with the department that uses the resources.</summary>
    private static string Applicant(ResourceApplication app) =>
        app.Organisation!.Type == OrganisationType.CountyDepartment && app.Organisation.Parent is { } county
            ? $"{county.Name}（{app.Organisation.Name}）"
            : app.Organisation.Name;

    public async Task<ApplicationDto> EvaluateAsync(Actor actor, Guid id, EvaluationInput input, CancellationToken ct)
    {
        var (app, to) = await LoadAsync(actor, id, ApplicationAction.Evaluate, input.Version, ct);
        var rows = input.Rows ?? [];
        var problems = EvaluationRules.Validate(app.System!.Kind, app.Vms.Select(x => x.No).ToList(), input.Opinion, rows, input.Survey,
            input.Review, ChinaTime.Today(clock), await catalog.LimitsAsync(ct)).ToList();
        var network = (input.Network ?? []).Select(n => n is null ? null : n with { Zone = Texts.Line(n.Zone) }).ToList();
        var asked = app.Network.Select(n => new NetworkNeed(n.Zone, n.BandwidthMbps, n.PublicIps)).ToList();
        problems.AddRange(NetworkRules.ValidateOpinions(asked, network).Select(p => new EvaluationProblem(p.Field, p.Message)));
        if (input.Survey?.Date is { } surveyed && options.Value.Dates.Around(ChinaTime.Today(clock)).Check(surveyed, "勘查日期") is { } implausible)
            problems.Add(new EvaluationProblem("survey.date", implausible));
        if (problems.Count > 0)
            throw ProblemException.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

        await using var tx = await BeginTurnAsync(app, ct);
        foreach (var vm in app.Vms)
        {
            var opinion = rows.First(r => r.No == vm.No);
            vm.Decision = opinion.Decision;
            var adjust = opinion.Decision == RowDecision.Adjust;
            // Only values that differ from the request are kept beside it.
            vm.AdjustedVcpu = adjust && opinion.Vcpu != vm.Vcpu ? opinion.Vcpu : null;
            vm.AdjustedMemoryGb = adjust && opinion.MemoryGb != vm.MemoryGb ? opinion.MemoryGb : null;
            vm.AdjustedSystemDiskGb = adjust && opinion.SystemDiskGb != vm.SystemDiskGb ? opinion.SystemDiskGb : null;
            vm.AdjustedDataDiskGb = adjust && opinion.DataDiskGb != vm.DataDiskGb ? opinion.DataDiskGb : null;
            vm.DecisionReason = Texts.OrNull(opinion.Reason);
        }
        foreach (var need in app.Network)
        {
            // A zone the Center left out is agreed as asked; only values that differ are kept beside the request.
            var o = network.FirstOrDefault(x => x?.Zone == need.Zone);
            need.AdjustedBandwidthMbps = o is not null && (o.BandwidthMbps ?? 0) != need.BandwidthMbps ? o.BandwidthMbps ?? 0 : null;
            need.AdjustedPublicIps = o is not null && (o.PublicIps ?? 0) != need.PublicIps ? o.PublicIps ?? 0 : null;
            need.DecisionReason = need.AdjustedBandwidthMbps is null && need.AdjustedPublicIps is null ? null : Texts.OrNull(o!.Reason);
        }
        app.EvaluationOpinion = Texts.OrNull(input.Opinion)!;
        app.EvaluatedBy = actor.UserName;
        app.EvaluatedAt = clock.GetUtcNow();
        app.SurveyDate = input.Survey?.Date;
        app.SurveyPeople = Texts.Line(input.Survey?.People);
        app.SurveyFindings = Texts.OrNull(input.Survey?.Findings);
        app.ReviewExperts = Texts.Line(input.Review?.Experts);
        app.ReviewMinutes = Texts.OrNull(input.Review?.Minutes);
        app.ReviewConclusion = Texts.OrNull(input.Review?.Conclusion);
        if (app.OpenClockId is { } evaluation) await clocks.CompleteAsync(actor, evaluation, ct);
        var bureau = await db.OfficeAsync(OrganisationType.Bureau, ct);
        app.OpenClockId = (await clocks.StartAsync(actor, Start(app, ApproveStep, "审批", bureau, Role.BureauApprover,
            options.Value.Applications.ApprovalWorkingDays, app.EvaluatedAt.Value), ct)).Id;
        var from = app.State;
        app.State = to;
        app.Version++;
        await HandOverAsync(app, from, "信息化建设管理中心已完成评估，审批时限自今日起计算。", ct);
        audit.Record(actor, AuditActions.ApplicationEvaluated, ApplicationService.CaseType, app.Id, null, new
        {
            app.EvaluationOpinion, rows = app.Vms.Select(x => new { x.No, decision = x.Decision.ToString(), x.AdjustedVcpu, x.AdjustedMemoryGb, x.DecisionReason }),
            network = app.Network.Select(n => new { n.Zone, n.AdjustedBandwidthMbps, n.AdjustedPublicIps, n.DecisionReason }),
            survey = app.SurveyDate, review = app.ReviewConclusion,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await applications.GetAsync(actor, id, ct);
    }

    /// <summary>The Bureau approves, possibly not every row: rows the Center refused and rows named here are not approved.</summary>
    public async Task<ApplicationDto> ApproveAsync(Actor actor, Guid id, ApprovalInput input, CancellationToken ct)
    {
        var (app, to) = await LoadAsync(actor, id, ApplicationAction.Approve, input.Version, ct);
        var refused = (input.RefusedRows ?? []).ToHashSet();
        var v = new Validation();
        foreach (var no in refused.Where(no => app.Vms.All(x => x.No != no))) v.Add("refusedRows", $"申请中没有序号为 {no} 的虚拟机");
        if (app.Vms.Count > 0 && app.Vms.All(x => x.Decision == RowDecision.Refuse || refused.Contains(x.No)))
            v.Add("refusedRows", "没有批准任何一台虚拟机：全部不同意请选择驳回");
        if (refused.Count > 0 && TextRules.IsBlank(input.Opinion)) v.Add("opinion", "部分批准时请在审批意见中说明未批准的理由");
        if (input.Opinion?.Length > 2000) v.Add("opinion", "审批意见不能超过 2000 个字");
        v.ThrowIfInvalid();

        await using var tx = await BeginTurnAsync(app, ct);
        foreach (var vm in app.Vms) vm.Approved = vm.Decision != RowDecision.Refuse && !refused.Contains(vm.No);
        // R-20.1: the Bureau dispatches from the pools; approving beyond a zone's pool takes a stated reason. Checked in the
        // writers' turn, so two approvals at the same moment cannot both take the last of a pool.
        await pools.RequireFitsAsync(actor, ApplicationService.Requested(app.Vms.Select(ApplicationService.ToRow), app.Network.Select(ApplicationService.ToNeed)),
            app.Id, input.OverrideReason,
            ApplicationService.CaseType, app.Id, ct);
        await DecideAsync(actor, app, to, input.Opinion, AuditActions.ApplicationApproved, "已批准",
            refused.Count > 0 ? $"部分批准：批准 {app.Vms.Count(x => x.Approved == true)} 台，未批准 {app.Vms.Count(x => x.Approved == false)} 台。" : "已批准。", ct);
        await tx.CommitAsync(ct);
        return await applications.GetAsync(actor, id, ct);
    }

    public async Task<ApplicationDto> RejectAsync(Actor actor, Guid id, ReasonInput input, CancellationToken ct)
    {
        var (app, to) = await LoadAsync(actor, id, ApplicationAction.Reject, input.Version, ct);
        RequireReason(input.Reason, "驳回");
        await using var tx = await BeginTurnAsync(app, ct);
        foreach (var vm in app.Vms) vm.Approved = false;
        await DecideAsync(actor, app, to, input.Reason, AuditActions.ApplicationRejected, "已驳回", $"驳回理由：{input.Reason!.Trim()}", ct);
        await tx.CommitAsync(ct);
        return await applications.GetAsync(actor, id, ct);
    }

    public async Task<ApplicationDto> ReturnAsync(Actor actor, Guid id, ReasonInput input, CancellationToken ct)
    {
        var (app, to) = await LoadAsync(actor, id, ApplicationAction.Return, input.Version, ct);
        RequireReason(input.Reason, "退回");
        await using var tx = await BeginTurnAsync(app, ct);
        var from = app.State;
        // The county's return leaves the city's clocks as they are (none runs, or the Center's is paused).
        if (app.OpenClockId is { } open && from != ApplicationState.AwaitingCounty)
        {
            // The Center's return stops its running period until the agency resubmits; a period already
            // overdue, or the Bureau's, ends with the return (the revised application gets a new one).
            var running = await db.DeadlineClocks.AnyAsync(c => c.Id == open && c.State == ClockState.Running, ct);
            if (from == ApplicationState.Submitted && running) await clocks.PauseAsync(actor, open, "退回使用单位修改", ct);
            else
            {
                await clocks.CompleteAsync(actor, open, ct);
                app.OpenClockId = null;
            }
        }
        app.State = to;
        app.ReturnedFrom = from;
        app.ReturnReason = Texts.OrNull(input.Reason)!;
        app.Version++;
        audit.Record(actor, AuditActions.ApplicationReturned, ApplicationService.CaseType, app.Id, new { state = from.ToString() },
            new { state = to.ToString(), reason = app.ReturnReason });
        var by = from switch { ApplicationState.AwaitingCounty => app.Organisation!.Parent!.Name, ApplicationState.Submitted => "信息化建设管理中心", _ => "大数据局" };
        await HandOverAsync(app, from, $"{by}退回意见：{app.ReturnReason}", ct);
        // The county government is the applicant of record: it hears of the city's return too.
        if (from != ApplicationState.AwaitingCounty && app.Organisation!.Type == OrganisationType.CountyDepartment && app.Organisation.ParentId is { } county)
            await NotifyAsync(county, Role.AgencyOperator, app, "退回修改",
                $"{app.Organisation.Name}《{app.System!.Name}》云资源申请 {app.Number} 被{by}退回修改：{app.ReturnReason}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await applications.GetAsync(actor, id, ct);
    }

    /// <summary>The Bureau's decision inside the caller's transaction.</summary>
    private async Task DecideAsync(Actor actor, ResourceApplication app, ApplicationState to, string? opinion, string action, string title, string message,
        CancellationToken ct)
    {
        if (app.OpenClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        app.OpenClockId = null;
        app.State = to;
        app.DecisionOpinion = Texts.OrNull(opinion);
        app.DecidedBy = actor.UserName;
        app.DecidedAt = clock.GetUtcNow();
        app.Version++;
        audit.Record(actor, action, ApplicationService.CaseType, app.Id, new { state = ApplicationState.Evaluated.ToString() }, new
        {
            state = to.ToString(), opinion = app.DecisionOpinion, approved = app.Vms.Where(x => x.Approved == true).Select(x => x.No),
        });
        // R-21.4: the approval opens the trial and the Center's delivery period, in the same transaction.
        if (to == ApplicationState.Approved) await trials.OpenAsync(actor, app, await db.OfficeAsync(OrganisationType.Center, ct), ct);
        await NotifyAsync(app.OrganisationId, Role.AgencyOperator, app, title, $"《{app.System!.Name}》云资源申请 {app.Number}：{message}", ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The transaction of a step, in the writers' turn, with the application still at the version it was loaded at:
    /// of two people acting on it at the same moment the second is told it changed (409), not what the first did to its clocks.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginTurnAsync(ResourceApplication app, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var current = await db.ResourceApplications.AsNoTracking().Where(a => a.Id == app.Id).Select(a => a.Version).FirstAsync(ct);
        if (current != app.Version)
        {
            await tx.DisposeAsync();
            throw ProblemException.Conflict("该申请已被他人修改，请刷新后重试");
        }
        return tx;
    }

    /// <summary>The application for a transition: visible to the actor, the role and state allowing it, at the version the caller saw.</summary>
    private async Task<(ResourceApplication App, ApplicationState To)> LoadAsync(Actor actor, Guid id, ApplicationAction action, long? version, CancellationToken ct)
    {
        var app = await (await applications.ScopedAsync(actor, ct, tracked: true))
                      .Include(a => a.Organisation!.Parent).Include(a => a.System).Include(a => a.Vms).Include(a => a.Services).Include(a => a.Network)
                      .Include(a => a.Attachments).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct)
                  ?? throw ProblemException.NotFound("申请");
        var throughCounty = app.Organisation!.Type == OrganisationType.CountyDepartment && app.Organisation.ParentId is not null;
        var result = ApplicationFlow.Decide(action, app.State, actor.Roles,
            new ApplicationRoute(throughCounty, throughCounty && actor.OrganisationId == app.Organisation.ParentId));
        if (result.Refusal is { } refusal)
            throw refusal.Kind == RefusalKind.Role ? ProblemException.Forbidden(refusal.Message) : new ProblemException(409, "当前状态不能办理", refusal.Message);
        ProblemException.CheckVersion(version, app.Version, "申请");
        return (app, result.To!.Value);
    }

    private static ClockStart Start(ResourceApplication app, string step, string stepName, Guid organisation, Role role, int workingDays, DateTimeOffset at) =>
        new(ApplicationService.CaseType, app.Id.ToString(), $"{app.Organisation!.Name}《{app.System!.Name}》云资源申请 {app.Number}", step, stepName,
            organisation, role, new Period(workingDays, PeriodUnit.WorkingDays), at);

    private Task NotifyAsync(Guid organisation, Role role, ResourceApplication app, string title, string body, CancellationToken ct) =>
        inbox.CaseProgressAsync(organisation, role, title, app.Number, body, $"/applications/{app.Id}", $"application:{app.Id}:{app.Version}:{title}", ct);

    /// <summary>The application moved on from <paramref name="from"/>: whoever it now waits for is told (see <see cref="Domain.Work.WaitingFor"/>).</summary>
    private Task HandOverAsync(ResourceApplication app, ApplicationState from, string? detail, CancellationToken ct) =>
        handovers.TellAsync(Domain.Work.WaitingFor.Application(from), Domain.Work.WaitingFor.Application(app.State),
            new Work.CaseRef(app.OrganisationId, app.Number, $"{Applicant(app)}《{app.System!.Name}》云资源申请", $"/applications/{app.Id}"), detail, ct);

    private static void ClearEvaluation(ResourceApplication app)
    {
        foreach (var vm in app.Vms)
        {
            vm.Decision = null;
            vm.AdjustedVcpu = vm.AdjustedMemoryGb = vm.AdjustedSystemDiskGb = vm.AdjustedDataDiskGb = null;
            vm.DecisionReason = null;
        }
        foreach (var n in app.Network) (n.AdjustedBandwidthMbps, n.AdjustedPublicIps, n.DecisionReason) = (null, null, null);
        app.EvaluationOpinion = app.EvaluatedBy = null;
        app.EvaluatedAt = null;
    }

    private static void RequireReason(string? reason, string what)
    {
        if (TextRules.IsBlank(reason)) throw ProblemException.Invalid("reason", $"请填写{what}理由");
        if (reason.Length > 2000) throw ProblemException.Invalid("reason", $"{what}理由不能超过 2000 个字");
    }

}
