using System.Net;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Deadlines;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>
/// Deadline clocks: started by a process, listed within scope, moved by pauses and calendar changes,
/// warned on before the last day, marked overdue and escalated after it — on both databases.
/// The app's clock is fixed at Monday 2026-03-02 09:00 Beijing time.
/// </summary>
public abstract class DeadlineTests(Provider provider)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected static readonly DateTimeOffset Monday = DeadlineKit.Monday;

    protected GovCloudApp NewApp(MovableClock clock, string? connection = null) => new(provider, connection, clock: clock);

    [Fact]
    public async Task A_clock_is_listed_with_its_last_day_for_those_who_may_see_it()
    {
        await using var app = NewApp(new MovableClock(Monday));
        var started = await DeadlineKit.StartAsync(app, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(7), Monday);
        Assert.Equal(new DateOnly(2026, 3, 11), started.DueOn); // 03-03 … 03-11

        var center = await app.SignInAsync("center");
        var list = await (await center.GetAsync("/api/v1/deadlines?state=Running", Ct)).ReadAsync<Paged<ClockDto>>();
        var dto = Assert.Single(list.Items);
        Assert.Equal("计时中", dto.StateName);
        Assert.Equal(7, dto.WorkingDaysLeft);
        Assert.Equal(Urgency.Green, dto.Urgency);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.FromHours(8)), dto.DueAt);

        var edu = await app.SignInAsync("edu");
        Assert.Empty((await (await edu.GetAsync("/api/v1/deadlines", Ct)).ReadAsync<Paged<ClockDto>>()).Items);
        Assert.Equal(HttpStatusCode.NotFound, (await edu.GetAsync($"/api/v1/deadlines/{started.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_pause_moves_the_last_day_and_a_calendar_change_recomputes_running_clocks()
    {
        var clock = new MovableClock(Monday);
        await using var app = NewApp(clock);
        var started = await DeadlineKit.StartAsync(app, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(5), Monday);
        Assert.Equal(new DateOnly(2026, 3, 9), started.DueOn);

        clock.Advance(TimeSpan.FromDays(2)); // Wednesday 03-04
        await DeadlineKit.WithClocksAsync(app, s => s.PauseAsync(Actor.System, started.Id, "退回补正", Ct));
        clock.Advance(TimeSpan.FromDays(6)); // Tuesday 03-10
        DeadlineClock resumed = null!;
        await DeadlineKit.WithClocksAsync(app, async s => resumed = await s.ResumeAsync(Actor.System, started.Id, Ct));
        Assert.Equal(new DateOnly(2026, 3, 16), resumed.DueOn);

        // The administrator declares Friday 03-13 a day off: the last day moves to 03-17.
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync("/api/v1/calendar/days/2026-03-13", new { isWorkingDay = false, holiday = "临时停工" })).StatusCode);
        var after = await app.WithDbAsync(db => db.DeadlineClocks.SingleAsync(c => c.Id == started.Id, Ct));
        Assert.Equal(new DateOnly(2026, 3, 17), after.DueOn);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "ClockRecomputed" && a.EntityId == started.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task Warnings_reach_the_inbox_before_the_last_day_once_and_overdue_clocks_are_escalated_to_the_bureau()
    {
        var clock = new MovableClock(Monday);
        await using var app = NewApp(clock);
        var started = await DeadlineKit.StartAsync(app, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(2), Monday); // last day Wednesday 03-04

        var monday = await DeadlineKit.SweepAsync(app);
        Assert.Equal(0, monday.Notified);

        clock.Advance(TimeSpan.FromDays(1)); // Tuesday: one working day before the last day
        Assert.Equal(1, (await DeadlineKit.SweepAsync(app)).Notified);
        Assert.Equal(0, (await DeadlineKit.SweepAsync(app)).Notified); // never twice

        var center = await app.SignInAsync("center");
        var inbox = await (await center.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>();
        var warning = Assert.Single(inbox.Items);
        Assert.Equal("即将到期", warning.KindName);
        Assert.Contains("2026-03-04 24 时前", warning.Body);
        Assert.Equal(1, inbox.Unread);

        clock.Advance(TimeSpan.FromDays(1)); // Wednesday: the last day
        Assert.Equal(1, (await DeadlineKit.SweepAsync(app)).Notified);
        clock.Advance(TimeSpan.FromDays(1)); // Thursday: overdue
        var overdue = await DeadlineKit.SweepAsync(app);
        Assert.Equal(1, overdue.MarkedOverdue);

        center = await app.SignInAsync("center"); // Tuesday's token has expired (8 hours)
        var bureau = await app.SignInAsync("bureau");
        var escalated = await (await bureau.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>();
        Assert.Equal("超期督办", Assert.Single(escalated.Items).KindName);
        var dto = await (await center.GetAsync($"/api/v1/deadlines/{started.Id}", Ct)).ReadAsync<ClockDto>();
        Assert.Equal(ClockState.Overdue, dto.State);
        Assert.Equal(Urgency.Red, dto.Urgency);

        var dashboard = await (await bureau.GetAsync("/api/v1/deadlines/dashboard", Ct)).ReadAsync<DeadlineDashboard>();
        Assert.Equal(1, dashboard.Overdue);
        Assert.Equal("评估", Assert.Single(dashboard.ByOrganisationAndStep).StepName);

        Assert.Equal(3, (await (await center.PostAsync("/api/v1/inbox/read-all", null, Ct)).ReadAsync<InboxApi.MarkedRead>()).Marked);
        Assert.Equal(0, (await (await center.GetAsync("/api/v1/inbox/unread-count", Ct)).ReadAsync<InboxApi.UnreadCount>()).Unread);
    }

    [Fact]
    public async Task Completing_on_time_counts_as_met_in_the_on_time_rate()
    {
        var clock = new MovableClock(Monday);
        await using var app = NewApp(clock);
        var onTime = await DeadlineKit.StartAsync(app, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(1), Monday, "A-1");
        var late = await DeadlineKit.StartAsync(app, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(1), Monday, "A-2");
        clock.Advance(TimeSpan.FromDays(1)); // Tuesday 03-03, the last day
        await DeadlineKit.WithClocksAsync(app, s => s.CompleteAsync(Actor.System, onTime.Id, Ct));
        clock.Advance(TimeSpan.FromDays(1));
        await DeadlineKit.SweepAsync(app);
        await DeadlineKit.WithClocksAsync(app, s => s.CompleteAsync(Actor.System, late.Id, Ct));

        var bureau = await app.SignInAsync("bureau");
        var dashboard = await (await bureau.GetAsync("/api/v1/deadlines/dashboard", Ct)).ReadAsync<DeadlineDashboard>();
        var march = Assert.Single(dashboard.OnTime);
        Assert.Equal((2026, 3, 1, 2), (march.Year, march.Month, march.Met, march.Total));
        Assert.Equal(0.5, march.Rate);

        var edu = await app.SignInAsync("edu");
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.GetAsync("/api/v1/deadlines/dashboard", Ct)).StatusCode);
        var export = await bureau.GetAsync("/api/v1/deadlines/dashboard/export", Ct);
        await using var stream = await export.Content.ReadAsStreamAsync(Ct);
        Assert.Equal(["超期与即将到期", "按时率"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
    }
}

public sealed class DeadlinesOnSqlite() : DeadlineTests(Provider.Sqlite);

public sealed class DeadlinesOnPostgres() : DeadlineTests(Provider.PostgreSql)
{
    [Fact]
    public async Task Two_instances_sweeping_at_once_send_each_warning_exactly_once()
    {
        var clock = new MovableClock(Monday.AddDays(1));
        await using var first = NewApp(clock);
        await using var second = NewApp(clock, first.ConnectionString);
        _ = first.Server;
        for (var i = 0; i < 5; i++)
            await DeadlineKit.StartAsync(first, "市信息化建设管理中心", Role.CenterEvaluator, Period.WorkingDays(2), Monday, $"B-{i}");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => DeadlineKit.SweepAsync(i % 2 == 0 ? first : second, $"instance-{i % 2}")));
        Assert.Equal(5, results.Sum(r => r.Notified));
        Assert.Equal(5, await first.WithDbAsync(db => db.Notifications.CountAsync(Ct)));
    }
}
