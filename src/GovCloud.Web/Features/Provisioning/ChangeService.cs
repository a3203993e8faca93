using GovCloud.Domain;
using System.Linq.Expressions;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>
/// 变更 and 终止 of a system's resources: the agency asks, the Center evaluates, the
/// Bureau approves (against the pool for a change) or rejects, the Center carries it out within its
/// working days. Carrying out changes the inventory (and so the pool) in the same transaction as the
/// case, its clocks, its audit entry and its messages; a termination closes only with the record of
/// the data's handover or wipe and takes the system to 已下线.
/// </summary>
public sealed partial class ChangeService(
    GovCloudDbContext db, DataScope scope, InventoryService inventory, DeadlineClockService clocks, InboxService inbox, AuditLog audit,
    FileStore files, PoolService pools, CatalogService catalog, IVmProvider provider, Work.HandoverNotices handovers, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    public const string CaseType = nameof(ChangeRequest);
    private ProvisioningOptions Settings => options.Value.Provisioning;
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<Paged<ChangeSummaryDto>> ListAsync(Actor actor, ChangeQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await ScopedAsync(actor, ct);
        if (q.State is { } state) query = query.Where(c => c.State == state);
        if (q.Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (q.SystemId is { } system) query = query.Where(c => c.SystemId == system);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.OpenClock == null).ThenBy(c => c.OpenClock!.DueAt).ThenByDescending(c => c.CreatedAt)
            .Skip((page - 1) * size).Take(size).Select(ToSummary).ToListAsync(ct);
        return new Paged<ChangeSummaryDto>(items, total, page, size);
    }

    public async Task<ChangeDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var c = await (await ScopedAsync(actor, ct)).Include(x => x.Organisation).Include(x => x.System).Include(x => x.Lines).Include(x => x.Attachments)
                    .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw ProblemException.NotFound("变更/终止申请");
        return await ToDtoAsync(c, ct);
    }

    /// <summary>
    /// The agency asks to change a system it holds: VMs resized, added or removed. <paramref name="alongside"/> is written in the same
    /// transaction as the new request (the Center's proposal it accepts), so neither is saved without the other.
    /// </summary>
    public async Task<ChangeDto> CreateChangeAsync(Actor actor, ChangeInput input, CancellationToken ct, Action<ChangeRequest>? alongside = null)
    {
        var system = await SystemAsync(actor, input.SystemId, ct);
        var held = await HeldAsync(system.Id, ct);
        var lines = input.Lines ?? [];
        var v = new Validation();
        if (input.Reason?.Length > 1000) v.Add("reason", "变更理由不能超过 1000 个字");
        if (TextRules.IsBlank(input.Reason)) v.Add("reason", "请填写变更理由");
        var services = await HeldServicesAsync(system.Id, ct);
        var serviceItems = await db.CatalogItems.AsNoTracking().Where(i => i.Active && i.Code != FeeRules.VmItem).Select(i => i.Code).ToListAsync(ct);
        foreach (var p in ChangeRules.Validate(lines, held.Select(h => h.Held).ToList(), await catalog.LimitsAsync(ct), system.Name, input.Elastic, serviceItems, services))
            v.Add(p.Field, p.Message);
        v.ThrowIfInvalid();

        var change = await OpenAsync(actor, system, ChangeKind.Change, input.Reason, ct, c =>
        {
            c.Lines = lines.Select((l, i) => Line(i + 1, l, held.FirstOrDefault(h => h.Held.Id == l.VmId))).ToList();
            if (input.Elastic is { } e)
                (c.ElasticMinVcpu, c.ElasticMaxVcpu, c.ElasticMinMemoryGb, c.ElasticMaxMemoryGb) = (e.MinVcpu, e.MaxVcpu, e.MinMemoryGb, e.MaxMemoryGb);
            alongside?.Invoke(c);
        });
        return await GetAsync(actor, change, ct);
    }

    /// <summary>The agency asks to terminate: the system is offline, its data migrated or backed up, with the evidence attached.</summary>
    public async Task<ChangeDto> CreateTerminationAsync(Actor actor, TerminationInput input, string? fileName, Stream? content, long size, CancellationToken ct)
    {
        var system = await SystemAsync(actor, input.SystemId, ct);
        var v = new Validation();
        foreach (var p in ChangeRules.ValidateTermination(input.SystemOffline, input.DataSecured, content is null ? 0 : 1)) v.Add(p.Field, p.Message);
        if (input.Reason?.Length > 1000) v.Add("reason", "终止理由不能超过 1000 个字");
        var held = await HeldAsync(system.Id, ct);
        var services = (await HeldServicesAsync(system.Id, ct)).Where(s => s.State == VmState.Active).ToList();
        if (held.Count == 0) v.Add("systemId", "该系统没有正在使用的云资源");
        else if (held.Select(h => h.Held).FirstOrDefault(h => h.State != VmState.Active) is { } busy)
            v.Add("systemId", $"虚拟机 {busy.HostName} 当前为“{busy.State.DisplayName()}”，请先完成试用或变更");
        v.ThrowIfInvalid();

        var change = await files.KeepAsync("changes", fileName, content, size, (stored, name) => OpenAsync(actor, system, ChangeKind.Termination, input.Reason, ct, c =>
        {
            c.SystemOffline = c.DataSecured = true;
            c.Lines = held.Select((h, i) => Line(i + 1, new ChangeLineRequest(ChangeLineAction.Remove, h.Held.Id, null, null), h)).ToList();
            c.Lines.AddRange(services.Select((s, i) => Line(held.Count + i + 1, new ChangeLineRequest(ChangeLineAction.RemoveService, null, null, null, s.ItemCode), default)));
            c.Attachments.Add(Attachment(actor, c.Id, ChangeAttachmentKind.Evidence, name, stored));
        }), ct);
        return await GetAsync(actor, change, ct);
    }

    public async Task<ChangeDto> EvaluateAsync(Actor actor, Guid id, ChangeOpinionInput input, CancellationToken ct)
    {
        var c = await LoadAsync(actor, id, ChangeAction.Evaluate, input.Version, ct);
        RequireOpinion(input.Opinion, "评估意见");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        c.EvaluationOpinion = Texts.OrNull(input.Opinion)!;
        c.EvaluatedBy = actor.UserName;
        c.EvaluatedAt = clock.GetUtcNow();
        var bureau = await db.OfficeAsync(OrganisationType.Bureau, ct);
        await NextStepAsync(actor, c, ChangeState.Evaluated, "Approve", "审批", bureau, Role.BureauApprover,
            c.Kind == ChangeKind.Termination ? Settings.TerminationApprovalWorkingDays : Settings.ChangeApprovalWorkingDays, "信息化建设管理中心已完成评估。", ct);
        audit.Record(actor, AuditActions.ChangeEvaluated, CaseType, c.Id, new { state = ChangeState.Submitted.ToString() },
            new { state = c.State.ToString(), opinion = c.EvaluationOpinion });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Before evaluating and approving a change: per zone the pool against what the change adds .</summary>
    public async Task<IReadOnlyList<ZoneCapacityDto>> CapacityAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var c = await GetAsync(actor, id, ct);
        return await pools.PreviewAsync(ChangeRules.Increase(c.Lines.Select(l => (l.Zone, l.From, l.To))), null, ct);
    }

    /// <summary>The Bureau approves: the VMs concerned are marked changing (or reclaiming) and the Center's period to carry it out starts.</summary>
    public async Task<ChangeDto> ApproveAsync(Actor actor, Guid id, ChangeOpinionInput input, CancellationToken ct)
    {
        var c = await LoadAsync(actor, id, ChangeAction.Approve, input.Version, ct);
        if (input.Opinion?.Length > 2000) throw ProblemException.Invalid("opinion", "审批意见不能超过 2000 个字");
        // a change approval shows the pool after the request; beyond it only with a stated reason.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await pools.RequireFitsAsync(actor, ChangeRules.Increase(c.Lines.Select(l => (l.Zone, l.From, l.To))), null, input.OverrideReason, CaseType, c.Id, ct);
        Decide(actor, c, input.Opinion);
        var touched = c.Lines.Where(l => l.Action != ChangeLineAction.Add).Select(l => l.VmId).ToList();
        foreach (var vm in await db.CloudVms.Where(v => touched.Contains(v.Id)).ToListAsync(ct))
        {
            vm.State = c.Kind == ChangeKind.Termination ? VmState.Reclaiming : VmState.Changing;
            vm.Version++;
        }
        var center = await db.OfficeAsync(OrganisationType.Center, ct);
        await NextStepAsync(actor, c, ChangeState.Approved, "CarryOut", c.Kind == ChangeKind.Termination ? "回收资源" : "实施变更", center, Role.CenterOperator,
            c.Kind == ChangeKind.Termination ? Settings.ReclaimWorkingDays : Settings.ChangeWorkingDays,
            c.Kind == ChangeKind.Termination ? "大数据局已批准；回收时记录数据移交或清除。" : "大数据局已批准。", ct);
        audit.Record(actor, AuditActions.ChangeApproved, CaseType, c.Id, new { state = ChangeState.Evaluated.ToString() },
            new { state = c.State.ToString(), opinion = c.DecisionOpinion });
        await NotifyAsync(c.OrganisationId, Role.AgencyOperator, c, "已批准", $"《{c.System!.Name}》{c.Kind.DisplayName()} {c.Number} 已批准，由信息化建设管理中心实施。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<ChangeDto> RejectAsync(Actor actor, Guid id, ReasonInput input, CancellationToken ct)
    {
        var c = await LoadAsync(actor, id, ChangeAction.Reject, input.Version, ct);
        RequireOpinion(input.Reason, "不予批准的理由");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Decide(actor, c, input.Reason);
        if (c.OpenClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        c.OpenClockId = null;
        c.State = ChangeState.Rejected;
        audit.Record(actor, AuditActions.ChangeRejected, CaseType, c.Id, new { state = ChangeState.Evaluated.ToString() },
            new { state = c.State.ToString(), reason = c.DecisionOpinion });
        await NotifyAsync(c.OrganisationId, Role.AgencyOperator, c, "未批准", $"《{c.System!.Name}》{c.Kind.DisplayName()} {c.Number} 未获批准：{c.DecisionOpinion}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<(Stream Content, string FileName)> OpenAttachmentAsync(Actor actor, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var visible = await (await ScopedAsync(actor, ct)).AnyAsync(c => c.Id == id, ct);
        var a = visible ? await db.ChangeAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.ChangeId == id, ct) : null;
        if (a is null) throw ProblemException.NotFound("附件");
        return (files.Open(actor, a.StoredPath), a.FileName);
    }

    // ---- shared ----

    private async Task<IQueryable<ChangeRequest>> ScopedAsync(Actor actor, CancellationToken ct, bool tracked = false)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = tracked ? db.ChangeRequests : db.ChangeRequests.AsNoTracking();
        return visible is null ? query : query.Where(c => visible.Contains(c.OrganisationId));
    }

    /// <summary>A system of the agency's own, with no other change or termination under way.</summary>
    private async Task<Systems.InfoSystem> SystemAsync(Actor actor, Guid? systemId, CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("只有使用单位经办人可以提交变更或终止申请");
        var visible = await scope.OrganisationsAsync(actor, ct);
        var system = systemId is { } sid
            ? await db.InfoSystems.Include(s => s.Organisation).FirstOrDefaultAsync(s => s.Id == sid && (visible == null || visible.Contains(s.OrganisationId)), ct)
            : null;
        if (system is null) throw ProblemException.Invalid("systemId", "请选择本单位已上云的信息系统");
        if (await db.ChangeRequests.Where(c => c.SystemId == system.Id && (c.State == ChangeState.Submitted || c.State == ChangeState.Evaluated || c.State == ChangeState.Approved))
                .Select(c => c.Number).FirstOrDefaultAsync(ct) is { } open)
            throw ProblemException.Invalid("systemId", $"该系统已有办理中的变更/终止申请 {open}，办结后再提交");
        return system;
    }

    private async Task<List<(HeldVm Held, CloudVm Vm)>> HeldAsync(Guid systemId, CancellationToken ct) =>
        (await db.CloudVms.AsNoTracking().Where(v => v.SystemId == systemId && v.State != VmState.Reclaimed).OrderBy(v => v.HostName).ToListAsync(ct))
        .Select(v => (new HeldVm(v.Id, v.HostName, v.Zone, new VmSize(v.Vcpu, v.MemoryGb, v.SystemDiskGb, v.DataDiskGb), v.State), v)).ToList();

    private async Task<List<HeldService>> HeldServicesAsync(Guid systemId, CancellationToken ct) =>
        (await db.CloudServices.AsNoTracking().Where(s => s.SystemId == systemId && s.State == VmState.Active).ToListAsync(ct))
        .Select(s => new HeldService(s.Id, s.ItemCode, s.ItemCode, s.Quantity, s.State)).ToList();

    private static ChangeLine Line(int no, ChangeLineRequest l, (HeldVm Held, CloudVm Vm) held)
    {
        var line = new ChangeLine { No = no, Action = l.Action!.Value, Zone = l.NewVm?.Zone ?? held.Vm?.Zone ?? "" };
        if (l.Action is ChangeLineAction.AddService or ChangeLineAction.RemoveService)
        {
            (line.ItemCode, line.Quantity) = (l.ItemCode, l.Action == ChangeLineAction.AddService ? l.Quantity : null);
            return line;
        }
        if (l.Action == ChangeLineAction.Add)
        {
            var r = l.NewVm!;
            (line.ToVcpu, line.ToMemoryGb, line.ToSystemDiskGb, line.ToDataDiskGb) = (r.Vcpu, r.MemoryGb, r.SystemDiskGb, r.DataDiskGb ?? 0);
            (line.ServerType, line.SubsystemName, line.OperatingSystem) = (r.ServerType, Texts.Line(r.SubsystemName), Texts.Line(r.OperatingSystem));
            line.OwnerNames = string.Join("、", r.Owners.Select(o => o.Name));
            line.OwnerEmails = string.Join("、", r.Owners.Select(o => o.Email));
            line.OwnerMobiles = string.Join("、", r.Owners.Select(o => o.Mobile));
            return line;
        }
        var vm = held.Vm!;
        (line.VmId, line.HostName, line.ServerType, line.OperatingSystem, line.OwnerNames) = (vm.Id, vm.HostName, vm.ServerType, vm.OperatingSystem, vm.OwnerNames);
        (line.FromVcpu, line.FromMemoryGb, line.FromSystemDiskGb, line.FromDataDiskGb) = (vm.Vcpu, vm.MemoryGb, vm.SystemDiskGb, vm.DataDiskGb);
        if (l.Action == ChangeLineAction.Resize) (line.ToVcpu, line.ToMemoryGb, line.ToSystemDiskGb, line.ToDataDiskGb) = (l.To!.Vcpu, l.To.MemoryGb, l.To.SystemDiskGb, l.To.DataDiskGb);
        return line;
    }

    /// <summary>Numbers the request under the writers' lock, starts the Center's evaluation and tells it; returns the new id.</summary>
    private async Task<Guid> OpenAsync(Actor actor, Systems.InfoSystem system, ChangeKind kind, string? reason, CancellationToken ct, Action<ChangeRequest> fill)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var number = await CaseNumbers.NextAsync(db.ChangeRequests.Select(c => c.Number), kind == ChangeKind.Change ? "BG" : "ZZ", clock, ct);
        var c = new ChangeRequest
        {
            Number = number, Kind = kind, OrganisationId = system.OrganisationId,
            SystemId = system.Id, State = ChangeState.Submitted, Reason = Texts.OrNull(reason), CreatedAt = clock.GetUtcNow(), CreatedBy = actor.UserName,
        };
        fill(c);
        db.ChangeRequests.Add(c);
        c.Organisation = system.Organisation;
        c.System = system;
        var center = await db.OfficeAsync(OrganisationType.Center, ct);
        await NextStepAsync(actor, c, ChangeState.Submitted, "Evaluate", "评估", center, Role.CenterEvaluator, Settings.ChangeEvaluationWorkingDays, null, ct);
        audit.Record(actor, AuditActions.ChangeSubmitted, CaseType, c.Id, null, new
        {
            kind = kind.ToString(), c.Number, c.Reason, elastic = c.Elastic?.ToString(), lines = c.Lines.Select(l => new { l.No, action = l.Action.ToString(), l.HostName, l.ToVcpu, l.ToMemoryGb }),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return c.Id;
    }

    /// <summary>Ends the step's clock, starts the next one's and tells whoever the case now waits for.</summary>
    private async Task NextStepAsync(Actor actor, ChangeRequest c, ChangeState to, string step, string stepName, Guid organisation, Role role, int workingDays,
        string? detail, CancellationToken ct)
    {
        // A request just made waited for nobody before.
        var before = db.Entry(c).State == EntityState.Added ? [] : Domain.Work.WaitingFor.Change(c.State, c.Kind);
        if (c.OpenClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        c.OpenClockId = (await clocks.StartAsync(actor, new ClockStart(CaseType, c.Id.ToString(), $"{c.Organisation!.Name}《{c.System!.Name}》{c.Kind.DisplayName()} {c.Number}",
            step, stepName, organisation, role, new Period(workingDays, PeriodUnit.WorkingDays), clock.GetUtcNow()), ct)).Id;
        c.State = to;
        c.Version++;
        await handovers.TellAsync(before, Domain.Work.WaitingFor.Change(c.State, c.Kind),
            new Work.CaseRef(c.OrganisationId, c.Number, $"{c.Organisation.Name}《{c.System.Name}》{c.Kind.DisplayName()}", $"/changes/{c.Id}"),
            $"{detail}处理时限 {workingDays} 个工作日。", ct);
    }

    private void Decide(Actor actor, ChangeRequest c, string? opinion)
    {
        c.DecisionOpinion = Texts.OrNull(opinion);
        c.DecidedBy = actor.UserName;
        c.DecidedAt = clock.GetUtcNow();
    }

    private async Task FinishAsync(Actor actor, ChangeRequest c, object after, CancellationToken ct)
    {
        if (c.OpenClockId is { } open) await clocks.CompleteAsync(actor, open, ct);
        c.OpenClockId = null;
        c.State = ChangeState.Completed;
        c.CompletedAt = clock.GetUtcNow();
        c.CompletedBy = actor.UserName;
        c.Version++;
        audit.Record(actor, AuditActions.ChangeCompleted, CaseType, c.Id, new { state = ChangeState.Approved.ToString() }, after);
        await NotifyAsync(c.OrganisationId, Role.AgencyOperator, c, "已办结",
            c.Kind == ChangeKind.Termination ? $"《{c.System!.Name}》的云资源已回收，系统状态为“已下线”。" : $"《{c.System!.Name}》变更 {c.Number} 已实施完成，资源台账已更新。", ct);
    }

    private async Task<ChangeRequest> LoadAsync(Actor actor, Guid id, ChangeAction action, long? version, CancellationToken ct)
    {
        var c = await (await ScopedAsync(actor, ct, tracked: true)).Include(x => x.Organisation).Include(x => x.System).Include(x => x.Lines)
                    .Include(x => x.Attachments).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw ProblemException.NotFound("变更/终止申请");
        if (ChangeFlow.Check(action, c.Kind, c.State, actor.Roles) is { } refusal)
            throw refusal.Kind == RefusalKind.Role ? ProblemException.Forbidden(refusal.Message) : new ProblemException(409, "当前状态不能办理", refusal.Message);
        ProblemException.CheckVersion(version, c.Version, c.Kind.DisplayName());
        return c;
    }

    private static void RequireOpinion(string? text, string what)
    {
        if (TextRules.IsBlank(text)) throw ProblemException.Invalid("opinion", $"请填写{what}");
        if (text.Length > 2000) throw ProblemException.Invalid("opinion", $"{what}不能超过 2000 个字");
    }

    private ChangeAttachment Attachment(Actor actor, Guid changeId, ChangeAttachmentKind kind, string name, StoredFile stored) => new()
    {
        ChangeId = changeId, Kind = kind, FileName = name, Size = stored.Size, Sha256 = stored.Sha256,
        StoredPath = stored.Path, UploadedAt = clock.GetUtcNow(), UploadedBy = actor.UserName,
    };

    private Task NotifyAsync(Guid organisation, Role role, ChangeRequest c, string title, string body, CancellationToken ct) =>
        inbox.CaseProgressAsync(organisation, role, title, c.Number, body, $"/changes/{c.Id}", $"change:{c.Id}:{c.Version}:{title}", ct);

    private async Task<ChangeDto> ToDtoAsync(ChangeRequest c, CancellationToken ct) => new(c.Id, c.Number, c.Kind, c.OrganisationId, c.Organisation!.Name, c.SystemId,
        c.System!.Name, c.State, c.Reason, c.CreatedAt, c.CreatedBy, c.SystemOffline, c.DataSecured, c.EvaluationOpinion, c.EvaluatedBy, c.EvaluatedAt,
        c.DecisionOpinion, c.DecidedBy, c.DecidedAt, c.CompletedAt, c.CompletedBy, c.DisposalMethod, c.DisposalDate, c.DisposalPeople,
        c.Lines.OrderBy(l => l.No).Select(l => new ChangeLineDto(l.No, l.Action, l.VmId, l.Zone, l.HostName, l.From, l.To, l.ServerType, l.SubsystemName,
            l.OwnerNames, l.OperatingSystem, l.ItemCode, l.Quantity)).ToList(),
        c.Attachments.OrderBy(a => a.UploadedAt).Select(a => new ChangeAttachmentDto(a.Id, a.Kind, a.FileName, a.Size, a.Sha256, a.UploadedAt, a.UploadedBy)).ToList(),
        await clocks.ForCaseAsync(CaseType, c.Id.ToString(), ct), c.Version, c.Elastic,
        c.DisposalHandedOverTo is null ? null
            : new DisposalRecord(c.DisposalHandedOverTo, c.DisposalHandoverContent, c.DisposalHandedOverOn, c.DisposalWipeMethod, c.DisposalDate, c.DisposalPeople));

    private static readonly Expression<Func<ChangeRequest, ChangeSummaryDto>> ToSummary = c => new ChangeSummaryDto(c.Id, c.Number, c.Kind, c.OrganisationId,
        c.Organisation!.Name, c.SystemId, c.System!.Name, c.State, c.Lines.Count, c.CreatedAt, c.OpenClock == null ? null : c.OpenClock.DueOn);
}
