using GovCloud.Domain;
using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Monitoring;

public sealed record ProposalInput(Guid? VmId, string? Note);

public sealed record ProposalDecisionInput(long? Version, string? Reason = null);

public sealed record SizingProposalDto(Guid Id, string Number, Guid VmId, string HostName, Guid OrganisationId, string AgencyName, Guid SystemId, string SystemName,
    SizingVerdict Verdict, int FromVcpu, int FromMemoryGb, int ToVcpu, int ToMemoryGb, string Reason, string? Note, SizingProposalState State,
    DateTimeOffset ProposedAt, string ProposedBy, DateTimeOffset? DecidedAt, string? DecidedBy, string? DeclineReason, Guid? ChangeId, string? ChangeNumber, long Version)
{
    public string StateName => State.DisplayName();
    public string Proposal => SizingProposals.Proposal(Verdict, FromVcpu, FromMemoryGb, ToVcpu, ToMemoryGb);
}

/// <summary>
/// 资源调整建议: the Center proposes, from the figures, that an idle VM be reclaimed or an oversized one made smaller; the agency's
/// operator accepts it, which submits the change request for it (evaluation, approval and carrying out follow as for any change), or
/// declines it with a reason. The agency decides: nothing changes on the Center's word alone.
/// </summary>
public sealed class SizingProposalService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, ChangeService changes,
    UtilisationService utilisation, TimeProvider clock)
{
    public const string CaseType = "SizingProposal";
    public static string Link => "/utilisation?tab=proposals";

    public async Task<Paged<SizingProposalDto>> ListAsync(Actor actor, SizingProposalState? state, int? page, int? pageSize, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var q = db.SizingProposals.AsNoTracking().Where(p => visible == null || visible.Contains(p.OrganisationId));
        if (state is { } s) q = q.Where(p => p.State == s);
        var (n, size) = Paging.Normalise(page, pageSize);
        var total = await q.CountAsync(ct);
        var items = await Project(q.OrderByDescending(p => p.ProposedAt).Skip((n - 1) * size).Take(size)).ToListAsync(ct);
        return new Paged<SizingProposalDto>(items, total, n, size);
    }

    /// <summary>The Center proposes for a VM the rules find idle or oversized today; the agency's operators are told.</summary>
    public async Task<SizingProposalDto> ProposeAsync(Actor actor, ProposalInput input, CancellationToken ct)
    {
        if (!actor.IsInAny(Access.Center)) throw ProblemException.Forbidden("资源调整建议由信息化建设管理中心提出");
        var v = new Validation();
        if (input.VmId is null) v.Add("vmId", "请选择虚拟机");
        if (input.Note?.Length > SizingProposals.MaxNoteLength) v.Add("note", $"说明不能超过 {SizingProposals.MaxNoteLength} 个字");
        v.ThrowIfInvalid();
        var vm = await db.CloudVms.AsNoTracking().Where(x => x.Id == input.VmId).Select(x => new { x.Id, x.HostName, x.OrganisationId, x.SystemId, x.State })
                     .FirstOrDefaultAsync(ct) ?? throw ProblemException.NotFound("虚拟机");
        if (vm.State != VmState.Active) throw new ProblemException(409, "不能提出建议", $"虚拟机 {vm.HostName} 不在正式使用中，不能提出调整建议");
        var advice = (await utilisation.SizingAsync(actor, null, new SizingQuery(VmId: vm.Id), ct)).Rows.Items.FirstOrDefault(r => r.VmId == vm.Id);
        if (advice is null || advice.Verdict == SizingVerdict.Fits)
            throw new ProblemException(409, "没有可提的建议", $"虚拟机 {vm.HostName} 近期的使用与配置相当（或监测数据不足），没有可提的调整建议");
        if (await db.SizingProposals.AnyAsync(p => p.VmId == vm.Id && p.State == SizingProposalState.Open, ct))
            throw new ProblemException(409, "已有建议", "该虚拟机已有待使用单位确认的调整建议");
        // Accepting submits a change of the system, and a system has one change open at a time: proposing now would leave the agency
        // a proposal it can only decline.
        if (await db.ChangeRequests.Where(c => c.SystemId == vm.SystemId && (c.State == ChangeState.Submitted || c.State == ChangeState.Evaluated || c.State == ChangeState.Approved))
                .Select(c => c.Number).FirstOrDefaultAsync(ct) is { } open)
            throw new ProblemException(409, "变更办理中", $"虚拟机 {vm.HostName} 所在系统已有办理中的变更/终止申请 {open}，办结后再提出调整建议");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var proposal = new SizingProposal
        {
            Number = await CaseNumbers.NextAsync(db.SizingProposals.Select(p => p.Number), "JY", clock, ct),
            VmId = vm.Id, OrganisationId = vm.OrganisationId, SystemId = vm.SystemId, HostName = vm.HostName, Verdict = advice.Verdict,
            FromVcpu = advice.Vcpu, FromMemoryGb = advice.MemoryGb, ToVcpu = advice.ProposedVcpu, ToMemoryGb = advice.ProposedMemoryGb,
            Reason = advice.Reason, Note = Texts.OrNull(input.Note), State = SizingProposalState.Open, ProposedAt = clock.GetUtcNow(),
            ProposedBy = actor.UserName ?? "", ProposedById = actor.UserId,
        };
        db.SizingProposals.Add(proposal);
        audit.Record(actor, AuditActions.SizingProposed, CaseType, proposal.Id, null, new
        {
            proposal.Number, proposal.HostName, verdict = proposal.Verdict.ToString(), proposal.FromVcpu, proposal.FromMemoryGb, proposal.ToVcpu, proposal.ToMemoryGb,
            proposal.Reason, proposal.Note,
        });
        var what = SizingProposals.Proposal(proposal.Verdict, proposal.FromVcpu, proposal.FromMemoryGb, proposal.ToVcpu, proposal.ToMemoryGb);
        await inbox.NotifyAsync(await inbox.RecipientsAsync(vm.OrganisationId, Role.AgencyOperator, ct), NotificationKinds.Utilisation,
            $"待确认资源调整建议：{proposal.Number}", $"信息化建设管理中心建议将虚拟机 {vm.HostName} {what}。{advice.Reason}。请确认是否采纳（采纳即提交变更申请）。",
            Link, $"sizing-proposal:{proposal.Id}", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(proposal.Id, ct);
    }

    /// <summary>The agency accepts: its change request for the VM is submitted in the same transaction, and the Center is told.</summary>
    public async Task<SizingProposalDto> AcceptAsync(Actor actor, Guid id, ProposalDecisionInput input, CancellationToken ct)
    {
        var proposal = await OpenOfAgencyAsync(actor, id, input.Version, ct);
        var vm = await db.CloudVms.AsNoTracking().FirstAsync(x => x.Id == proposal.VmId, ct);
        var line = proposal.Verdict == SizingVerdict.Idle
            ? new ChangeLineRequest(ChangeLineAction.Remove, vm.Id, null, null)
            : new ChangeLineRequest(ChangeLineAction.Resize, vm.Id, new VmSize(proposal.ToVcpu, proposal.ToMemoryGb, vm.SystemDiskGb, vm.DataDiskGb), null);
        var reason = Texts.OrNull(input.Reason) ?? $"采纳信息化建设管理中心资源调整建议 {proposal.Number}：{proposal.Reason}";
        await changes.CreateChangeAsync(actor, new ChangeInput(proposal.SystemId, reason, [line]), ct, change =>
        {
            proposal.State = SizingProposalState.Accepted;
            proposal.ChangeId = change.Id;
            Decided(actor, proposal);
            audit.Record(actor, AuditActions.SizingProposalAccepted, CaseType, proposal.Id, new { state = "Open" },
                new { state = "Accepted", proposal.Number, change = change.Number });
            TellCenter(proposal, "已采纳", $"{proposal.Number}（{proposal.HostName}）已被采纳，使用单位已提交变更申请 {change.Number}。");
        });
        return await GetAsync(proposal.Id, ct);
    }

    /// <summary>The agency declines, saying why; the Center is told.</summary>
    public async Task<SizingProposalDto> DeclineAsync(Actor actor, Guid id, ProposalDecisionInput input, CancellationToken ct)
    {
        if (TextRules.IsBlank(input.Reason)) throw ProblemException.Invalid("reason", "请填写不采纳的理由");
        if (input.Reason!.Length > SizingProposals.MaxNoteLength) throw ProblemException.Invalid("reason", $"理由不能超过 {SizingProposals.MaxNoteLength} 个字");
        var proposal = await OpenOfAgencyAsync(actor, id, input.Version, ct);
        proposal.State = SizingProposalState.Declined;
        proposal.DeclineReason = Texts.OrNull(input.Reason);
        Decided(actor, proposal);
        audit.Record(actor, AuditActions.SizingProposalDeclined, CaseType, proposal.Id, new { state = "Open" },
            new { state = "Declined", proposal.Number, reason = proposal.DeclineReason });
        TellCenter(proposal, "未采纳", $"{proposal.Number}（{proposal.HostName}）未被采纳，理由：{proposal.DeclineReason}");
        await db.SaveChangesAsync(ct);
        return await GetAsync(proposal.Id, ct);
    }

    private void Decided(Actor actor, SizingProposal proposal)
    {
        proposal.DecidedAt = clock.GetUtcNow();
        proposal.DecidedBy = actor.UserName;
        proposal.Version++;
    }

    /// <summary>Tells the operator who proposed; added to the decision's unit of work (the key is new: one message per proposal and outcome).</summary>
    private void TellCenter(SizingProposal proposal, string outcome, string body)
    {
        if (proposal.ProposedById is not { } proposer) return;
        db.Notifications.Add(new Notification
        {
            UserId = proposer, Kind = NotificationKinds.Utilisation, Title = $"资源调整建议{outcome}：{proposal.Number}", Body = Texts.Fit(body, 2000),
            Link = Link, DedupKey = $"sizing-proposal:{proposal.Id}:{outcome}", CreatedAt = clock.GetUtcNow(),
        });
    }

    private async Task<SizingProposal> OpenOfAgencyAsync(Actor actor, Guid id, long? version, CancellationToken ct)
    {
        if (!actor.IsIn(Role.AgencyOperator)) throw ProblemException.Forbidden("只有使用单位经办人可以确认资源调整建议");
        var visible = await scope.OrganisationsAsync(actor, ct);
        var proposal = await db.SizingProposals.FirstOrDefaultAsync(p => p.Id == id && (visible == null || visible.Contains(p.OrganisationId)), ct)
                       ?? throw ProblemException.NotFound("资源调整建议");
        if (proposal.State != SizingProposalState.Open) throw new ProblemException(409, "已经处理", $"该建议{proposal.State.DisplayName()}，不能再次确认");
        if (version is null) throw ProblemException.Invalid("version", "缺少版本号");
        if (version != proposal.Version) throw ProblemException.Conflict("该建议已被他人处理，请刷新后重试");
        return proposal;
    }

    private async Task<SizingProposalDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(db.SizingProposals.AsNoTracking().Where(p => p.Id == id)).FirstAsync(ct);

    private IQueryable<SizingProposalDto> Project(IQueryable<SizingProposal> q) => q.Select(p => new SizingProposalDto(p.Id, p.Number, p.VmId, p.HostName,
        p.OrganisationId, p.Organisation!.Name, p.SystemId, p.System!.Name, p.Verdict, p.FromVcpu, p.FromMemoryGb, p.ToVcpu, p.ToMemoryGb, p.Reason, p.Note,
        p.State, p.ProposedAt, p.ProposedBy, p.DecidedAt, p.DecidedBy, p.DeclineReason, p.ChangeId,
        db.ChangeRequests.Where(c => c.Id == p.ChangeId).Select(c => c.Number).FirstOrDefault(), p.Version));
}
