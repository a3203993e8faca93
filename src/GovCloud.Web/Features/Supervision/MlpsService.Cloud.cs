using GovCloud.Domain.Applications;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Supervision;

// What an MLPS record is about: an agency's information system, or the cloud platform itself, which the Center protects at
// level 3 and records under its own organisation id — the same endpoints, the same rules, its own recorder.
public sealed partial class MlpsService
{
    public const string CloudName = "政务云平台";

    private sealed record Subject(Guid Id, string Name, Guid OrganisationId, string OrganisationName, SystemLifecycle Lifecycle, bool IsCloud, InfoSystem? System)
    {
        public string AuditEntity => IsCloud ? "CloudPlatform" : nameof(InfoSystem);
    }

    /// <summary>The cloud platform's 等级保护 (the Center's organisation id is its key).</summary>
    public async Task<MlpsDto> CloudAsync(Actor actor, CancellationToken ct) => await GetAsync(actor, await db.OfficeAsync(OrganisationType.Center, ct), ct);

    /// <summary>
    /// What <paramref name="id"/> names, as the actor may read it: a system in the actor's scope, or the cloud platform (everyone
    /// with security duties reads the cloud's: the agencies put their systems on it).
    /// </summary>
    private async Task<Subject> ReadableAsync(Actor actor, Guid id, bool tracked, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var systems = tracked ? db.InfoSystems : db.InfoSystems.AsNoTracking();
        var system = await systems.Include(s => s.Organisation).Where(s => s.Id == id && (visible == null || visible.Contains(s.OrganisationId))).FirstOrDefaultAsync(ct);
        if (system is not null) return new Subject(system.Id, system.Name, system.OrganisationId, system.Organisation!.Name, system.Lifecycle, false, system);
        var center = await db.Organisations.AsNoTracking().Where(o => o.Id == id && o.Type == OrganisationType.Center).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return center is null || !Access.ReadsBusinessData(actor.Roles)
            ? throw ProblemException.NotFound("信息系统")
            : new Subject(id, CloudName, id, center, SystemLifecycle.OnCloud, true, null);
    }

    /// <summary>The subject when the actor records its MLPS: an agency its own systems, the Center's operators the cloud .</summary>
    private async Task<Subject> WritableAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var subject = await ReadableAsync(actor, id, tracked: true, ct);
        if (subject.IsCloud && !actor.IsIn(Role.CenterOperator))
            throw ProblemException.Forbidden("政务云平台的等级保护信息由信息化中心运维人员登记");
        if (!subject.IsCloud && (!actor.IsInAny(Access.Agency) || await scope.OrganisationsAsync(actor, ct) is null))
            throw ProblemException.Forbidden("等级保护信息由系统所属的使用单位登记");
        return subject;
    }

    /// <summary>The cloud platform's line of the register; null while no Center is registered.</summary>
    private async Task<MlpsRowDto?> CloudRowAsync(CancellationToken ct)
    {
        var center = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.Center).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
        if (center is null) return null;
        var m = await db.MlpsRecords.AsNoTracking().FirstOrDefaultAsync(r => r.SystemId == center.Id, ct);
        var last = await db.MlpsAssessments.AsNoTracking().Where(a => a.SystemId == center.Id).OrderByDescending(a => a.AssessedOn)
            .ThenByDescending(a => a.RecordedAt).Select(a => new { a.AssessedOn, a.Result }).FirstOrDefaultAsync(ct);
        return ToRow(new RawRow(center.Id, CloudName, center.Id, center.Name, SystemLifecycle.OnCloud, m?.Level, m?.GradedOn, m?.FilingNumber, m?.FiledOn,
            m is not null && (m.PersonalInformation || m.CommercialSecrets || m.ImportantData), m?.ExceptionReason is not null, last?.AssessedOn, last?.Result)) with
        {
            IsCloud = true,
        };
    }
}
