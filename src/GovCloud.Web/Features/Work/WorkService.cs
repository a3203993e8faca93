using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Supervision;
using GovCloud.Domain.Work;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Work;

/// <summary>One step waiting for the user: what to do, on which case, where to do it, and by when when a period runs.</summary>
public sealed record WorkItemDto(string Process, string Action, string Number, string Subject, string Link, ClockDto? Clock);

/// <summary>
/// 待办: every open case whose next step is the user's, by the rule of <see cref="WaitingFor"/> (whose turn follows from the
/// state): the agency's own cases, a county government's departments' applications, the Center's and the Bureau's steps.
/// The period of the step, when one runs, comes with it.
/// </summary>
public sealed class WorkService(GovCloudDbContext db, DeadlineClockService clocks, TimeProvider clock)
{
    /// <summary>An open case with who waits on it.</summary>
    private sealed record Case(string Process, string CaseType, string CaseId, string Number, string Subject, string Link, Guid OrganisationId,
        Guid? CountyId, IReadOnlyList<Waiting> Waiting, Guid? IssuerId = null);

    public async Task<IReadOnlyList<WorkItemDto>> MineAsync(Actor actor, CancellationToken ct)
    {
        if (actor.OrganisationId is not { } org) return [];
        var type = await db.Organisations.AsNoTracking().Where(o => o.Id == org).Select(o => (OrganisationType?)o.Type).FirstOrDefaultAsync(ct);
        bool Mine(Case c, Waiting w) => actor.IsIn(w.Role) && w.Party switch
        {
            Party.Agency => c.OrganisationId == org,
            Party.County => c.CountyId == org,
            Party.Center => type == OrganisationType.Center,
            Party.Bureau => type == OrganisationType.Bureau,
            Party.Issuer => c.IssuerId == org,
            _ => false,
        };
        // An agency's (or county's) 待办 can only hold its own cases and its departments': read no others.
        var cases = await OpenCasesAsync(type is OrganisationType.Center or OrganisationType.Bureau ? null : org, ct);
        var items = cases.SelectMany(c => c.Waiting.Where(w => Mine(c, w)).Select(w => (Case: c, Waiting: w))).ToList();
        var open = await clocks.OpenOfCasesAsync(items.Select(i => i.Case.CaseId).Distinct().ToList(), ct);
        return items
            .Select(i => new WorkItemDto(i.Case.Process, i.Waiting.Action, i.Case.Number, i.Case.Subject, i.Case.Link,
                open.FirstOrDefault(c => c.CaseType == i.Case.CaseType && c.CaseId == i.Case.CaseId && c.ResponsibleRole == i.Waiting.Role)))
            // Steps with a period first, the soonest last day first; then the rest by number.
            .OrderBy(i => i.Clock?.DueAt is null).ThenBy(i => i.Clock?.DueAt).ThenBy(i => i.Number, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every case not yet finished, of every process (few at a time: finished ones are left out in the database).</summary>
    private async Task<List<Case>> OpenCasesAsync(Guid? tenant, CancellationToken ct)
    {
        var cases = new List<Case>();
        var applications = await db.ResourceApplications.AsNoTracking()
            .Where(a => a.State != ApplicationState.Approved && a.State != ApplicationState.Rejected)
            .Where(a => tenant == null || a.OrganisationId == tenant || a.Organisation!.ParentId == tenant)
            .Select(a => new { a.Id, a.Number, a.State, a.OrganisationId, Org = a.Organisation!.Name, County = a.Organisation.Type == OrganisationType.CountyDepartment ? a.Organisation.ParentId : null, System = a.System!.Name })
            .ToListAsync(ct);
        cases.AddRange(applications.Select(a => new Case("云资源申请", Applications.ApplicationService.CaseType, a.Id.ToString(), a.Number, $"{a.Org}《{a.System}》",
            $"/applications/{a.Id}", a.OrganisationId, a.County, WaitingFor.Application(a.State))));

        var trials = await db.TrialEnvironments.AsNoTracking()
            .Where(t => t.State == TrialState.AwaitingDelivery || t.State == TrialState.InTrial)
            .Where(t => tenant == null || t.OrganisationId == tenant)
            .Select(t => new { t.ApplicationId, t.Application!.Number, t.State, t.OrganisationId, Org = t.Application.Organisation!.Name, System = t.Application.System!.Name,
                Agency = t.AgencyAgreementAt != null, Center = t.CenterAgreementAt != null, t.Result })
            .ToListAsync(ct);
        // The trial's steps live on its application's page, and its delivery period on the application's clocks.
        cases.AddRange(trials.Select(t => new Case("试用与开通", Applications.ApplicationService.CaseType, t.ApplicationId.ToString(), t.Number, $"{t.Org}《{t.System}》",
            $"/applications/{t.ApplicationId}", t.OrganisationId, null, WaitingFor.Trial(t.State, t.Agency, t.Center, t.Result))));

        var changes = await db.ChangeRequests.AsNoTracking()
            .Where(c => c.State == ChangeState.Submitted || c.State == ChangeState.Evaluated || c.State == ChangeState.Approved)
            .Where(c => tenant == null || c.OrganisationId == tenant)
            .Select(c => new { c.Id, c.Number, c.Kind, c.State, c.OrganisationId, Org = c.Organisation!.Name, System = c.System!.Name })
            .ToListAsync(ct);
        cases.AddRange(changes.Select(c => new Case(c.Kind == ChangeKind.Termination ? "终止" : "变更", "ChangeRequest", c.Id.ToString(), c.Number,
            $"{c.Org}《{c.System}》", $"/changes/{c.Id}", c.OrganisationId, null, WaitingFor.Change(c.State, c.Kind))));

        var certifications = await db.Certifications.AsNoTracking()
            .Where(c => c.State == CertificationState.Submitted || c.State == CertificationState.Evaluated)
            .Where(c => tenant == null || c.OrganisationId == tenant)
            .Select(c => new { c.Id, c.Number, c.State, c.OrganisationId, c.DataCenterId, Centre = c.DataCenter!.Name })
            .ToListAsync(ct);
        cases.AddRange(certifications.Select(c => new Case("数据中心认定", "Certification", c.Id.ToString(), c.Number, c.Centre,
            $"/datacenters/certifications/{c.Id}", c.OrganisationId, null, WaitingFor.Certification(c.State))));

        // A returned plan waits for a new one only while no later plan of its centre has come in.
        var plans = await db.MigrationPlans.AsNoTracking()
            .Where(p => p.State == MigrationPlanState.Submitted
                        || p.State == MigrationPlanState.Returned && !db.MigrationPlans.Any(q => q.DataCenterId == p.DataCenterId && q.SubmittedAt > p.SubmittedAt))
            .Where(p => tenant == null || p.OrganisationId == tenant)
            .Select(p => new { p.Id, p.Number, p.State, p.OrganisationId, Centre = p.DataCenter!.Name })
            .ToListAsync(ct);
        cases.AddRange(plans.Select(p => new Case("迁移计划", "MigrationPlan", p.Id.ToString(), p.Number, p.Centre, $"/datacenters/plans/{p.Id}",
            p.OrganisationId, null, WaitingFor.MigrationPlan(p.State))));

        var revoked = await db.DataCenters.AsNoTracking().Where(d => d.RevokedOn != null && d.RevocationConfirmedOn == null)
            .Where(d => tenant == null || d.OrganisationId == tenant)
            .Select(d => new { d.Id, d.Name, d.OrganisationId, Org = d.Organisation!.Name }).ToListAsync(ct);
        // A centre has no case number: its name is the number, the agency the subject (the name twice read as a slip).
        cases.AddRange(revoked.Select(d => new Case("数据中心撤销", "DataCenterRevocation", d.Id.ToString(), d.Name, d.Org, $"/datacenters/{d.Id}",
            d.OrganisationId, null, WaitingFor.Revocation(false))));

        // A notice waits for its recipient (an agency, or the Center for the cloud) and for its issuer (a regulator too).
        var notices = await db.RectificationNotices.AsNoTracking().Where(n => n.State == RectificationState.Open)
            .Where(n => tenant == null || n.RecipientId == tenant || n.IssuerId == tenant)
            .Select(n => new { n.Id, n.Number, n.Title, n.RecipientId, n.IssuerId, IssuerType = n.Issuer!.Type, RecipientType = n.Recipient!.Type,
                States = n.Items.Select(i => i.State).ToList() })
            .ToListAsync(ct);
        cases.AddRange(notices.Select(n => new Case("整改通知书", Supervision.RectificationService.CaseType, n.Id.ToString(), n.Number, $"整改通知书《{n.Title}》",
            $"/security/rectifications/{n.Id}", n.RecipientId, null,
            WaitingFor.Rectification(n.States, RectificationRules.ActingRole(n.RecipientType), RectificationRules.ActingRole(n.IssuerType)), n.IssuerId)));

        // An access request waits for the agency's decision while its window is not over; an emergency access for its review.
        var now = clock.GetUtcNow();
        var grants = await db.AccessGrants.AsNoTracking()
            .Where(g => (g.State == GovCloud.Domain.DataAccess.AccessGrantState.Requested && g.EndsAt > now) || (g.IsEmergency && g.Review == null))
            .Where(g => tenant == null || g.OrganisationId == tenant)
            .Select(g => new { g.Id, g.Number, g.State, g.StartsAt, g.EndsAt, g.IsEmergency, g.OrganisationId, g.SystemName, Org = g.Organisation!.Name })
            .ToListAsync(ct);
        cases.AddRange(grants.Select(g => new Case(g.IsEmergency ? "应急访问" : "访问授权", DataAccess.AccessGrantService.CaseType, g.Id.ToString(), g.Number,
            $"{g.Org}《{g.SystemName}》", DataAccess.AccessGrantService.Link(g.Id), g.OrganisationId, null,
            WaitingFor.AccessGrant(GovCloud.Domain.DataAccess.AccessGrantRules.Standing(g.State, g.StartsAt, g.EndsAt, now), g.IsEmergency, false))));

        // The Center's resource proposal waits for the agency's operator.
        var proposals = await db.SizingProposals.AsNoTracking().Where(p => p.State == GovCloud.Domain.Monitoring.SizingProposalState.Open)
            .Where(p => tenant == null || p.OrganisationId == tenant)
            .Select(p => new { p.Id, p.Number, p.HostName, p.State, p.OrganisationId, Org = p.Organisation!.Name, System = p.System!.Name })
            .ToListAsync(ct);
        cases.AddRange(proposals.Select(p => new Case("资源调整建议", Monitoring.SizingProposalService.CaseType, p.Id.ToString(), p.Number,
            $"{p.Org}《{p.System}》{p.HostName}", Monitoring.SizingProposalService.Link, p.OrganisationId, null, WaitingFor.SizingProposal(p.State))));

        // A month's operations bulletin in draft waits for the Center (agencies never read drafts: not looked for on their behalf).
        if (tenant is null)
        {
            var bulletins = await db.OperationsBulletins.AsNoTracking().Where(b => b.State == GovCloud.Domain.Operations.OperationsBulletinState.Draft)
                .Select(b => new { b.Id, b.Month, b.Title, b.State }).ToListAsync(ct);
            cases.AddRange(bulletins.Select(b => new Case("运行情况通报", Operations.OperationsBulletinService.CaseType, b.Id.ToString(), b.Month, b.Title,
                Operations.OperationsBulletinService.Link(b.Month), Guid.Empty, null, WaitingFor.OperationsBulletin(b.State))));
        }
        return cases;
    }
}
