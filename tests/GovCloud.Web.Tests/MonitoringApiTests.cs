using System.Net;
using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>
/// on both databases: the cloud platform pushes its monitoring points; each closed day becomes every VM's mean, P95 and peak;
/// the Center, the Bureau and each agency (its own) read allocated against used.
/// </summary>
public abstract class MonitoringApiTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Today in Beijing; the app's clock stands at 20:00 of it, so that every point of the tests falls on that day.</summary>
    private static readonly DateOnly Day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
    private static DateTimeOffset At(int hour, int minute) => new(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));

    private async Task<(GovCloudApp App, MovableClock Clock, HttpClient Platform, VmInfo Web, VmInfo Db)> LiveAsync()
    {
        var clock = new MovableClock(At(20, 0));
        var app = new GovCloudApp(provider, clock: clock);
        var (_, _, application, _) = await app.LiveAsync();
        var vms = await app.WithDbAsync(db => db.CloudVms.Where(v => v.ApplicationId == application.Id).OrderByDescending(v => v.HostName)
            .Select(v => new VmInfo(v.Id, v.HostName, v.Ips, v.OrganisationId, v.Zone)).ToListAsync(Ct));
        return (app, clock, await app.SignInAsync("cloudapi"), vms[0], vms[1]);
    }

    private sealed record VmInfo(Guid Id, string HostName, string Ips, Guid OrganisationId, string Zone)
    {
        public string FirstIp => Ips.Split(',', StringSplitOptions.TrimEntries)[0];
    }

    /// <summary>Thirty days to yesterday: web never above 2 % CPU and 10 % memory (idle); db at most 20 % CPU and 30 % memory on 4 cores / 8 GB (oversized).</summary>
    private static Task ThirtyDaysAsync(GovCloudApp app, VmInfo web, VmInfo db) => app.WithDbAsync(async d =>
    {
        for (var i = 1; i <= 30; i++)
        {
            d.VmDailyUsage.Add(new VmDailyUsage { VmId = web.Id, OrganisationId = web.OrganisationId, SystemId = Guid.Empty, Zone = web.Zone, Day = Day.AddDays(-i),
                Vcpu = 4, MemoryGb = 8, DiskGb = 600, Source = "推送", CpuAvg = 1, CpuP95 = 2, CpuMax = 3, MemoryAvg = 8, MemoryP95 = 10, MemoryMax = 12 });
            d.VmDailyUsage.Add(new VmDailyUsage { VmId = db.Id, OrganisationId = db.OrganisationId, SystemId = Guid.Empty, Zone = db.Zone, Day = Day.AddDays(-i),
                Vcpu = 4, MemoryGb = 8, DiskGb = 300, Source = "推送", CpuAvg = 10, CpuP95 = 20, CpuMax = 40, MemoryAvg = 25, MemoryP95 = 30, MemoryMax = 35 });
        }
        await d.SaveChangesAsync(Ct);
    });

    [Fact]
    public async Task R_22_1_the_center_proposes_the_agency_accepts_and_the_resize_runs_as_a_change()
    {
        var (app, _, _, web, db) = await LiveAsync();
        await using var _ = app;
        await ThirtyDaysAsync(app, web, db);
        var center = await app.SignInAsync("center");
        var edu = await app.SignInAsync("edu");

        // Only the Center proposes, only on evidence, once at a time.
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = db.Id })).StatusCode);
        var proposal = await (await center.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = db.Id, note = "可先缩减观察" }))
            .ReadAsync<SizingProposalDto>(HttpStatusCode.Created);
        Assert.Equal((SizingVerdict.Oversized, 4, 8, 2, 4), (proposal.Verdict, proposal.FromVcpu, proposal.FromMemoryGb, proposal.ToVcpu, proposal.ToMemoryGb));
        Assert.Equal("由 4 核 8 GB 调整为 2 核 4 GB", proposal.Proposal);
        Assert.StartsWith("JY", proposal.Number);
        var twice = await (await center.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = db.Id })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("该虚拟机已有待使用单位确认的调整建议", twice.Detail);
        var oversized = await (await center.GetAsync("/api/v1/utilisation/oversized", Ct)).ReadAsync<SizingReport>();
        Assert.Equal(proposal.Number, Assert.Single(oversized.Rows.Items).OpenProposal);

        // The agency's operator is told and has it waiting; another agency neither sees nor decides it; the security officer does not decide.
        var work = await (await edu.GetAsync("/api/v1/work", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("确认资源调整建议", work);
        Assert.Contains(proposal.Number, work);
        var health = await app.SignInAsync("health");
        Assert.Empty((await (await health.GetAsync("/api/v1/utilisation/proposals", Ct)).ReadAsync<Paged<SizingProposalDto>>()).Items);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostJsonAsync($"/api/v1/utilisation/proposals/{proposal.Id}/accept", new { version = proposal.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("edusec")).PostJsonAsync($"/api/v1/utilisation/proposals/{proposal.Id}/accept", new { version = proposal.Version })).StatusCode);
        var stale = await (await edu.PostJsonAsync($"/api/v1/utilisation/proposals/{proposal.Id}/accept", new { version = proposal.Version + 5 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("该建议已被他人处理，请刷新后重试", stale.Detail);

        // Accepted: the agency's change request is submitted with it, and the usual steps carry it out.
        var accepted = await (await edu.PostJsonAsync($"/api/v1/utilisation/proposals/{proposal.Id}/accept", new { version = proposal.Version })).ReadAsync<SizingProposalDto>();
        Assert.Equal(SizingProposalState.Accepted, accepted.State);
        Assert.StartsWith("BG", accepted.ChangeNumber);
        var again = await (await edu.PostJsonAsync($"/api/v1/utilisation/proposals/{proposal.Id}/accept", new { version = accepted.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("该建议已采纳，不能再次确认", again.Detail);
        var change = await (await edu.GetAsync($"/api/v1/changes/{accepted.ChangeId}", Ct)).ReadAsync<ChangeDto>();
        Assert.Equal(ChangeState.Submitted, change.State);
        Assert.Equal("edu", change.CreatedBy);
        var line = Assert.Single(change.Lines);
        Assert.Equal((ChangeLineAction.Resize, db.Id, 2, 4), (line.Action, line.VmId, line.To!.Vcpu, line.To.MemoryGb));
        Assert.Contains(proposal.Number, change.Reason);
        // While that change is open no other proposal goes to the system: the agency could only decline it.
        var busy = await (await center.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = web.Id })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"已有办理中的变更/终止申请 {change.Number}", busy.Detail);
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/evaluation", new { opinion = "同意", version = change.Version })).ReadAsync<ChangeDto>();
        var bureau = await app.SignInAsync("bureau");
        change = await (await bureau.PostJsonAsync($"/api/v1/changes/{change.Id}/approve", new { opinion = "同意", version = change.Version })).ReadAsync<ChangeDto>();
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/completion", new { version = change.Version })).ReadAsync<ChangeDto>();
        Assert.Equal(ChangeState.Completed, change.State);
        var vm = await app.WithDbAsync(d => d.CloudVms.SingleAsync(v => v.Id == db.Id, Ct));
        Assert.Equal((2, 4), (vm.Vcpu, vm.MemoryGb));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "SizingProposalAccepted" && a.EntityId == proposal.Id.ToString(), Ct)));
        Assert.True(await app.WithDbAsync(d => d.Notifications.AnyAsync(n => n.Title == $"资源调整建议已采纳：{proposal.Number}", Ct)));
    }

    [Fact]
    public async Task R_22_1_the_agency_declines_a_proposal_with_its_reason_and_nothing_changes()
    {
        var (app, _, _, web, db) = await LiveAsync();
        await using var _ = app;
        var center = await app.SignInAsync("center");
        // No figures yet: nothing to propose.
        var none = await (await center.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = web.Id })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("没有可提的调整建议", none.Detail);
        Assert.Equal(HttpStatusCode.NotFound, (await center.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = Guid.NewGuid() })).StatusCode);

        await ThirtyDaysAsync(app, web, db);
        var proposal = await (await center.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = web.Id })).ReadAsync<SizingProposalDto>(HttpStatusCode.Created);
        Assert.Equal("回收该虚拟机", proposal.Proposal);
        var edu = await app.SignInAsync("edu");
        var blank = await (await edu.PostJsonAsync($"/api/v1/utilisation/proposals/{proposal.Id}/decline", new { version = proposal.Version, reason = "  " }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写不采纳的理由", blank.FieldError("reason"));
        var declined = await (await edu.PostJsonAsync($"/api/v1/utilisation/proposals/{proposal.Id}/decline", new { version = proposal.Version, reason = "年底考试季需要" }))
            .ReadAsync<SizingProposalDto>();
        Assert.Equal((SizingProposalState.Declined, "年底考试季需要"), (declined.State, declined.DeclineReason));
        Assert.Null(declined.ChangeId);
        Assert.Equal(0, await app.WithDbAsync(d => d.ChangeRequests.CountAsync(Ct)));
        Assert.True(await app.WithDbAsync(d => d.Notifications.AnyAsync(n => n.Title == $"资源调整建议未采纳：{proposal.Number}", Ct)));
        // Once answered, the Center may propose again (the figures still say so).
        Assert.Equal(HttpStatusCode.Created, (await center.PostJsonAsync("/api/v1/utilisation/proposals", new { vmId = web.Id })).StatusCode);
    }

    [Fact]
    public async Task R_22_1_points_are_taken_once_and_names_of_no_vm_are_told_back()
    {
        var (app, _, platform, web, db) = await LiveAsync();
        await using var _ = app;
        var batch = new
        {
            points = new object[]
            {
                new { vm = web.HostName, at = At(10, 0), cpu = 12.5, memory = 40.0 },
                new { vm = db.FirstIp, at = At(10, 0), cpu = 30.0, disk = 55.0, networkIn = 1.5 },
                new { vm = web.Id.ToString(), at = At(10, 5), cpu = 14.0 },
                new { vm = "no-such-host", at = At(10, 0), cpu = 10.0 },
                new { vm = "10.255.255.254", at = At(10, 0), cpu = 10.0 },
            },
        };
        var first = await (await platform.PostJsonAsync("/api/v1/metrics", batch)).ReadAsync<MetricIngestResult>();
        Assert.Equal(3, first.Accepted);
        Assert.Equal(0, first.AlreadyReceived);
        Assert.Equal(["10.255.255.254", "no-such-host"], first.UnknownVms);
        Assert.Equal(0, first.Rejected);

        // The platform sends the same batch again after a timeout: nothing is counted twice.
        var again = await (await platform.PostJsonAsync("/api/v1/metrics", batch)).ReadAsync<MetricIngestResult>();
        Assert.Equal((0, 3), (again.Accepted, again.AlreadyReceived));
        Assert.Equal(3, await app.WithDbAsync(d => d.MetricSamples.CountAsync(Ct)));
    }

    [Fact]
    public async Task R_22_1_a_point_that_cannot_be_right_is_refused_with_its_place_and_reason_and_the_rest_is_taken()
    {
        var (app, _, platform, web, _) = await LiveAsync();
        await using var _ = app;
        var result = await (await platform.PostJsonAsync("/api/v1/metrics", new
        {
            points = new object?[]
            {
                new { vm = web.HostName, at = At(11, 0), cpu = 250.0 },
                new { vm = web.HostName, at = At(11, 0).AddDays(-3), cpu = 10.0 },
                new { vm = web.HostName, at = At(20, 30), cpu = 10.0 },
                new { vm = web.HostName, cpu = 10.0 },
                new { vm = "", at = At(11, 0), cpu = 10.0 },
                new { vm = web.HostName, at = At(11, 0) },
                new { vm = web.HostName, at = At(11, 1), networkOut = -1.0 },
                new { vm = web.HostName, at = At(11, 2), cpu = 20.0 },
                null,
                new { vm = web.HostName, at = At(11, 3), networkIn = 1.7e308 }, // two of these in a day would sum past what a double holds
                new { vm = web.HostName, at = At(11, 4), cpu = 100.5 },         // the platform's rounding: kept as 100
            },
        })).ReadAsync<MetricIngestResult>();
        Assert.Equal(2, result.Accepted);
        Assert.Equal(9, result.Rejected);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 8, 9], result.RejectedPoints.Select(r => r.Index));
        Assert.Equal("网络流入 1.7E+308 不在 0–400000 Mbps 之间", result.RejectedPoints[8].Reason);
        var at = At(11, 4).ToUnixTimeSeconds();
        Assert.Equal(100.0, await app.WithDbAsync(d => d.MetricSamples.Where(s => s.UnixSeconds == at).Select(s => s.Cpu).SingleAsync(Ct)));
        Assert.Equal("监测点不能为空", result.RejectedPoints[7].Reason);
        Assert.Equal("CPU使用率 250 不在 0–100 之间", result.RejectedPoints[0].Reason);
        Assert.Contains("所在日期的数据已汇总，不再接收", result.RejectedPoints[1].Reason);
        Assert.Contains("晚于当前时间", result.RejectedPoints[2].Reason);
        Assert.Equal("缺少时间（at）", result.RejectedPoints[3].Reason);
        Assert.StartsWith("缺少虚拟机", result.RejectedPoints[4].Reason);
        Assert.Equal("没有任何指标值", result.RejectedPoints[5].Reason);
        Assert.Equal("网络流出 -1 不在 0–400000 Mbps 之间", result.RejectedPoints[6].Reason);
    }

    [Fact]
    public async Task R_22_1_only_the_platform_account_pushes_and_a_batch_over_10000_points_is_refused_whole()
    {
        var (app, _, platform, web, _) = await LiveAsync();
        await using var _ = app;
        var one = new { points = new[] { new { vm = web.HostName, at = At(12, 0), cpu = 10.0 } } };
        foreach (var user in new[] { "edu", "center", "bureau", "admin", "bastion" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync(user)).PostJsonAsync("/api/v1/metrics", one)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostJsonAsync("/api/v1/metrics", one)).StatusCode);

        var tooMany = new { points = Enumerable.Range(0, 10_001).Select(i => new { vm = web.HostName, at = At(12, 0).AddSeconds(-i), cpu = 10.0 }).ToArray() };
        var problem = await (await platform.PostJsonAsync("/api/v1/metrics", tooMany)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("一次最多报送 10,000 个监测点，本次 10,001 个，请分批报送", problem.FieldError("points"));
        var empty = await (await platform.PostJsonAsync("/api/v1/metrics", new { points = Array.Empty<object>() })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请至少报送一个监测点", empty.FieldError("points"));
        Assert.Equal(0, await app.WithDbAsync(d => d.MetricSamples.CountAsync(Ct)));
    }

    [Fact]
    public async Task R_22_1_a_closed_day_becomes_each_vms_mean_p95_and_peak_and_the_points_go()
    {
        var (app, clock, platform, web, db) = await LiveAsync();
        await using var _ = app;
        // web: CPU 1 % … 100 % over 100 minutes, memory 40 %; db: CPU 10 %, memory 80 %, disk 50 %.
        var points = Enumerable.Range(1, 100).SelectMany(i => new object[]
        {
            new { vm = web.HostName, at = At(12, 0).AddMinutes(i), cpu = (double)i, memory = 40.0 },
            new { vm = db.HostName, at = At(12, 0).AddMinutes(i), cpu = 10.0, memory = 80.0, disk = 50.0 },
        }).ToArray();
        Assert.Equal(200, (await (await platform.PostJsonAsync("/api/v1/metrics", new { points })).ReadAsync<MetricIngestResult>()).Accepted);

        // Not yet: the day is still open.
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<UsageSummary>().RunAsync(Ct)));
        clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1)); // 02:01 the next day
        Assert.Equal([Day], await app.WithScopeAsync(sp => sp.GetRequiredService<UsageSummary>().RunAsync(Ct)));

        var rows = await app.WithDbAsync(d => d.VmDailyUsage.Where(u => u.Day == Day).ToDictionaryAsync(u => u.VmId, Ct));
        Assert.Equal((50.5, 95.0, 100.0), (rows[web.Id].CpuAvg, rows[web.Id].CpuP95, rows[web.Id].CpuMax));
        Assert.Equal((40.0, 40.0), (rows[web.Id].MemoryAvg, rows[web.Id].MemoryMax));
        Assert.Null(rows[web.Id].DiskAvg);
        Assert.Equal((10.0, 80.0, 50.0), (rows[db.Id].CpuP95, rows[db.Id].MemoryP95, rows[db.Id].DiskMax));
        Assert.Equal((4, 8, 100 + 500), (rows[web.Id].Vcpu, rows[web.Id].MemoryGb, rows[web.Id].DiskGb));
        Assert.Equal(100, rows[web.Id].Points);
        Assert.Equal("推送", rows[web.Id].Source);
        Assert.Equal(0, await app.WithDbAsync(d => d.MetricSamples.CountAsync(Ct)));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "UsageSummarised" && a.EntityId == Day.ToString("yyyy-MM-dd"), Ct)));

        // A point for the summarised day is refused as late: the day's figures do not change behind the reader's back.
        var late = await (await platform.PostJsonAsync("/api/v1/metrics", new { points = new[] { new { vm = web.HostName, at = At(23, 0), cpu = 99.0 } } }))
            .ReadAsync<MetricIngestResult>();
        Assert.Equal((0, 1), (late.Accepted, late.Rejected));

        // The agency, weighted by size: CPU (4 × 50.5 + 4 × 10) / 8 = 30.25 %, memory (8 × 40 + 8 × 80) / 16 = 60 %.
        var center = await app.SignInAsync("center");
        var report = await (await center.GetAsync($"/api/v1/utilisation?level=agency&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}", Ct)).ReadAsync<UtilisationReport>();
        var agency = Assert.Single(report.Rows.Items);
        Assert.Equal(web.OrganisationId.ToString(), agency.Key);
        Assert.Equal("市教育局", agency.Name);
        Assert.Equal((2, 1, 8.0, 16.0), (agency.Vms, agency.Days, agency.Vcpu, agency.MemoryGb));
        Assert.Equal((30.25, 60.0), (agency.CpuUse, agency.MemoryUse));
        Assert.Equal(30.25, report.Total!.CpuUse);
        Assert.Equal(Day, Assert.Single(report.Trend).Day);

        var byVm = await (await center.GetAsync($"/api/v1/utilisation?level=vm&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}&sort=-cpuUse", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal([web.HostName, db.HostName], byVm.Rows.Items.Select(r => r.Name));
        Assert.Equal("市教育局", byVm.Rows.Items[0].AgencyName);
        var byZone = await (await center.GetAsync($"/api/v1/utilisation?level=zone&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal(web.Zone, Assert.Single(byZone.Rows.Items).Name);

        // The same report as a workbook: every VM and the total, and the trend by day.
        var export = await (await center.GetAsync($"/api/v1/utilisation/export?level=vm&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}&sort=-cpuUse", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using (var stream = new MemoryStream(export))
        {
            Assert.Equal([$"按虚拟机（{Day:yyyy-MM-dd}至{Day:yyyy-MM-dd}）", "逐日趋势"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
            var sheet = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal([web.HostName, db.HostName, "合计"], sheet.Select(r => r["虚拟机"]));
            Assert.Equal(50.5, Convert.ToDouble(sheet[0]["CPU使用率（%）"]));
            Assert.Equal(30.25, Convert.ToDouble(sheet[2]["CPU使用率（%）"]));
            Assert.Equal("市教育局", sheet[0]["所属单位"]);
        }

        // Each agency its own: another agency sees nothing of it; the Bureau and Finance see it; the regulators and administrators have no part.
        var health = await (await (await app.SignInAsync("health")).GetAsync($"/api/v1/utilisation?level=vm&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}", Ct))
            .ReadAsync<UtilisationReport>();
        Assert.Empty(health.Rows.Items);
        Assert.Null(health.Total);
        var edu = await (await (await app.SignInAsync("edu")).GetAsync($"/api/v1/utilisation?level=vm&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}", Ct))
            .ReadAsync<UtilisationReport>();
        Assert.Equal(2, edu.Rows.Total);
        foreach (var user in new[] { "bureau", "finance" })
            Assert.Equal(2, (await (await (await app.SignInAsync(user)).GetAsync($"/api/v1/utilisation?level=vm&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}", Ct))
                .ReadAsync<UtilisationReport>()).Rows.Total);
        foreach (var user in new[] { "police", "admin", "auditor", "cloudapi" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync(user)).GetAsync("/api/v1/utilisation", Ct)).StatusCode);
    }

    [Fact]
    public async Task R_22_1_a_period_backwards_or_longer_than_kept_and_an_unknown_sort_are_refused_in_chinese()
    {
        var (app, _, _, _, _) = await LiveAsync();
        await using var _ = app;
        var center = await app.SignInAsync("center");
        var backwards = await (await center.GetAsync("/api/v1/utilisation?from=2026-11-10&to=2026-11-01", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("开始日期不能晚于结束日期", backwards.FieldError("from"));
        var tooLong = await (await center.GetAsync("/api/v1/utilisation?from=2020-01-01&to=2026-11-01", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("一次最多查询 1098 天", tooLong.FieldError("from"));
        var level = await (await center.GetAsync("/api/v1/utilisation?level=city", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("统计层级只能是 vm（虚拟机）、system（信息系统）、agency（单位）、zone（网络分区）", level.FieldError("level"));
        Assert.Equal(HttpStatusCode.BadRequest, (await center.GetAsync("/api/v1/utilisation?level=7", Ct)).StatusCode);
        Assert.NotNull((await (await center.GetAsync("/api/v1/utilisation?level=vm,system", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("level"));
        // A first day before the calendar's first day: said at its field, not a failure of the server.
        var ancient = await (await center.GetAsync("/api/v1/utilisation?to=0001-01-01", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("结束日期须在 1990-01-01 至", ancient.FieldError("to"));
        Assert.NotNull((await (await center.GetAsync("/api/v1/utilisation/export?from=0001-01-01&to=0001-01-29", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("to"));
        var sort = await (await center.GetAsync("/api/v1/utilisation?sort=hack", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("排序只能是", sort.FieldError("sort"));
    }

    [Fact]
    public async Task R_22_1_a_vm_idle_for_30_days_is_listed_for_reclaiming_and_an_oversized_one_with_the_size_it_needs()
    {
        var (app, _, _, web, db) = await LiveAsync();
        await using var _ = app;
        await ThirtyDaysAsync(app, web, db);
        var center = await app.SignInAsync("center");
        var idle = await (await center.GetAsync("/api/v1/utilisation/idle", Ct)).ReadAsync<SizingReport>();
        var row = Assert.Single(idle.Rows.Items);
        Assert.Equal((web.HostName, "市教育局"), (row.HostName, row.AgencyName));
        Assert.Equal("近30天CPU使用率（P95）均低于5%、内存使用率（P95）均低于20%，建议回收", row.Reason);
        Assert.Equal((Day.AddDays(-30), Day.AddDays(-1)), (idle.From, idle.To));

        // 4 cores at 20 % keep 0.8 busy, which at 70 % fit 2 cores; 8 GB at 30 % need 3.4 GB → 4 GB.
        var oversized = await (await center.GetAsync("/api/v1/utilisation/oversized", Ct)).ReadAsync<SizingReport>();
        var big = Assert.Single(oversized.Rows.Items);
        Assert.Equal((db.HostName, 2, 4), (big.HostName, big.ProposedVcpu, big.ProposedMemoryGb));

        // The agency reads its own list; another agency's is empty.
        Assert.Single((await (await (await app.SignInAsync("edu")).GetAsync("/api/v1/utilisation/idle", Ct)).ReadAsync<SizingReport>()).Rows.Items);
        Assert.Empty((await (await (await app.SignInAsync("health")).GetAsync("/api/v1/utilisation/idle", Ct)).ReadAsync<SizingReport>()).Rows.Items);

        // Yesterday summarised again with web busy at 50 % CPU: no longer idle, but its 8 GB at 10 % memory fit 2 GB (the lists follow at once).
        await app.WithScopeAsync(async sp =>
        {
            var d = sp.GetRequiredService<GovCloud.Web.Infrastructure.Data.GovCloudDbContext>();
            var row = DailyUsageStore.WithFacts(new VmDailyUsage { VmId = web.Id, Day = Day.AddDays(-1), Zone = web.Zone, Source = "推送", CpuAvg = 30, CpuP95 = 50, CpuMax = 60,
                MemoryAvg = 8, MemoryP95 = 10, MemoryMax = 12 }, new VmFacts(web.Id, web.OrganisationId, Guid.Empty, web.Zone, 4, 8, 600));
            await using var tx = await d.Database.BeginTransactionAsync(Ct);
            await DailyUsageStore.ReplaceAsync(d, Day.AddDays(-1), [row], Ct);
            await tx.CommitAsync(Ct);
            return 0;
        });
        Assert.Equal(0, (await (await center.GetAsync("/api/v1/utilisation/idle", Ct)).ReadAsync<SizingReport>()).Rows.Total);
        var now = await (await center.GetAsync("/api/v1/utilisation/oversized?pageSize=1", Ct)).ReadAsync<SizingReport>();
        Assert.Equal(2, now.Rows.Total);
        var first = Assert.Single(now.Rows.Items);
        Assert.Equal((db.HostName, 2, 4), (first.HostName, first.ProposedVcpu, first.ProposedMemoryGb)); // 4 of 8 GB unneeded before web's 6
        var second = Assert.Single((await (await center.GetAsync("/api/v1/utilisation/oversized?pageSize=1&page=2", Ct)).ReadAsync<SizingReport>()).Rows.Items);
        Assert.Equal((web.HostName, 4, 2, 50.0), (second.HostName, second.ProposedVcpu, second.ProposedMemoryGb, second.PeakCpuP95));
    }

    [Fact]
    public async Task R_22_1_agency_and_zone_figures_from_the_daily_sums_agree_with_the_vms_rows_and_follow_a_day_written_again()
    {
        var (app, _, _, web, db) = await LiveAsync();
        await using var _ = app;
        await ThirtyDaysAsync(app, web, db); // written straight to the table, as an operator's repair would be
        var center = await app.SignInAsync("center");
        var month = $"from={Day.AddDays(-30):yyyy-MM-dd}&to={Day.AddDays(-1):yyyy-MM-dd}";

        // Five readers at once on figures the sums have not yet taken in: each gets the whole month, none an error.
        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
            await (await center.GetAsync($"/api/v1/utilisation?level=agency&{month}", Ct)).ReadAsync<UtilisationReport>()));
        foreach (var report in first)
        {
            var agency = Assert.Single(report.Rows.Items);
            // (4 × 1 + 4 × 10) / 8 = 5.5 % CPU; (8 × 8 + 8 × 25) / 16 = 16.5 % memory; 900 GB of disk a day.
            Assert.Equal((2, 30, 8.0, 16.0, 900.0), (agency.Vms, agency.Days, agency.Vcpu, agency.MemoryGb, agency.DiskGb));
            Assert.Equal((5.5, 16.5), (agency.CpuUse, agency.MemoryUse));
            Assert.Equal(30, report.Trend.Count);
        }

        // The VMs' own rows say the same: by VM, then added up by hand.
        var byVm = await (await center.GetAsync($"/api/v1/utilisation?level=vm&{month}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal(5.5, Math.Round(byVm.Rows.Items.Sum(r => r.Vcpu * r.CpuUse!.Value) / byVm.Rows.Items.Sum(r => r.Vcpu), 2));
        var byZone = await (await center.GetAsync($"/api/v1/utilisation?level=zone&{month}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal((5.5, 16.5, 2), (byZone.Total!.CpuUse, byZone.Total.MemoryUse, byZone.Total.Vms));

        // Yesterday summarised again (web busy at 50 %): the sums follow, on the agency row, the zone row and the trend.
        await app.WithScopeAsync(async sp =>
        {
            var d = sp.GetRequiredService<GovCloud.Web.Infrastructure.Data.GovCloudDbContext>();
            var row = new VmDailyUsage { VmId = web.Id, Day = Day.AddDays(-1), Zone = web.Zone, Source = "推送", CpuAvg = 50, CpuP95 = 60, CpuMax = 70, MemoryAvg = 8, MemoryP95 = 10, MemoryMax = 12 };
            row = DailyUsageStore.WithFacts(row, new VmFacts(web.Id, web.OrganisationId, Guid.Empty, web.Zone, 4, 8, 600));
            await using var tx = await d.Database.BeginTransactionAsync(Ct);
            await DailyUsageStore.ReplaceAsync(d, Day.AddDays(-1), [row], Ct);
            await tx.CommitAsync(Ct);
            return 0;
        });
        var yesterday = $"from={Day.AddDays(-1):yyyy-MM-dd}&to={Day.AddDays(-1):yyyy-MM-dd}";
        var after = await (await center.GetAsync($"/api/v1/utilisation?level=agency&{yesterday}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal(30.0, Assert.Single(after.Rows.Items).CpuUse); // (4 × 50 + 4 × 10) / 8
        Assert.Equal(30.0, Assert.Single(after.Trend).CpuUse);

        // A day added straight to the table is taken in at the next reading; a VM there half the days counts as half a VM a day.
        await app.WithDbAsync(async d =>
        {
            d.VmDailyUsage.Add(new VmDailyUsage { VmId = web.Id, OrganisationId = web.OrganisationId, SystemId = Guid.Empty, Zone = web.Zone, Day = Day.AddDays(-31),
                Vcpu = 4, MemoryGb = 8, DiskGb = 600, Source = "推送", CpuAvg = 1, CpuP95 = 2, CpuMax = 3, MemoryAvg = 8, MemoryP95 = 10, MemoryMax = 12 });
            await d.SaveChangesAsync(Ct);
        });
        var older = await (await center.GetAsync($"/api/v1/utilisation?level=agency&from={Day.AddDays(-31):yyyy-MM-dd}&to={Day.AddDays(-31):yyyy-MM-dd}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal((1, 1, 4.0), (Assert.Single(older.Rows.Items).Vms, older.Rows.Items[0].Days, older.Rows.Items[0].Vcpu));
        var both = await (await center.GetAsync($"/api/v1/utilisation?level=agency&from={Day.AddDays(-31):yyyy-MM-dd}&to={Day.AddDays(-30):yyyy-MM-dd}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Equal((2, 2, 6.0), (Assert.Single(both.Rows.Items).Vms, both.Rows.Items[0].Days, both.Rows.Items[0].Vcpu)); // 1.5 VMs a day, shown as 2

        // Another agency reads none of it.
        var health = await (await (await app.SignInAsync("health")).GetAsync($"/api/v1/utilisation?level=zone&{month}", Ct)).ReadAsync<UtilisationReport>();
        Assert.Empty(health.Rows.Items);
    }
}

public sealed class MonitoringApiOnSqlite() : MonitoringApiTests(Provider.Sqlite);
public sealed class MonitoringApiOnPostgres() : MonitoringApiTests(Provider.PostgreSql);
