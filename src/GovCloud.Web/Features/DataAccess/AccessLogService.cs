using GovCloud.Domain.DataAccess;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.DataAccess;

/// <summary>
/// 访问日志: what happened around an agency's systems, newest first — each grant asked, approved, refused,
/// withdrawn, revoked, run out, each emergency access and its review, and every check of the bastion host, allowed or denied.
/// An agency reads its own systems' lines; the Center's operators, the Bureau and the regulators every agency's (checks on targets
/// the platform does not know too). Grant steps are read from the grants; checks from their own table.
/// </summary>
public sealed class AccessLogService(GovCloudDbContext db, DataScope scope, Inbox.InboxService inbox, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    /// <summary>An export holds at most this many lines; a longer period is exported in parts.</summary>
    public const int MaxExportLines = 100_000;

    public const string GrantKind = "grant";
    public const string CheckKind = "check";

    public async Task<Paged<AccessLogLineDto>> ListAsync(Actor actor, AccessLogQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var (steps, checks) = await SourcesAsync(actor, q, ct);
        var total = steps.Count + await checks.CountAsync(ct);
        // Both sources are newest first: the page is within the first page × size lines of each. Only the grants with a line on the
        // page are read in full.
        var wanted = page * size;
        var checkLines = await CheckLinesAsync(checks.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(wanted), ct);
        var onPage = steps.OrderByDescending(x => x.At).Take(wanted).Select(x => (x.At, Step: (StepRef?)x, Line: (AccessLogLineDto?)null))
            .Concat(checkLines.Select(l => (l.At, Step: (StepRef?)null, Line: (AccessLogLineDto?)l)))
            .OrderByDescending(x => x.At).Skip((page - 1) * size).Take(size).ToList();
        var lines = await LinesAsync(onPage.Where(x => x.Step is not null).Select(x => x.Step!).ToList(), ct);
        return new Paged<AccessLogLineDto>(onPage.Select(x => x.Line ?? lines[x.Step!]).ToList(), total, page, size);
    }

    public async Task<byte[]> ExportAsync(Actor actor, AccessLogQuery q, CancellationToken ct)
    {
        var (steps, checks) = await SourcesAsync(actor, q, ct);
        var checkLines = await CheckLinesAsync(checks.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(MaxExportLines), ct);
        var kept = steps.OrderByDescending(x => x.At).Take(MaxExportLines).ToList();
        var stepLines = await LinesAsync(kept, ct);
        var lines = stepLines.Values.Concat(checkLines).OrderByDescending(l => l.At).Take(MaxExportLines);
        IEnumerable<IDictionary<string, object?>> sheet = lines.Select(l => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["时间"] = ChinaTime.Format(l.At), ["类别"] = l.Kind, ["使用单位"] = l.OrganisationName, ["信息系统"] = l.SystemName, ["运维人员"] = l.OperatorUserName,
            ["内容"] = l.What, ["结果"] = l.Outcome, ["授权编号"] = l.GrantNumber,
        }).ToList();
        return await ExcelExport.ToXlsxAsync(sheet, "访问日志", ct);
    }

    /// <summary>
    /// 月度访问情况: early each month every agency whose systems saw access requests or checks last month gets a summary in its
    /// inbox (its security officers, or its operators when it has none). Sent once for the month whichever instance gets there first:
    /// the month's marker is written with the messages, in one save.
    /// </summary>
    public async Task<int> SummariseLastMonthAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var marker = $"access-summary:{first:yyyy-MM}";
        if (await db.JobLeases.AnyAsync(l => l.Name == marker, ct)) return 0;
        var (from, to) = (ChinaTime.EndOfDay(first.AddDays(-1)), ChinaTime.EndOfDay(first.AddMonths(1).AddDays(-1)));
        var grants = await db.AccessGrants.AsNoTracking().Where(g => g.RequestedAt >= from && g.RequestedAt < to).GroupBy(g => g.OrganisationId)
            .Select(g => new
            {
                Organisation = g.Key, Requested = g.Count(x => !x.IsEmergency), Refused = g.Count(x => x.State == AccessGrantState.Refused),
                Emergency = g.Count(x => x.IsEmergency), Unreviewed = g.Count(x => x.IsEmergency && x.Review == null),
            }).ToListAsync(ct);
        var checks = await db.AccessChecks.AsNoTracking().Where(c => c.At >= from && c.At < to && c.OrganisationId != null).GroupBy(c => c.OrganisationId!.Value)
            .Select(g => new { Organisation = g.Key, Count = g.Count(), Denied = g.Count(x => x.Outcome != AccessCheckOutcome.Allowed) }).ToListAsync(ct);
        var sent = 0;
        foreach (var org in grants.Select(g => g.Organisation).Union(checks.Select(c => c.Organisation)))
        {
            var g = grants.FirstOrDefault(x => x.Organisation == org);
            var c = checks.FirstOrDefault(x => x.Organisation == org);
            var body = $"{first.Year}年{first.Month}月，信息化中心申请访问本单位系统 {g?.Requested ?? 0} 次（未获同意 {g?.Refused ?? 0} 次），应急访问 {g?.Emergency ?? 0} 次" +
                       (g?.Unreviewed > 0 ? $"（{g.Unreviewed} 次待事后审查）" : "") + $"；堡垒机核验 {c?.Count ?? 0} 次，其中拒绝 {c?.Denied ?? 0} 次。详见访问日志。";
            sent += await inbox.NotifyAsync(await inbox.SecurityPeopleAsync([org], ct), Inbox.NotificationKinds.DataAccess, $"{first.Year}年{first.Month}月访问情况",
                body, "/data-access?tab=log", $"{marker}:{org}", ct);
        }
        db.JobLeases.Add(new JobLease { Name = marker, Holder = "done", ExpiresAt = clock.GetUtcNow().AddYears(100) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0; // another instance sent it a moment ago
        }
        return sent;
    }

    /// <summary>The systems whose log the reader may filter by: an agency its own, everyone else every agency's.</summary>
    public async Task<IReadOnlyList<Supervision.NamedDto>> SystemsAsync(Actor actor, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var systems = await db.InfoSystems.AsNoTracking().Where(s => visible == null || visible.Contains(s.OrganisationId))
            .Select(s => new { s.Id, s.Name, Organisation = s.Organisation!.Name }).ToListAsync(ct);
        return systems.OrderBy(s => s.Organisation, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new Supervision.NamedDto(s.Id, visible is { Count: 1 } ? s.Name : $"{s.Organisation}《{s.Name}》")).ToList();
    }

    /// <summary>The grant steps in the period (few: read whole) and the checks in it (many: left as a query).</summary>
    private async Task<(List<StepRef> Steps, IQueryable<AccessCheck> Checks)> SourcesAsync(Actor actor, AccessLogQuery q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q.Kind)) q = q with { Kind = null };
        var range = options.Value.Dates.Around(ChinaTime.Today(clock));
        new Validation().Date(q.From, "from", "开始日期", range).Date(q.To, "to", "结束日期", range)
            .Check(q.Kind is null or GrantKind or CheckKind, "kind", "kind 须为 grant（授权）或 check（访问核验）").ThrowIfInvalid();
        var visible = await scope.OrganisationsAsync(actor, ct);
        var from = q.From is { } f ? ChinaTime.EndOfDay(f.AddDays(-1)) : DateTimeOffset.MinValue;
        var to = q.To is { } t ? ChinaTime.EndOfDay(t) : DateTimeOffset.MaxValue;
        var op = Texts.Line(q.Operator);

        var steps = new List<StepRef>();
        if (q.Kind is null or GrantKind)
        {
            var grants = db.AccessGrants.AsNoTracking().Where(g => visible == null || visible.Contains(g.OrganisationId));
            if (q.OrganisationId is { } org) grants = grants.Where(g => g.OrganisationId == org);
            if (q.SystemId is { } system) grants = grants.Where(g => g.SystemId == system);
            if (op is not null) grants = grants.Where(g => g.OperatorUserName == op);
            // A grant has a line in the period when any of its moments falls in it; the window's end is the latest of them.
            grants = grants.Where(g => g.RequestedAt < to && (g.EndsAt >= from || g.ReviewedAt >= from || g.EndedAt >= from || g.DecidedAt >= from));
            // Only the moments are read here: the text of the lines is made for the page shown.
            var moments = await grants.Select(g => new Moments(g.Id, g.RequestedAt, g.DecidedAt, g.EndedAt, g.EndsAt, g.ReviewedAt, g.State, g.IsEmergency, g.Review))
                .ToListAsync(ct);
            var now = clock.GetUtcNow();
            foreach (var m in moments)
                steps.AddRange(StepsOf(m, now).Where(x => x.At >= from && x.At < to && (q.DeniedOnly != true || Denied(x.Step, m.Review)))
                    .Select(x => new StepRef(m.Id, x.At, x.Step)));
        }

        var checks = db.AccessChecks.AsNoTracking().Where(c => visible == null || (c.OrganisationId != null && visible.Contains(c.OrganisationId.Value)));
        if (q.Kind == GrantKind) checks = checks.Where(c => false);
        if (q.OrganisationId is { } o) checks = checks.Where(c => c.OrganisationId == o);
        if (q.SystemId is { } s) checks = checks.Where(c => c.SystemId == s);
        if (op is not null) checks = checks.Where(c => c.OperatorUserName == op);
        if (q.DeniedOnly == true) checks = checks.Where(c => c.Outcome != AccessCheckOutcome.Allowed);
        if (q.From is not null) checks = checks.Where(c => c.At >= from);
        if (q.To is not null) checks = checks.Where(c => c.At < to);
        return (steps, checks);
    }

    private enum Step { Requested, Emergency, Approved, Refused, Withdrawn, Revoked, Expired, Reviewed }

    /// <summary>When a grant did what: the few columns the log is ordered and counted by.</summary>
    private sealed record Moments(Guid Id, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, DateTimeOffset? EndedAt, DateTimeOffset EndsAt,
        DateTimeOffset? ReviewedAt, AccessGrantState State, bool IsEmergency, EmergencyReview? Review);

    /// <summary>One line of a grant in the log, before its text is made.</summary>
    private sealed record StepRef(Guid GrantId, DateTimeOffset At, Step Step);

    /// <summary>The steps of one grant: asked (or opened in an emergency), decided, withdrawn or revoked or run out, reviewed.</summary>
    private static IEnumerable<(DateTimeOffset At, Step Step)> StepsOf(Moments m, DateTimeOffset now)
    {
        yield return (m.RequestedAt, m.IsEmergency ? Step.Emergency : Step.Requested);
        if (!m.IsEmergency && m.DecidedAt is { } decided) yield return (decided, m.State == AccessGrantState.Refused ? Step.Refused : Step.Approved);
        if (m.EndedAt is { } ended) yield return (ended, m.State == AccessGrantState.Withdrawn ? Step.Withdrawn : Step.Revoked);
        else if (m.State == AccessGrantState.Approved && m.EndsAt <= now) yield return (m.EndsAt, Step.Expired);
        if (m.ReviewedAt is { } reviewed) yield return (reviewed, Step.Reviewed);
    }

    private static bool Denied(Step step, EmergencyReview? review) => step == Step.Refused || (step == Step.Reviewed && review == EmergencyReview.Disputed);

    /// <summary>The text of the lines given, reading their grants (with agency and targets) in one query.</summary>
    private async Task<Dictionary<StepRef, AccessLogLineDto>> LinesAsync(List<StepRef> steps, CancellationToken ct)
    {
        if (steps.Count == 0) return [];
        var ids = steps.Select(x => x.GrantId).Distinct().ToList();
        var grants = await db.AccessGrants.AsNoTracking().Where(g => ids.Contains(g.Id))
            .Select(g => new { Grant = g, Organisation = g.Organisation!.Name, Targets = g.Targets.OrderBy(x => x.Id).Select(x => x.Label).ToList() })
            .ToDictionaryAsync(x => x.Grant.Id, ct);
        return steps.Distinct().ToDictionary(x => x, x =>
        {
            var found = grants[x.GrantId];
            return Line(found.Grant, found.Organisation, string.Join("、", found.Targets), x);
        });
    }

    private static AccessLogLineDto Line(AccessGrant g, string organisation, string targets, StepRef x)
    {
        AccessLogLineDto Make(string kind, string who, string what, string? outcome = null) =>
            new(x.At, kind, organisation, g.SystemName, who, what, outcome, Denied(x.Step, g.Review), g.Number, g.Id);
        var window = $"{ChinaTime.Format(g.StartsAt)} 至 {ChinaTime.Format(g.EndsAt)}";
        return x.Step switch
        {
            Step.Emergency => Make("应急访问", g.OperatorUserName, $"开启应急{g.Mode.DisplayName()}访问 {targets}，{window}。原因：{g.Purpose}"),
            Step.Requested => Make("申请授权", g.OperatorUserName,
                $"申请{g.Mode.DisplayName()}访问 {targets}，{window}。目的：{g.Purpose}（{g.TicketKind?.DisplayName()} {g.TicketNumber}）"),
            Step.Refused => Make("拒绝授权", g.DecidedBy ?? "", $"拒绝访问申请。{g.DecisionComment}", "已拒绝"),
            Step.Approved => Make("批准授权", g.DecidedBy ?? "", $"批准访问申请。{g.DecisionComment}", "已批准"),
            Step.Withdrawn => Make("撤回申请", g.EndedBy ?? "", "撤回访问申请"),
            Step.Revoked => Make("撤销授权", g.EndedBy ?? "", $"撤销访问授权，堡垒机此后拒绝该授权的访问。{g.EndReason}", "已撤销"),
            Step.Expired => Make("授权到期", "系统", "访问时段结束，授权自动失效", "已到期"),
            _ => Make("事后审查", g.ReviewedBy ?? "", $"应急访问审查：{g.Review?.DisplayName()}。{g.ReviewComment}", g.Review?.DisplayName()),
        };
    }

    private async Task<List<AccessLogLineDto>> CheckLinesAsync(IQueryable<AccessCheck> checks, CancellationToken ct)
    {
        var list = await checks.Select(c => new
        {
            c.At, c.OperatorUserName, c.Target, c.TargetLabel, c.Action, c.Outcome, c.GrantId, c.OrganisationId, c.SystemId,
        }).ToListAsync(ct);
        var orgIds = list.Where(c => c.OrganisationId != null).Select(c => c.OrganisationId!.Value).Distinct().ToList();
        var systemIds = list.Where(c => c.SystemId != null).Select(c => c.SystemId!.Value).Distinct().ToList();
        var grantIds = list.Where(c => c.GrantId != null).Select(c => c.GrantId!.Value).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var systems = await db.InfoSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var numbers = await db.AccessGrants.AsNoTracking().Where(g => grantIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Number, ct);
        return list.Select(c => new AccessLogLineDto(c.At, "访问核验", c.OrganisationId is { } o ? orgs.GetValueOrDefault(o, "") : "（未知对象）",
            c.SystemId is { } s ? systems.GetValueOrDefault(s) : null, c.OperatorUserName,
            $"{c.Action.DisplayName()} {c.TargetLabel ?? c.Target}" + (c.TargetLabel is not null && !Guid.TryParse(c.Target, out _) && !c.TargetLabel.Contains(c.Target, StringComparison.OrdinalIgnoreCase) ? $"（请求对象 {c.Target}）" : ""),
            c.Outcome.DisplayName(), c.Outcome != AccessCheckOutcome.Allowed, c.GrantId is { } g ? numbers.GetValueOrDefault(g) : null, c.GrantId)).ToList();
    }
}
