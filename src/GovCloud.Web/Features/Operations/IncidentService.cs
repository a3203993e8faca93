using GovCloud.Domain.Operations;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Operations;

/// <summary>
/// 运行故障 (R-22.1): the Center's operators record outages and degradations and their recovery; the agencies whose systems were
/// touched (named, or with VMs in a zone named) and the Bureau are told. An agency reads the incidents that touched it, and of
/// those only its own systems. The month's availability is in <see cref="AvailabilityAsync"/>.
/// </summary>
public sealed class IncidentService(GovCloudDbContext db, DataScope scope, AuditLog audit, InboxService inbox, TimeProvider clock,
    IOptions<GovCloudOptions> options)
{
    public const string CaseType = "Incident";

    public async Task<IncidentDto> RecordAsync(Actor actor, IncidentInput input, CancellationToken ct)
    {
        RequireHandler(actor);
        var zones = (input.Zones ?? []).Select(z => Texts.Line(z) ?? "").Distinct().ToList();
        var systemIds = (input.SystemIds ?? []).Distinct().ToList();
        var now = clock.GetUtcNow();
        var v = new Validation();
        foreach (var p in IncidentRules.Validate(input.Title, input.Kind, input.StartedAt, input.EndedAt, now, input.Cause, input.Handling, zones.Count + systemIds.Count))
            v.Add(p.Field, p.Message);
        var affected = zones.Count + systemIds.Count <= IncidentRules.MaxAffected ? await AffectedAsync(zones, systemIds, v, ct) : [];
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TakeWriteTurnAsync(ct);
        var incident = new Incident
        {
            Number = await CaseNumbers.NextAsync(db.Incidents.Select(x => x.Number), "GZ", clock, ct), Title = Texts.Line(input.Title)!, Kind = input.Kind!.Value,
            StartedAt = input.StartedAt!.Value, EndedAt = input.EndedAt, Cause = Texts.OrNull(input.Cause), Handling = Texts.OrNull(input.Handling),
            RecordedBy = actor.UserName ?? "", RecordedAt = now, ClosedBy = input.EndedAt is null ? null : actor.UserName, Affected = affected,
        };
        db.Incidents.Add(incident);
        audit.Record(actor, AuditActions.IncidentRecorded, CaseType, incident.Id, null, new
        {
            incident.Number, incident.Title, kind = incident.Kind.ToString(), incident.StartedAt, incident.EndedAt, incident.Cause, incident.Handling,
            affected = affected.Select(Label).ToList(),
        });
        await TellAsync(incident, $"{incident.Kind.DisplayName()}：{incident.Number}《{incident.Title}》",
            $"{ChinaTime.Format(incident.StartedAt)} 起{string.Join("、", affected.Where(a => a.Zone is not null).Select(a => a.Zone))}" +
            $"{(affected.Any(a => a.Zone is not null) ? "网络分区" : "")}发生{incident.Kind.DisplayName()}" +
            (incident.EndedAt is { } end ? $"，已于 {ChinaTime.Format(end)} 恢复。" : "，信息化中心正在处置。"), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, incident.Id, ct);
    }

    /// <summary>恢复: the time service came back, with the handling and (now known) the cause; the agencies touched are told.</summary>
    public async Task<IncidentDto> CloseAsync(Actor actor, Guid id, IncidentClosing input, CancellationToken ct)
    {
        RequireHandler(actor);
        var incident = await db.Incidents.Include(i => i.Affected).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw ProblemException.NotFound("运行故障");
        ProblemException.CheckVersion(input.Version, incident.Version, "运行故障");
        var v = new Validation();
        foreach (var p in IncidentRules.ValidateClosing(incident.StartedAt, incident.EndedAt, input.EndedAt, clock.GetUtcNow(), input.Cause, input.Handling))
            v.Add(p.Field, p.Message);
        v.ThrowIfInvalid();
        (incident.EndedAt, incident.Handling, incident.ClosedBy) = (input.EndedAt, Texts.OrNull(input.Handling), actor.UserName);
        incident.Cause = Texts.OrNull(input.Cause) ?? incident.Cause;
        incident.Version++;
        audit.Record(actor, AuditActions.IncidentClosed, CaseType, incident.Id, new { endedAt = (DateTimeOffset?)null },
            new { incident.Number, incident.EndedAt, incident.Cause, incident.Handling });
        await TellAsync(incident, $"运行故障已恢复：{incident.Number}《{incident.Title}》",
            $"已于 {ChinaTime.Format(incident.EndedAt)} 恢复。处置情况：{incident.Handling}", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("该运行故障已被他人修改，请刷新后重试");
        }
        return await GetAsync(actor, id, ct);
    }

    public async Task<IncidentDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var (incidents, own) = await VisibleAsync(actor, ct);
        var i = await incidents.Include(x => x.Affected).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw ProblemException.NotFound("运行故障");
        var names = await OrganisationNamesAsync(i.Affected, ct);
        return new IncidentDto(i.Id, i.Number, i.Title, i.Kind, i.StartedAt, i.EndedAt, i.Cause, i.Handling, i.RecordedBy, i.RecordedAt, i.ClosedBy,
            Targets(i.Affected, own, names), i.EndedAt is null && actor.IsIn(Role.CenterOperator), i.Version);
    }

    /// <summary>A page of the list, the latest first.</summary>
    public async Task<Paged<IncidentRowDto>> ListAsync(Actor actor, IncidentQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var (incidents, own) = await FilteredAsync(actor, q, ct);
        var total = await incidents.CountAsync(ct);
        var rows = await incidents.Include(i => i.Affected).OrderByDescending(i => i.StartedAt).ThenByDescending(i => i.Number)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<IncidentRowDto>(await RowsAsync(rows, own, ct), total, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, IncidentQuery q, CancellationToken ct)
    {
        var (incidents, own) = await FilteredAsync(actor, q, ct);
        var rows = await RowsAsync(await incidents.Include(i => i.Affected).OrderByDescending(i => i.StartedAt).ToListAsync(ct), own, ct);
        IEnumerable<IDictionary<string, object?>> sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["故障编号"] = r.Number, ["故障名称"] = r.Title, ["故障类型"] = r.KindName, ["开始时间"] = ChinaTime.Format(r.StartedAt),
            ["恢复时间"] = ChinaTime.Format(r.EndedAt), ["持续（分钟）"] = r.Minutes, ["受影响范围"] = r.AffectedText, ["故障原因"] = r.Cause, ["处置情况"] = r.Handling,
        }).ToList();
        return await ExcelExport.ToXlsxAsync(sheet, "运行故障", ct);
    }

    /// <summary>The zones and the systems on the cloud an incident may name.</summary>
    public async Task<IncidentTargetsDto> AffectableAsync(Actor actor, CancellationToken ct)
    {
        RequireHandler(actor);
        var zones = await db.NetworkZones.AsNoTracking().Where(z => z.Active).OrderBy(z => z.No).Select(z => z.Name).ToListAsync(ct);
        var systems = await db.InfoSystems.AsNoTracking().Where(s => db.CloudVms.Any(v => v.SystemId == s.Id && v.ReclaimedOn == null))
            .Select(s => new { s.Id, s.Name, Agency = s.Organisation!.Name }).ToListAsync(ct);
        return new IncidentTargetsDto(zones, systems.OrderBy(s => s.Agency, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new NamedDto(s.Id, $"{s.Agency}《{s.Name}》")).ToList());
    }

    /// <summary>
    /// 可用率 of one month (China time; a month under way up to now, and <see cref="AvailabilityReport.To"/> says today) per zone and per system, from the outages recorded. A system is
    /// down when it is named, or when a zone it has VMs in is. An agency reads every zone and its own systems.
    /// </summary>
    public async Task<AvailabilityReport> AvailabilityAsync(Actor actor, string? month, CancellationToken ct) =>
        await AvailabilityAsync(await scope.OrganisationsAsync(actor, ct), month, ct);

    /// <summary>The availability of the organisations <paramref name="visible"/> (null: the whole city, as the monthly bulletin counts it).</summary>
    internal async Task<AvailabilityReport> AvailabilityAsync(IReadOnlyCollection<Guid>? visible, string? month, CancellationToken ct)
    {
        var (from, to, label) = Month(month);
        var now = clock.GetUtcNow();
        var until = to < now ? to : now;
        var outages = await db.Incidents.AsNoTracking().Include(i => i.Affected)
            .Where(i => i.Kind == IncidentKind.Outage && i.StartedAt < until && (i.EndedAt == null || i.EndedAt > from)).ToListAsync(ct);
        var target = options.Value.Monitoring.AvailabilityTargetPercent;
        var start = ChinaTime.DateOf(from);
        var vms = await db.CloudVms.AsNoTracking().Where(v => v.ReclaimedOn == null || v.ReclaimedOn >= start)
            .Where(v => visible == null || visible.Contains(v.OrganisationId))
            .Select(v => new { v.SystemId, v.Zone, System = v.System!.Name, Agency = v.Organisation!.Name }).ToListAsync(ct);
        var zoneNames = await db.NetworkZones.AsNoTracking().Where(z => z.Active).OrderBy(z => z.No).Select(z => z.Name).ToListAsync(ct);

        AvailabilityRow Row(string key, string name, string? agency, IReadOnlyList<Incident> hit)
        {
            var down = Availability.Downtime(hit.Select(i => (i.StartedAt, i.EndedAt)), from, until);
            var percent = Math.Round(Availability.Percent(down, from, until), 3);
            return new AvailabilityRow(key, name, agency, (int)Math.Round(down.TotalMinutes), percent, hit.Count, percent < target);
        }

        var zones = zoneNames.Union(outages.SelectMany(i => i.Affected).Select(a => a.Zone).OfType<string>())
            .Select(z => Row(z, z, null, outages.Where(i => i.Affected.Any(a => a.Zone == z)).ToList())).ToList();
        var systems = vms.GroupBy(v => v.SystemId).Select(g =>
        {
            var inZones = g.Select(v => v.Zone).ToHashSet();
            var hit = outages.Where(i => i.Affected.Any(a => a.SystemId == g.Key || (a.Zone is not null && inZones.Contains(a.Zone)))).ToList();
            return Row(g.Key.ToString(), g.First().System, g.First().Agency, hit);
        }).OrderBy(r => r.Percent).ThenBy(r => r.Agency, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new AvailabilityReport(label, ChinaTime.DateOf(from), ChinaTime.DateOf(until.AddTicks(-1)), target, zones, systems);
    }

    /// <summary>yyyy-MM as a China-time period [first day, first day of the next); the month before the current one when not given.</summary>
    public (DateTimeOffset From, DateTimeOffset To, string Label) Month(string? month)
    {
        var today = ChinaTime.Today(clock);
        DateOnly first;
        if (string.IsNullOrWhiteSpace(month)) first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        else if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", out first) || first > today || first < today.AddYears(-5))
            throw ProblemException.Invalid("month", "月份格式为 yyyy-MM，且在近五年内、不晚于本月");
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        return (from, from.AddMonths(1), first.ToString("yyyy-MM"));
    }

    private async Task<(IQueryable<Incident> Incidents, IReadOnlyCollection<Guid>? Own)> VisibleAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        if (visible is null) return (db.Incidents.AsNoTracking(), null);
        // An agency's incidents: those naming its systems, or a zone it has VMs in.
        var zones = await db.CloudVms.AsNoTracking().Where(v => visible.Contains(v.OrganisationId) && v.ReclaimedOn == null).Select(v => v.Zone).Distinct().ToListAsync(ct);
        return (db.Incidents.AsNoTracking().Where(i => i.Affected.Any(a => (a.OrganisationId != null && visible.Contains(a.OrganisationId.Value))
                                                                        || (a.Zone != null && zones.Contains(a.Zone)))), visible);
    }

    private async Task<(IQueryable<Incident> Incidents, IReadOnlyCollection<Guid>? Own)> FilteredAsync(Actor actor, IncidentQuery q, CancellationToken ct)
    {
        var range = options.Value.Dates.Around(ChinaTime.Today(clock));
        var v = new Validation().Date(q.From, "from", "开始日期", range).Date(q.To, "to", "结束日期", range);
        if (q.From > q.To) v.Add("from", "开始日期不能晚于结束日期");
        v.ThrowIfInvalid();
        var (incidents, own) = await VisibleAsync(actor, ct);
        if (q.Kind is { } kind) incidents = incidents.Where(i => i.Kind == kind);
        if (q.Open is true) incidents = incidents.Where(i => i.EndedAt == null);
        if (q.Open is false) incidents = incidents.Where(i => i.EndedAt != null);
        if (Texts.Line(q.Zone) is { } zone) incidents = incidents.Where(i => i.Affected.Any(a => a.Zone == zone));
        if (q.From is { } from) incidents = incidents.Where(i => i.StartedAt >= ChinaTime.EndOfDay(from.AddDays(-1)));
        if (q.To is { } to) incidents = incidents.Where(i => i.StartedAt < ChinaTime.EndOfDay(to));
        if (Texts.Line(q.Q) is { } text) incidents = incidents.Where(i => i.Number.Contains(text) || i.Title.Contains(text));
        return (incidents, own);
    }

    private async Task<List<IncidentRowDto>> RowsAsync(List<Incident> incidents, IReadOnlyCollection<Guid>? own, CancellationToken ct)
    {
        var names = await OrganisationNamesAsync(incidents.SelectMany(i => i.Affected), ct);
        var now = clock.GetUtcNow();
        return incidents.Select(i => new IncidentRowDto(i.Id, i.Number, i.Title, i.Kind, i.StartedAt, i.EndedAt,
            (int)Math.Round(((i.EndedAt ?? now) - i.StartedAt).TotalMinutes), string.Join("、", Targets(i.Affected, own, names).Select(t => t.Label)),
            i.Cause, i.Handling)).ToList();
    }

    /// <summary>Whom the reader may see touched: every zone; systems, for an agency only its own.</summary>
    private static List<IncidentTargetDto> Targets(IEnumerable<IncidentTarget> affected, IReadOnlyCollection<Guid>? own, IReadOnlyDictionary<Guid, string> names) =>
        affected.Where(a => a.Zone is not null || own == null || own.Contains(a.OrganisationId!.Value))
            .OrderBy(a => a.Zone is null).ThenBy(a => a.Zone, StringComparer.Ordinal).ThenBy(a => a.SystemName, StringComparer.Ordinal)
            .Select(a => new IncidentTargetDto(a.Zone, a.SystemId, a.SystemName, a.OrganisationId is { } o ? names.GetValueOrDefault(o) : null)).ToList();

    private async Task<Dictionary<Guid, string>> OrganisationNamesAsync(IEnumerable<IncidentTarget> affected, CancellationToken ct)
    {
        var ids = affected.Select(a => a.OrganisationId).OfType<Guid>().Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    /// <summary>Zones named must exist; systems named must be on the cloud. Each unknown one is said at its field.</summary>
    private async Task<List<IncidentTarget>> AffectedAsync(List<string> zones, List<Guid> systemIds, Validation v, CancellationToken ct)
    {
        var known = await db.NetworkZones.AsNoTracking().Where(z => zones.Contains(z.Name)).Select(z => z.Name).ToListAsync(ct);
        var systems = await db.InfoSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.OrganisationId }).ToListAsync(ct);
        for (var i = 0; i < zones.Count; i++)
            if (!known.Contains(zones[i])) v.Add($"zones[{i}]", $"第 {i + 1} 个网络分区不存在");
        for (var i = 0; i < systemIds.Count; i++)
            if (systems.All(s => s.Id != systemIds[i])) v.Add($"systemIds[{i}]", $"第 {i + 1} 个信息系统不存在");
        return [.. zones.Where(known.Contains).Select(z => new IncidentTarget { Zone = z }),
            .. systems.Select(s => new IncidentTarget { SystemId = s.Id, SystemName = s.Name, OrganisationId = s.OrganisationId })];
    }

    /// <summary>The agencies touched (systems named, or VMs in a zone named) hear through their operators, and the Bureau.</summary>
    private async Task TellAsync(Incident incident, string title, string body, CancellationToken ct)
    {
        var zones = incident.Affected.Select(a => a.Zone).OfType<string>().ToList();
        var agencies = incident.Affected.Select(a => a.OrganisationId).OfType<Guid>().ToHashSet();
        agencies.UnionWith(await db.CloudVms.AsNoTracking().Where(v => zones.Contains(v.Zone) && v.ReclaimedOn == null).Select(v => v.OrganisationId).Distinct().ToListAsync(ct));
        var people = new HashSet<Guid>();
        foreach (var agency in agencies) people.UnionWith(await inbox.RecipientsAsync(agency, Role.AgencyOperator, ct));
        people.UnionWith(await inbox.RecipientsAsync(null, Role.BureauApprover, ct));
        var key = $"incident:{incident.Id}:{(incident.EndedAt is null ? "open" : "closed")}";
        await inbox.NotifyAsync(people, NotificationKinds.Incident, title, body, $"/operations?incident={incident.Id}", key, ct);
    }

    private static string Label(IncidentTarget t) => t.Zone is not null ? $"{t.Zone}网络分区" : $"《{t.SystemName}》";

    private static void RequireHandler(Actor actor)
    {
        if (!actor.IsIn(Role.CenterOperator)) throw ProblemException.Forbidden("运行故障由信息化中心运维人员登记");
    }
}
