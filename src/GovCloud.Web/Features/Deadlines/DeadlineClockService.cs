using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Features.Calendar;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Deadlines;

/// <summary>What a process says when it starts a clock for one of its steps.</summary>
public sealed record ClockStart(
    string CaseType, string CaseId, string CaseTitle, string Step, string StepName,
    Guid OrganisationId, Role ResponsibleRole, Period Period, DateTimeOffset At);

public sealed record ClockDto(
    Guid Id, string CaseType, string CaseId, string CaseTitle, string Step, string StepName,
    Guid OrganisationId, string OrganisationName, Role ResponsibleRole, string Period, DateTimeOffset StartedAt,
    DateOnly? DueOn, DateTimeOffset? DueAt, ClockState State, DateTimeOffset? CompletedAt, int? WorkingDaysLeft, Urgency? Urgency)
{
    public string StateName => State.DisplayName();
    public string ResponsibleRoleName => ResponsibleRole.DisplayName();
}

public sealed record ClockQuery(ClockState? State = null, string? Step = null, Guid? OrganisationId = null, string? CaseType = null,
    string? CaseId = null, bool? DueSoon = null, int? Page = null, int? PageSize = null);

/// <summary>
/// Starts, pauses, resumes and completes deadline clocks for the processes, and keeps their last
/// days right when the calendar changes. Every change is audited with the case it belongs to.
/// </summary>
public sealed class DeadlineClockService(
    GovCloudDbContext db, CalendarCache calendars, DataScope scope, AuditLog audit, TimeProvider clock, IOptions<GovCloudOptions> options)
{
    public async Task<DeadlineClock> StartAsync(Actor actor, ClockStart start, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(db, ct);
        var startedOn = ChinaTime.DateOf(start.At);
        var entity = new DeadlineClock
        {
            CaseType = start.CaseType, CaseId = start.CaseId, CaseTitle = Texts.Fit(start.CaseTitle, 200), Step = start.Step, StepName = start.StepName,
            OrganisationId = start.OrganisationId, ResponsibleRole = start.ResponsibleRole, StartedAt = start.At, StartedOn = startedOn,
            PeriodLength = start.Period.Length, PeriodUnit = start.Period.Unit, State = ClockState.Running,
        };
        SetDue(entity, calendar);
        db.DeadlineClocks.Add(entity);
        audit.Record(actor, AuditActions.ClockStarted, "DeadlineClock", entity.Id,
            after: new { entity.CaseType, entity.CaseId, entity.Step, entity.StepName, period = start.Period.ToString(), entity.DueOn });
        await db.SaveChangesAsync(ct);
        return entity;
    }

    /// <summary>Stops the clock (e.g. returned to the agency for revision); the days it stands still do not count.</summary>
    public async Task<DeadlineClock> PauseAsync(Actor actor, Guid id, string? reason, CancellationToken ct)
    {
        var entity = await LoadAsync(id, ct);
        if (entity.State != ClockState.Running) throw new ProblemException(409, "无法暂停", $"当前状态为“{entity.State.DisplayName()}”，只有计时中的时限可以暂停");
        entity.Pauses.Add(new ClockPause { ClockId = entity.Id, From = Today, Reason = reason });
        entity.State = ClockState.Paused;
        entity.DueOn = null;
        entity.DueAt = null;
        entity.Version++;
        audit.Record(actor, AuditActions.ClockPaused, "DeadlineClock", entity.Id, after: new { reason, from = Today });
        await db.SaveChangesAsync(ct);
        return entity;
    }

    public async Task<DeadlineClock> ResumeAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var entity = await LoadAsync(id, ct);
        if (entity.State != ClockState.Paused) throw new ProblemException(409, "无法恢复", $"当前状态为“{entity.State.DisplayName()}”，只有已暂停的时限可以恢复");
        entity.Pauses.Single(p => p.Until is null).Until = Today;
        entity.State = ClockState.Running;
        SetDue(entity, await calendars.GetAsync(db, ct));
        entity.Version++;
        audit.Record(actor, AuditActions.ClockResumed, "DeadlineClock", entity.Id, after: new { entity.DueOn });
        await db.SaveChangesAsync(ct);
        return entity;
    }

    /// <summary>The step is done: met when done by the end of the last day, otherwise it stays overdue.</summary>
    public async Task<DeadlineClock> CompleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var entity = await LoadAsync(id, ct);
        if (!entity.State.IsOpen() && entity.State != ClockState.Overdue)
            throw new ProblemException(409, "无法完成", $"当前状态为“{entity.State.DisplayName()}”");
        if (entity.CompletedAt is not null) throw new ProblemException(409, "无法完成", "该时限已完成");
        var now = clock.GetUtcNow();
        if (entity.State == ClockState.Paused) SetDue(entity, await calendars.GetAsync(db, ct), resumeToday: true);
        entity.CompletedAt = now;
        entity.State = entity.DueOn is { } due ? ClockRules.Completed(ChinaTime.DateOf(now), due) : ClockState.Met;
        entity.Version++;
        audit.Record(actor, AuditActions.ClockCompleted, "DeadlineClock", entity.Id, after: new { state = entity.State.ToString(), entity.CompletedAt });
        await db.SaveChangesAsync(ct);
        return entity;
    }

    public async Task<DeadlineClock> CancelAsync(Actor actor, Guid id, string reason, CancellationToken ct)
    {
        var entity = await LoadAsync(id, ct);
        if (!entity.State.IsOpen()) throw new ProblemException(409, "无法取消", $"当前状态为“{entity.State.DisplayName()}”");
        entity.State = ClockState.Cancelled;
        entity.Version++;
        audit.Record(actor, AuditActions.ClockCancelled, "DeadlineClock", entity.Id, after: new { reason });
        await db.SaveChangesAsync(ct);
        return entity;
    }

    /// <summary>After a calendar change: every running clock gets its last day computed again; those that move are audited.</summary>
    public async Task<int> RecomputeAsync(Actor actor, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(db, ct);
        var running = await db.DeadlineClocks.Include(c => c.Pauses).Where(c => c.State == ClockState.Running).ToListAsync(ct);
        var moved = 0;
        foreach (var entity in running)
        {
            var before = entity.DueOn;
            SetDue(entity, calendar);
            if (entity.DueOn == before) continue;
            moved++;
            entity.Version++;
            audit.Record(actor, AuditActions.ClockRecomputed, "DeadlineClock", entity.Id, new { DueOn = before }, new { entity.DueOn });
        }
        await db.SaveChangesAsync(ct);
        return moved;
    }

    public async Task<Paged<ClockDto>> ListAsync(Actor actor, ClockQuery q, CancellationToken ct)
    {
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var query = await FilterAsync(actor, q, ct);
        var total = await query.CountAsync(ct);
        var items = await DtosAsync(query.OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).Skip((page - 1) * size).Take(size), ct);
        return new Paged<ClockDto>(items, total, page, size);
    }

    /// <summary>Open clocks the actor's organisation and roles must act on (the home page's 待办 and 即将超期), soonest first.</summary>
    public async Task<IReadOnlyList<ClockDto>> MineAsync(Actor actor, int take, CancellationToken ct)
    {
        var roles = actor.Roles.ToList();
        return await DtosAsync(db.DeadlineClocks.AsNoTracking()
            .Where(c => c.OrganisationId == actor.OrganisationId && roles.Contains(c.ResponsibleRole)
                        && (c.State == ClockState.Running || c.State == ClockState.Paused || (c.State == ClockState.Overdue && c.CompletedAt == null)))
            .OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).Take(take), ct);
    }

    public async Task<ClockDto> GetAsync(Actor actor, Guid id, CancellationToken ct) =>
        (await DtosAsync((await FilterAsync(actor, new ClockQuery(), ct)).Where(c => c.Id == id), ct)).FirstOrDefault()
        ?? throw ProblemException.NotFound("时限");

    /// <summary>The clocks still open (running, paused, or overdue and not done) of the given cases, for a caller that has checked it may see them.</summary>
    public async Task<IReadOnlyList<ClockDto>> OpenOfCasesAsync(IReadOnlyCollection<string> caseIds, CancellationToken ct) =>
        caseIds.Count == 0 ? [] : await DtosAsync(db.DeadlineClocks.AsNoTracking().Where(c => caseIds.Contains(c.CaseId) && c.CompletedAt == null
            && (c.State == ClockState.Running || c.State == ClockState.Paused || c.State == ClockState.Overdue)), ct);

    /// <summary>The clocks of one case, oldest first, for a caller that has already checked it may see the case.</summary>
    public async Task<IReadOnlyList<ClockDto>> ForCaseAsync(string caseType, string caseId, CancellationToken ct) =>
        await DtosAsync(db.DeadlineClocks.AsNoTracking().Where(c => c.CaseType == caseType && c.CaseId == caseId).OrderBy(c => c.StartedAt), ct);

    /// <summary>Clocks with their organisation's name and, from the calendar, days left and urgency.</summary>
    private async Task<List<ClockDto>> DtosAsync(IQueryable<DeadlineClock> query, CancellationToken ct)
    {
        var rows = await query.Select(c => new { Clock = c, OrganisationName = c.Organisation!.Name }).ToListAsync(ct);
        var calendar = await calendars.GetAsync(db, ct);
        return rows.Select(r => ToDto(r.Clock, r.OrganisationName, calendar)).ToList();
    }

    internal async Task<IQueryable<DeadlineClock>> FilterAsync(Actor actor, ClockQuery q, CancellationToken ct)
    {
        var visible = await scope.OrganisationsAsync(actor, ct);
        var query = db.DeadlineClocks.AsNoTracking();
        if (visible is not null) query = query.Where(c => visible.Contains(c.OrganisationId));
        if (q.State is { } state) query = query.Where(c => c.State == state);
        if (!string.IsNullOrWhiteSpace(q.Step)) query = query.Where(c => c.Step == q.Step);
        if (q.OrganisationId is { } org) query = query.Where(c => c.OrganisationId == org);
        if (!string.IsNullOrWhiteSpace(q.CaseType)) query = query.Where(c => c.CaseType == q.CaseType);
        if (!string.IsNullOrWhiteSpace(q.CaseId)) query = query.Where(c => c.CaseId == q.CaseId);
        if (q.DueSoon == true)
        {
            var calendar = await calendars.GetAsync(db, ct);
            var horizon = ChinaTime.EndOfDay(calendar.AddWorkingDays(Today, Math.Max(1, options.Value.Deadlines.WarnWorkingDaysBefore.Max())));
            query = query.Where(c => c.State == ClockState.Running && c.DueAt <= horizon);
        }
        return query;
    }

    internal ClockDto ToDto(DeadlineClock c, string organisationName, WorkCalendar calendar)
    {
        var open = c.State == ClockState.Running && c.DueOn is not null;
        var warn = options.Value.Deadlines.WarnWorkingDaysBefore.DefaultIfEmpty(0).Max();
        return new ClockDto(c.Id, c.CaseType, c.CaseId, c.CaseTitle, c.Step, c.StepName, c.OrganisationId, organisationName, c.ResponsibleRole,
            c.Period.ToString(), c.StartedAt, c.DueOn, c.DueAt, c.State, c.CompletedAt,
            open ? ClockRules.WorkingDaysLeft(calendar, Today, c.DueOn!.Value) : null,
            open ? ClockRules.UrgencyOf(calendar, Today, c.DueOn!.Value, warn) : c.State == ClockState.Overdue ? Urgency.Red : null);
    }

    private DateOnly Today => ChinaTime.Today(clock);

    private async Task<DeadlineClock> LoadAsync(Guid id, CancellationToken ct) =>
        await db.DeadlineClocks.Include(c => c.Pauses).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw ProblemException.NotFound("时限");

    private void SetDue(DeadlineClock entity, WorkCalendar calendar, bool resumeToday = false)
    {
        var pauses = entity.Pauses.OrderBy(p => p.From)
            .Select(p => new Pause(p.From, p.Until ?? (resumeToday ? Today : null))).ToList();
        var result = DeadlineRules.Compute(calendar, entity.StartedOn, entity.Period, pauses);
        entity.DueOn = result.LastDay;
        entity.DueAt = ChinaTime.EndOfDay(result.LastDay);
    }
}
