using GovCloud.Domain;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>
/// The trial of R-21.4 and the formal use of R-21.5: the approval opens a trial and the Center's
/// delivery clock; the Center records what it built (through the provider) and the trial runs for
/// the days chosen; both sides confirm the usage agreement; the agency reports the result; the
/// Center extends, puts the resources into formal use (the inventory, allocated in the pool) or
/// reclaims them. Each step, its VMs' history, its audit entry and its messages are one transaction.
/// </summary>
public sealed class TrialService(
    GovCloudDbContext db, ApplicationService applications, InventoryService inventory, DeadlineClockService clocks, CalendarCache calendars,
    InboxService inbox, AuditLog audit, FileStore files, IVmProvider provider, TimeProvider clock, IOptions<GovCloudOptions> options,
    Work.HandoverNotices handovers)
{
    public const string DeliverStep = "DeliverTrial";
    private ProvisioningOptions Settings => options.Value.Provisioning;
    private DateOnly Today => ChinaTime.Today(clock);

    /// <summary>At approval, inside the approval's transaction: the trial waits for the Center, whose delivery clock starts now.</summary>
    internal async Task OpenAsync(Actor actor, ResourceApplication app, Guid center, CancellationToken ct)
    {
        var trial = new TrialEnvironment { ApplicationId = app.Id, OrganisationId = app.OrganisationId, SystemId = app.SystemId, State = TrialState.AwaitingDelivery };
        var due = await clocks.StartAsync(actor, new ClockStart(ApplicationService.CaseType, app.Id.ToString(),
            $"{app.Organisation!.Name}《{app.System!.Name}》云资源申请 {app.Number}", DeliverStep, "交付试用环境", center, Role.CenterOperator,
            new Period(Settings.TrialDeliveryWorkingDays, PeriodUnit.WorkingDays), clock.GetUtcNow()), ct);
        trial.DeliveryClockId = due.Id;
        db.TrialEnvironments.Add(trial);
        audit.Record(actor, AuditActions.TrialOpened, ApplicationService.CaseType, app.Id, after: new { due = due.DueOn });
        await TellWaitingAsync(trial, app, [], $"申请已批准，交付期限至 {due.DueOn:yyyy-MM-dd}。", ct);
    }

    public async Task<TrialDto> GetAsync(Actor actor, Guid applicationId, CancellationToken ct)
    {
        var app = await (await applications.ScopedAsync(actor, ct)).Include(a => a.Organisation).Include(a => a.System).Include(a => a.Vms)
                      .Include(a => a.Network).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == applicationId, ct)
                  ?? throw ProblemException.NotFound("申请");
        var trial = await db.TrialEnvironments.AsNoTracking().FirstOrDefaultAsync(t => t.ApplicationId == applicationId, ct)
                    ?? throw ProblemException.NotFound("试用环境");
        return await ToDtoAsync(trial, app, ct);
    }

    public async Task<Paged<TrialSummaryDto>> ListAsync(Actor actor, TrialQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var visible = await applications.ScopedAsync(actor, ct);
        var query = db.TrialEnvironments.AsNoTracking().Where(t => visible.Any(a => a.Id == t.ApplicationId));
        if (q.State is { } state) query = query.Where(t => t.State == state);
        if (q.EndingSoon == true)
        {
            var horizon = Today.AddDays(Settings.TrialReminderDaysBefore);
            query = query.Where(t => t.State == TrialState.InTrial && t.EndsOn <= horizon);
        }
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(t => t.State == TrialState.AwaitingDelivery ? 0 : t.State == TrialState.InTrial ? 1 : 2).ThenBy(t => t.EndsOn)
            .Skip((page - 1) * size).Take(size)
            .Select(t => new
            {
                t.Id, t.ApplicationId, t.Application!.Number, Organisation = t.Application.Organisation!.Name, System = t.Application.System!.Name, t.State,
                Due = db.DeadlineClocks.Where(c => c.Id == t.DeliveryClockId).Select(c => c.DueOn).FirstOrDefault(),
                t.EndsOn, Agreed = t.AgencyAgreementAt != null && t.CenterAgreementAt != null, t.Result,
            }).ToListAsync(ct);
        return new Paged<TrialSummaryDto>(rows.Select(r => new TrialSummaryDto(r.Id, r.ApplicationId, r.Number, r.Organisation, r.System, r.State,
            r.State == TrialState.AwaitingDelivery ? r.Due : null, r.EndsOn, r.Agreed, r.Result)).ToList(), total, page, size);
    }

    /// <summary>The Center has built the environment: every approved row recorded, the trial length chosen; the trial starts today.</summary>
    public async Task<TrialDto> DeliverAsync(Actor actor, Guid applicationId, DeliveryInput input, CancellationToken ct)
    {
        var (trial, app) = await LoadAsync(actor, applicationId, TrialAction.Deliver, input.Version, ct);
        var limits = Settings.TrialLimits;
        var days = input.Days ?? limits.DefaultDays;
        var v = new Validation();
        if (TrialRules.CheckLength(days, limits) is { } length) v.Add("days", length);
        var recorded = input.Vms ?? [];
        var approved = Approved(app);
        // A list longer than what was approved, or with holes, is refused whole before any row is read.
        if (recorded.Count > approved.Count) throw ProblemException.Invalid("vms", $"交付登记了 {recorded.Count} 台，多于批准的 {approved.Count} 台虚拟机");
        if (recorded.Any(r => r is null)) throw ProblemException.Invalid("vms", "交付登记中有空行");
        foreach (var p in DeliveryRules.Validate(recorded, approved.Select(r => r.Approved).ToList())) v.Add(p.Field, p.Message);
        foreach (var (r, i) in recorded.Select((r, i) => (r, i)).Where(x => x.r.BandwidthMbps is < 0 or > NetworkRules.MaxBandwidthMbps))
            v.Add($"vms[{i}].bandwidthMbps", $"第 {r.No} 台：带宽须为 0 至 {NetworkRules.MaxBandwidthMbps} 之间的整数（Mbps）");
        // Names and addresses already in the inventory are reported with everything else, not in a later round.
        await inventory.AddInUseAsync(recorded, "vms", v, ct);
        v.ThrowIfInvalid(); // the sums below are of amounts within bounds
        // R-21.5: per zone, the bandwidth and public addresses handed out stay within what was approved.
        var delivered = recorded.Where(r => approved.Any(a => a.Row.No == r.No)).GroupBy(r => approved.First(a => a.Row.No == r.No).Row.Zone)
            .ToDictionary(g => g.Key, g => new Resources(0, 0, 0, g.Sum(r => r.BandwidthMbps ?? 0),
                g.Sum(r => DeliveryRules.PublicCount(DeliveryRules.ParseIps(r.Ips) ?? []))));
        var allowed = app.Network.ToDictionary(n => n.Zone, n => new Resources(0, 0, 0, n.AdjustedBandwidthMbps ?? n.BandwidthMbps, n.AdjustedPublicIps ?? n.PublicIps));
        foreach (var p in NetworkRules.CheckDelivered(delivered, allowed)) v.Add(p.Field, p.Message);
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // In the writers' turn: two deliveries at the same moment cannot both take one address.
        await db.TakeWriteTurnAsync(ct);
        await inventory.CheckNotInUseAsync(recorded, "vms", ct);
        var now = clock.GetUtcNow();
        foreach (var (row, order) in approved.Select(a => (a.Row, a.Approved)))
        {
            var built = await provider.BuildAsync(new VmOrder(row.Zone, order, recorded.Single(r => r.No == row.No)), ct);
            var vm = new CloudVm
            {
                OrganisationId = app.OrganisationId, SystemId = app.SystemId, ApplicationId = app.Id, RowNo = row.No, Zone = row.Zone, ServerType = row.ServerType,
                HostName = built.HostName, Ips = string.Join(", ", built.Ips), PublicIps = DeliveryRules.PublicCount(built.Ips),
                BandwidthMbps = recorded.Single(r => r.No == row.No).BandwidthMbps ?? 0, Vcpu = built.Vcpu, MemoryGb = built.MemoryGb, SystemDiskGb = built.SystemDiskGb,
                DataDiskGb = built.DataDiskGb, OperatingSystem = built.OperatingSystem, OwnerNames = row.OwnerNames, OwnerEmails = row.OwnerEmails,
                OwnerMobiles = row.OwnerMobiles, BastionAccounts = string.Join("、", built.BastionAccounts), State = VmState.Trial, Provider = provider.Name,
                ExternalId = built.ExternalId, DeliveredOn = Today,
            };
            db.CloudVms.Add(vm);
            inventory.Record(actor, vm, VmEventKind.Delivered,
                $"交付试用：{vm.HostName}（{vm.Ips}），{vm.Vcpu} 核 / {vm.MemoryGb} GB / 系统盘 {vm.SystemDiskGb} GB / 数据盘 {vm.DataDiskGb} GB，{vm.OperatingSystem}；" +
                $"{(vm.BandwidthMbps > 0 ? $"带宽 {vm.BandwidthMbps} Mbps；" : "")}堡垒机账号 {vm.BastionAccounts}");
        }
        trial.State = TrialState.InTrial;
        trial.Provider = provider.Name;
        trial.DeliveredAt = now;
        trial.DeliveredBy = actor.UserName;
        trial.Days = days;
        trial.StartedOn = Today;
        trial.EndsOn = TrialRules.LastDay(await calendars.GetAsync(db, ct), Today, days);
        trial.Version++;
        if (trial.DeliveryClockId is { } due) await clocks.CompleteAsync(actor, due, ct);
        MoveSystem(app, SystemLifecycle.InTrial);
        audit.Record(actor, AuditActions.TrialDelivered, ApplicationService.CaseType, app.Id, new { state = TrialState.AwaitingDelivery.ToString() },
            new { state = trial.State.ToString(), days, trial.EndsOn, vms = recorded.Select(r => new { r.No, r.HostName, r.Ips, r.BandwidthMbps }) });
        await TellWaitingAsync(trial, app, Waiting(TrialState.AwaitingDelivery),
            $"试用环境已交付（{recorded.Count} 台虚拟机），试用期 {days} 天，至 {trial.EndsOn:yyyy-MM-dd}。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, applicationId, ct);
    }

    /// <summary>On screen: the agency's security officer, or the Center's operator, confirms the usage agreement.</summary>
    public async Task<TrialDto> ConfirmAgreementAsync(Actor actor, Guid applicationId, VersionInput input, CancellationToken ct)
    {
        var center = actor.IsIn(Role.CenterOperator);
        var (trial, app) = await LoadAsync(actor, applicationId, center ? TrialAction.CenterConfirmAgreement : TrialAction.ConfirmAgreementOnScreen, input.Version, ct);
        if ((center ? trial.CenterAgreementAt : trial.AgencyAgreementAt) is not null)
            throw new ProblemException(409, "已确认", $"{(center ? "信息化建设管理中心" : "使用单位")}已确认使用协议");
        await AgreeAsync(actor, trial, app, center, null, ct);
        return await GetAsync(actor, applicationId, ct);
    }

    /// <summary>The agency uploads the signed agreement; that confirms its side.</summary>
    public async Task<TrialDto> UploadAgreementAsync(Actor actor, Guid applicationId, string fileName, Stream content, long size, long? version, CancellationToken ct)
    {
        var (trial, app) = await LoadAsync(actor, applicationId, TrialAction.UploadSignedAgreement, version, ct);
        if (trial.AgencyAgreementAt is not null) throw new ProblemException(409, "已确认", "使用单位已确认使用协议");
        await files.KeepAsync(applicationId.ToString("N"), fileName, content, size, async (stored, name) =>
        {
            var copy = new ApplicationAttachment
            {
                ApplicationId = app.Id, Kind = AttachmentKind.UsageAgreement, FileName = name, Size = stored.Size, Sha256 = stored.Sha256,
                StoredPath = stored.Path, UploadedAt = clock.GetUtcNow(), UploadedBy = actor.UserName,
            };
            db.ApplicationAttachments.Add(copy);
            await AgreeAsync(actor, trial, app, false, copy, ct);
            return copy;
        }, ct);
        return await GetAsync(actor, applicationId, ct);
    }

    private async Task AgreeAsync(Actor actor, TrialEnvironment trial, ResourceApplication app, bool center, ApplicationAttachment? signedCopy, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var waited = Waiting(trial);
        var now = clock.GetUtcNow();
        if (center)
        {
            trial.CenterAgreementAt = now;
            trial.CenterAgreementBy = actor.UserName;
        }
        else
        {
            trial.AgencyAgreementAt = now;
            trial.AgencyAgreementBy = actor.UserName;
            trial.AgreementAttachmentId = signedCopy?.Id;
        }
        trial.Version++;
        audit.Record(actor, AuditActions.TrialAgreementConfirmed, ApplicationService.CaseType, app.Id, null, new
        {
            side = center ? "Center" : "Agency", how = signedCopy is null ? "OnScreen" : "SignedCopy", file = signedCopy?.FileName, sha256 = signedCopy?.Sha256,
        });
        await TellWaitingAsync(trial, app, waited, null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The agency says how the trial went; problems need a description.</summary>
    public async Task<TrialDto> ReportResultAsync(Actor actor, Guid applicationId, TrialResultInput input, CancellationToken ct)
    {
        var (trial, app) = await LoadAsync(actor, applicationId, TrialAction.ReportResult, input.Version, ct);
        var v = new Validation();
        if (input.Result is null) v.Add("result", "请选择试用结果");
        if (input.Result == TrialResult.Problems && TextRules.IsBlank(input.Note)) v.Add("note", "试用发现问题时请说明问题");
        if (input.Note?.Length > 1000) v.Add("note", "说明不能超过 1000 个字");
        v.ThrowIfInvalid();
        // The same report again (a double click, a resent request) changes nothing and tells nobody twice; a different
        // one (problems fixed: now 通过) is a new report.
        if (trial.Result == input.Result && trial.ResultNote == Texts.OrNull(input.Note)) return await GetAsync(actor, applicationId, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var waited = Waiting(trial);
        var before = trial.Result;
        trial.Result = input.Result;
        trial.ResultNote = Texts.OrNull(input.Note);
        trial.ResultAt = clock.GetUtcNow();
        trial.ResultBy = actor.UserName;
        trial.Version++;
        audit.Record(actor, AuditActions.TrialResultReported, ApplicationService.CaseType, app.Id, new { result = before?.ToString() },
            new { result = trial.Result.ToString(), note = trial.ResultNote });
        var center = await db.OfficeAsync(OrganisationType.Center, ct);
        await NotifyAsync(center, Role.CenterOperator, app, input.Result!.Value.DisplayName(),
            $"《{app.System!.Name}》报告试用结果：{input.Result.Value.DisplayName()}{(trial.ResultNote is null ? "" : "。" + trial.ResultNote)}", ct);
        await TellWaitingAsync(trial, app, waited, null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, applicationId, ct);
    }

    /// <summary>The Center lengthens the trial, within the longest trial in total.</summary>
    public async Task<TrialDto> ExtendAsync(Actor actor, Guid applicationId, ExtensionInput input, CancellationToken ct)
    {
        var (trial, app) = await LoadAsync(actor, applicationId, TrialAction.Extend, input.Version, ct);
        if (input.Days is null) throw ProblemException.Invalid("days", "请填写延长天数");
        if (TrialRules.CheckExtension(trial.Days, input.Days.Value, Settings.TrialLimits) is { } problem) throw ProblemException.Invalid("days", problem);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = trial.EndsOn;
        trial.Days += input.Days.Value;
        trial.EndsOn = TrialRules.LastDay(await calendars.GetAsync(db, ct), trial.StartedOn!.Value, trial.Days);
        trial.Version++;
        foreach (var vm in await db.CloudVms.Where(x => x.ApplicationId == app.Id && x.State == VmState.Trial).ToListAsync(ct))
            inventory.Record(actor, vm, VmEventKind.TrialExtended, $"试用期延长 {input.Days} 天，至 {trial.EndsOn:yyyy-MM-dd}");
        audit.Record(actor, AuditActions.TrialExtended, ApplicationService.CaseType, app.Id, new { endsOn = before }, new { endsOn = trial.EndsOn, trial.Days });
        await NotifyAsync(app.OrganisationId, Role.AgencyOperator, app, "试用期已延长",
            $"《{app.System!.Name}》的试用期延长 {input.Days} 天，至 {trial.EndsOn:yyyy-MM-dd}。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, applicationId, ct);
    }

    /// <summary>正式开通: with the agreement confirmed by both and a passed trial, the VMs go into formal use from today.</summary>
    public async Task<TrialDto> GoLiveAsync(Actor actor, Guid applicationId, VersionInput input, CancellationToken ct)
    {
        var (trial, app) = await LoadAsync(actor, applicationId, TrialAction.GoLive, input.Version, ct);
        var blockers = TrialRules.BlockersOfFormalUse(trial.AgencyAgreementAt is not null, trial.CenterAgreementAt is not null, trial.Result,
            await Supervision.MlpsService.BlockerOfFormalUseAsync(db, app.SystemId, ct),
            await DataAccess.ConfidentialityService.BlockerOfFormalUseAsync(db, app.OrganisationId, Today, ct));
        if (blockers.Count > 0) throw new ProblemException(409, "尚不能正式开通", string.Join("；", blockers));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var vms = await db.CloudVms.Where(x => x.ApplicationId == app.Id && x.State == VmState.Trial).ToListAsync(ct);
        foreach (var vm in vms)
        {
            vm.State = VmState.Active;
            vm.ActiveFrom = Today;
            vm.Version++;
            inventory.Record(actor, vm, VmEventKind.Activated, $"正式开通，自 {Today:yyyy-MM-dd} 起计费");
        }
        // The other catalogue services of the application start with formal use too.
        foreach (var s in app.Services)
            db.CloudServices.Add(new CloudService
            {
                OrganisationId = app.OrganisationId, SystemId = app.SystemId, ItemCode = s.ItemCode, Quantity = s.Quantity, State = VmState.Active, ActiveFrom = Today,
                Source = app.Number,
            });
        Close(actor, trial, TrialState.Live);
        trial.LiveOn = Today;
        MoveSystem(app, SystemLifecycle.OnCloud);
        audit.Record(actor, AuditActions.TrialWentLive, ApplicationService.CaseType, app.Id, new { state = TrialState.InTrial.ToString() },
            new { state = trial.State.ToString(), liveOn = Today, vms = vms.Select(x => x.HostName), services = app.Services.Select(s => new { s.ItemCode, s.Quantity }) });
        await NotifyAsync(app.OrganisationId, Role.AgencyOperator, app, "已正式开通",
            $"《{app.System!.Name}》的 {vms.Count} 台虚拟机自 {Today:yyyy-MM-dd} 起正式开通，计入资源台账并开始计费。", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, applicationId, ct);
    }

    /// <summary>The trial ends without formal use: its VMs are taken back and the reservation returns to the pool.</summary>
    public async Task<TrialDto> ReclaimAsync(Actor actor, Guid applicationId, ReasonInput input, CancellationToken ct)
    {
        var (trial, app) = await LoadAsync(actor, applicationId, TrialAction.Reclaim, input.Version, ct);
        if (TextRules.IsBlank(input.Reason)) throw ProblemException.Invalid("reason", "请填写回收理由");
        if (input.Reason.Length > 2000) throw ProblemException.Invalid("reason", "回收理由不能超过 2000 个字");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var vms = await db.CloudVms.Where(x => x.ApplicationId == app.Id && x.State == VmState.Trial).ToListAsync(ct);
        foreach (var vm in vms)
            inventory.Reclaim(actor, vm, $"试用结束未转正式使用，回收；堡垒机账号 {vm.BastionAccounts} 已关闭。理由：{input.Reason.Trim()}");
        Close(actor, trial, TrialState.Reclaimed);
        trial.ReclaimReason = Texts.OrNull(input.Reason)!;
        MoveSystem(app, SystemLifecycle.PendingMigration);
        audit.Record(actor, AuditActions.TrialReclaimed, ApplicationService.CaseType, app.Id, new { state = TrialState.InTrial.ToString() },
            new { state = trial.State.ToString(), reason = trial.ReclaimReason, vms = vms.Select(x => x.HostName) });
        await NotifyAsync(app.OrganisationId, Role.AgencyOperator, app, "试用资源已回收", $"《{app.System!.Name}》的试用资源已回收：{trial.ReclaimReason}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, applicationId, ct);
    }

    /// <summary>
    /// Once a day is enough, run with the other background work: the agency is reminded before its trial
    /// ends; after the last day without formal use the Center is told to extend or reclaim. Each message
    /// once per last day (an extension warns again).
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var today = Today;
        var horizon = today.AddDays(Settings.TrialReminderDaysBefore);
        var due = await db.TrialEnvironments.AsNoTracking().Where(t => t.State == TrialState.InTrial && t.EndsOn <= horizon)
            .Select(t => new { t.Id, t.ApplicationId, t.OrganisationId, t.EndsOn, t.Application!.Number, System = t.Application.System!.Name })
            .ToListAsync(ct);
        if (due.Count == 0) return 0;
        string Key(DateOnly? endsOn, Guid id) => endsOn >= today ? $"trial:{id}:ending:{endsOn:yyyyMMdd}" : $"trial:{id}:ended:{endsOn:yyyyMMdd}";
        var done = await inbox.SentKeysAsync(due.Select(t => Key(t.EndsOn, t.Id)).ToList(), ct);
        var todo = due.Where(t => !done.Contains(Key(t.EndsOn, t.Id))).ToList();
        if (todo.Count == 0) return 0;
        var center = await inbox.RecipientsAsync(await db.OfficeAsync(OrganisationType.Center, ct), Role.CenterOperator, ct);
        var sent = 0;
        foreach (var t in todo)
        {
            var link = $"/applications/{t.ApplicationId}";
            if (t.EndsOn >= today)
                sent += await inbox.NotifyAsync(await inbox.RecipientsAsync(t.OrganisationId, Role.AgencyOperator, ct), NotificationKinds.DueSoon,
                    $"试用即将结束：{t.Number}", $"《{t.System}》的试用期至 {t.EndsOn:yyyy-MM-dd} 结束，请及时确认使用协议并报告试用结果。", link, Key(t.EndsOn, t.Id), ct);
            else
                sent += await inbox.NotifyAsync(center, NotificationKinds.Overdue,
                    $"试用期已结束：{t.Number}", $"《{t.System}》的试用期已于 {t.EndsOn:yyyy-MM-dd} 结束，尚未正式开通，请延长试用期（合计不超过 {Settings.TrialMaxDays} 天）或回收资源。",
                    link, Key(t.EndsOn, t.Id), ct);
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

    // ---- shared ----

    /// <summary>The trial of an application the actor may see, the action allowed for its roles and the trial's state, at the version the caller saw.</summary>
    private async Task<(TrialEnvironment Trial, ResourceApplication App)> LoadAsync(Actor actor, Guid applicationId, TrialAction action, long? version, CancellationToken ct)
    {
        var app = await (await applications.ScopedAsync(actor, ct, tracked: true)).Include(a => a.Organisation).Include(a => a.System).Include(a => a.Vms).Include(a => a.Services)
                      .Include(a => a.Network).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == applicationId, ct)
                  ?? throw ProblemException.NotFound("申请");
        var trial = await db.TrialEnvironments.FirstOrDefaultAsync(t => t.ApplicationId == applicationId, ct) ?? throw ProblemException.NotFound("试用环境");
        if (TrialFlow.Check(action, trial.State, actor.Roles) is { } refusal)
            throw refusal.Kind == RefusalKind.Role ? ProblemException.Forbidden(refusal.Message) : new ProblemException(409, "当前状态不能办理", refusal.Message);
        ProblemException.CheckVersion(version, trial.Version, "试用环境");
        return (trial, app);
    }

    /// <summary>The rows the Bureau approved, with the Center's adjusted values where it adjusted.</summary>
    private static List<(ApplicationVm Row, ApprovedVm Approved)> Approved(ResourceApplication app) =>
        app.Vms.Where(x => x.Approved == true).OrderBy(x => x.No).Select(x => (x, new ApprovedVm(x.No, x.AdjustedVcpu ?? x.Vcpu, x.AdjustedMemoryGb ?? x.MemoryGb,
            x.AdjustedSystemDiskGb ?? x.SystemDiskGb, x.AdjustedDataDiskGb ?? x.DataDiskGb, VmRules.PairOwners(x.OwnerNames, x.OwnerEmails, x.OwnerMobiles).Owners.Count))).ToList();

    /// <summary>
    /// The register follows the system through its trial: 试用中 while trying, 已上云 in formal use, back to
    /// 待迁移 when the trial is reclaimed. A system already on the cloud (a second application) stays there.
    /// </summary>
    private static void MoveSystem(ResourceApplication app, SystemLifecycle to)
    {
        var system = app.System!;
        if (system.Lifecycle == SystemLifecycle.OnCloud && to != SystemLifecycle.OnCloud) return;
        if (system.Lifecycle == to) return;
        system.Lifecycle = to;
        system.Version++;
    }

    private void Close(Actor actor, TrialEnvironment trial, TrialState state)
    {
        trial.State = state;
        trial.ClosedAt = clock.GetUtcNow();
        trial.ClosedBy = actor.UserName;
        trial.Version++;
    }

    private static IReadOnlyList<Domain.Work.Waiting> Waiting(TrialEnvironment t) =>
        Domain.Work.WaitingFor.Trial(t.State, t.AgencyAgreementAt is not null, t.CenterAgreementAt is not null, t.Result);

    private static IReadOnlyList<Domain.Work.Waiting> Waiting(TrialState state) => Domain.Work.WaitingFor.Trial(state, false, false, null);

    /// <summary>Whoever the trial now waits for and did not before is told, with the link to the application.</summary>
    private Task TellWaitingAsync(TrialEnvironment trial, ResourceApplication app, IReadOnlyList<Domain.Work.Waiting> before, string? detail, CancellationToken ct) =>
        handovers.TellAsync(before, Waiting(trial), new Work.CaseRef(app.OrganisationId, app.Number, $"{app.Organisation!.Name}《{app.System!.Name}》", $"/applications/{app.Id}"),
            detail, ct);

    private async Task<TrialDto> ToDtoAsync(TrialEnvironment t, ResourceApplication app, CancellationToken ct)
    {
        var copy = t.AgreementAttachmentId is { } fileId
            ? await db.ApplicationAttachments.AsNoTracking().Where(a => a.Id == fileId).Select(a => a.FileName).FirstOrDefaultAsync(ct)
            : null;
        var dueOn = t.DeliveryClockId is { } clockId ? await db.DeadlineClocks.AsNoTracking().Where(c => c.Id == clockId).Select(c => c.DueOn).FirstOrDefaultAsync(ct) : null;
        var rows = Approved(app).Select(r => new ApprovedRowDto(r.Row.No, r.Row.Zone, r.Row.ServerType.DisplayName(), r.Row.SubsystemName, r.Approved.Vcpu,
            r.Approved.MemoryGb, r.Approved.SystemDiskGb, r.Approved.DataDiskGb, r.Row.OperatingSystem,
            VmRules.PairOwners(r.Row.OwnerNames, r.Row.OwnerEmails, r.Row.OwnerMobiles).Owners.Select(o => o.Name).ToList())).ToList();
        var limits = Settings.TrialLimits;
        return new TrialDto(t.Id, app.Id, app.Number, app.OrganisationId, app.Organisation!.Name, app.SystemId, app.System!.Name, t.State, t.Provider,
            t.DeliveredAt, t.DeliveredBy, t.State == TrialState.AwaitingDelivery ? dueOn : null, t.Days, t.StartedOn, t.EndsOn,
            t.State == TrialState.InTrial && t.EndsOn is { } end ? end.DayNumber - Today.DayNumber : null,
            t.State == TrialState.InTrial ? Math.Max(0, limits.MaxDays - t.Days) : 0,
            new AgreementDto(t.AgencyAgreementAt, t.AgencyAgreementBy, t.AgreementAttachmentId, copy, t.CenterAgreementAt, t.CenterAgreementBy),
            t.Result, t.ResultNote, t.ResultAt, t.ResultBy, t.LiveOn, t.ClosedAt, t.ClosedBy, t.ReclaimReason,
            t.State == TrialState.InTrial ? TrialRules.BlockersOfFormalUse(t.AgencyAgreementAt is not null, t.CenterAgreementAt is not null, t.Result,
                await Supervision.MlpsService.BlockerOfFormalUseAsync(db, app.SystemId, ct),
                await DataAccess.ConfidentialityService.BlockerOfFormalUseAsync(db, app.OrganisationId, Today, ct)) : [],
            rows, await inventory.OfApplicationAsync(app.Id, ct), t.Version, app.Network.OrderBy(n => n.Zone).Select(ApplicationService.ToNeed).ToList());
    }

    private Task NotifyAsync(Guid organisation, Role role, ResourceApplication app, string title, string body, CancellationToken ct) =>
        inbox.CaseProgressAsync(organisation, role, title, app.Number, body, $"/applications/{app.Id}",
            $"trial:{app.Id}:{title}:{clock.GetUtcNow().ToUnixTimeMilliseconds()}", ct);
}
