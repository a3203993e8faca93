using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Clocks;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using static GovCloud.Web.Tests.Support.ApplicationKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>Art. 21 / Annex 2 / Annex 3: the resource application from the agency's form to the Bureau's decision, on both databases.</summary>
public abstract class ApplicationsApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    [Fact]
    public async Task R_21_an_agency_imports_its_form_submits_the_center_evaluates_and_the_bureau_approves_part()
    {
        var (edu, a) = await app.DraftAsync();
        Assert.Equal(ApplicationState.Draft, a.State);
        Assert.Equal("草稿", a.StateName);
        Assert.Matches(@"^SQ\d{4}-\d{4}$", a.Number);
        Assert.Equal("赵六", a.Contacts.VendorContactName); // from the register

        a = await ImportAsync(edu, a, Vm(1, a.SystemName), Vm(2, a.SystemName));
        Assert.Equal([1, 2], a.Vms.Select(v => v.No));
        Assert.Equal("张三、李四", a.Vms[0].OwnerNames);
        // 8 vCPU × 30 + 16 GB × 15 + 1,200 GB × 0.5 + one load balancer 300, at the seeded prices.
        Assert.Equal(8 * 30m + 16 * 15m + 1200 * 0.5m + 300m, a.Fee.Monthly);
        Assert.Equal(a.Fee.Monthly * 12, a.Fee.Yearly);

        var refused = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("存量系统须上传：迁移方案、性能测试报告、安全测试报告", refused.FieldError("attachments"));
        Assert.Equal(["attachments"], refused.Errors!.Keys);
        Assert.Equal(ApplicationState.Draft, (await GetAsync(edu, a.Id)).State);

        a = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { purpose = "迁移上云", contacts = Contacts, version = a.Version })).ReadAsync<ApplicationDto>();
        a = await AttachAsync(edu, a, ExistingDocuments);
        Assert.Empty(a.MissingAttachments);
        a = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.Submitted, a.State);
        var evaluation = Assert.Single(a.Clocks);
        Assert.Equal(("Evaluate", ClockState.Running, "市信息化建设管理中心"), (evaluation.Step, evaluation.State, evaluation.OrganisationName));
        Assert.Equal(7, evaluation.WorkingDaysLeft);

        var center = await app.SignInAsync("center");
        Assert.Contains((await (await center.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Link == $"/applications/{a.Id}");
        var queue = await (await center.GetAsync("/api/v1/applications?state=Submitted&pageSize=200", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>();
        Assert.Equal(evaluation.DueOn, queue.Items.Single(x => x.Id == a.Id).DueOn);

        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).StatusCode);
        var bureau = await app.SignInAsync("bureau");
        var early = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { version = a.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("申请当前为“已提交”，不能批准", early.Detail);

        var capacity = await (await center.GetAsync($"/api/v1/applications/{a.Id}/capacity", Ct)).ReadAsync<List<ZoneCapacityDto>>();
        Assert.Equal(("公共网络区", 8), (Assert.Single(capacity).Zone, capacity[0].RequestedVcpu));

        var noSurvey = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", new
        {
            opinion = "同意", version = a.Version, rows = new object[] { new { no = 1, decision = RowDecision.Agree } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("第 2 台虚拟机未给出评估结论", noSurvey.FieldError("rows[2]"));
        Assert.Equal("存量系统须进行现场勘查，请填写勘查日期", noSurvey.FieldError("survey.date"));

        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.Evaluated, a.State);
        Assert.Equal((RowDecision.Adjust, 500, 200), (a.Vms[1].Decision!.Value, a.Vms[1].DataDiskGb, a.Vms[1].AdjustedDataDiskGb!.Value));
        Assert.Equal("刘运、王工", a.Evaluation.Survey!.People);
        Assert.Equal([("Evaluate", ClockState.Met), ("Approve", ClockState.Running)], a.Clocks.Select(c => (c.Step, c.State)));
        Assert.Equal(5, a.Clocks[1].WorkingDaysLeft);

        var none = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { refusedRows = new[] { 1, 2 }, opinion = "x", version = a.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(none.FieldError("refusedRows"));
        a = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { refusedRows = new[] { 1 }, opinion = "第 1 台暂缓", version = a.Version }))
            .ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.Approved, a.State);
        Assert.Equal([false, true], a.Vms.Select(v => v.Approved!.Value));
        Assert.Equal([("Evaluate", ClockState.Met), ("Approve", ClockState.Met), ("DeliverTrial", ClockState.Running)], a.Clocks.Select(c => (c.Step, c.State)));
        // Only row 2 counts now, with its adjusted data disk: 4 vCPU, 8 GB, 100 + 200 GB, plus the load balancer.
        Assert.Equal(4 * 30m + 8 * 15m + 300 * 0.5m + 300m, a.Fee.Monthly);
        Assert.Contains((await (await edu.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Title.StartsWith("已批准"));

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(x => x.EntityId == a.Id.ToString()).OrderBy(x => x.Sequence).Select(x => x.Action).ToListAsync(Ct));
        Assert.Equal(["ApplicationCreated", "ApplicationVmsReplaced", "ApplicationUpdated", "AttachmentAdded", "AttachmentAdded", "AttachmentAdded",
            "ApplicationSubmitted", "ApplicationEvaluated", "ApplicationApproved", "TrialOpened"], actions);

        var again = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/reject", new { reason = "x", version = a.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("申请当前为“已批准”，不能驳回", again.Detail);
    }

    [Fact]
    public async Task A_list_filtered_by_a_state_number_that_does_not_exist_is_refused_naming_the_parameter()
    {
        var center = await app.SignInAsync("center");
        foreach (var url in new[] { "/api/v1/applications?state=999", "/api/v1/applications/export?trial=-3", "/api/v1/inventory/vms?state=77", "/api/v1/changes?state=42" })
        {
            var problem = await (await center.GetAsync(url, TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.BadRequest);
            var name = url.Split('?')[1].Split('=')[0];
            Assert.StartsWith($"{name} 的取值", problem.FieldError(name));
        }
        // A real state, by name or by its number, still filters.
        Assert.Equal(HttpStatusCode.OK, (await center.GetAsync("/api/v1/applications?state=Submitted", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await center.GetAsync("/api/v1/applications?state=2", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task R_21_1_the_application_is_addressed_to_the_Bureau_which_is_told_at_submission_and_follows_it()
    {
        // Art. 21(一): 使用单位向市大数据发展局提出云资源使用申请.
        var (edu, a) = await app.DraftAsync();
        a = await SubmittedAsync(edu, a);
        var bureau = await app.SignInAsync("bureau");
        var told = Assert.Single((await (await bureau.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"已受理：{a.Number}");
        Assert.Equal($"/applications/{a.Id}", told.Link);
        Assert.Contains("由信息化建设管理中心在 7 个工作日内评估", told.Body);
        // Its 在办 list holds the applications being evaluated and those waiting for it, not drafts or decided ones.
        var inProgress = await (await bureau.GetAsync("/api/v1/applications?inProgress=true&pageSize=200", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>();
        Assert.Contains(inProgress.Items, x => x.Id == a.Id);
        Assert.All(inProgress.Items, x => Assert.True(ApplicationFlow.IsInProgress(x.State)));
        Assert.DoesNotContain(inProgress.Items, x => x.SubmittedAt is null);
        Assert.Equal(HttpStatusCode.OK, (await bureau.GetAsync($"/api/v1/applications/{a.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task R_11_a_county_departments_application_goes_to_the_city_through_its_county_government()
    {
        // Art. 5: 县区部门由各县区政府统一向市政务云申请资源.
        var (department, a) = await app.DraftAsync(user: "county1");
        Assert.Equal(("柳江区人民政府", "柳江区教育局", true), (a.ApplicantName, a.OrganisationName, a.ThroughCounty));
        a = await SubmittedAsync(department, a);
        Assert.Equal((ApplicationState.AwaitingCounty, "待县区审核"), (a.State, a.StateName));
        Assert.Empty(a.Clocks); // no city period runs while the county reviews
        var center = await app.SignInAsync("center");
        Assert.Equal(HttpStatusCode.NotFound, (await center.GetAsync($"/api/v1/applications/{a.Id}", Ct)).StatusCode); // not yet the city's
        Assert.DoesNotContain((await (await center.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items, n => n.Link == $"/applications/{a.Id}");
        // The department cannot push it on to the city itself, nor take it back to edit.
        var itself = await (await department.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("申请当前为“待县区审核”，不能提交", itself.Detail);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await department.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "自己退回", version = a.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await department.PutJsonAsync($"/api/v1/applications/{a.Id}", new { purpose = "改", version = a.Version })).StatusCode);
        // Another county's (or a municipal) operator cannot act for this county.
        var edu = await app.SignInAsync("edu");
        Assert.Equal(HttpStatusCode.NotFound, (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "越权", version = a.Version })).StatusCode);

        // The county government is told, finds it in its queue and returns it with a reason.
        var county = await app.SignInAsync("liujiang");
        var told = Assert.Single((await (await county.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"待审核并统一提交市政务云：{a.Number}");
        Assert.Equal($"/applications/{a.Id}", told.Link);
        var queue = await (await county.GetAsync("/api/v1/applications?state=AwaitingCounty&pageSize=200", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>();
        Assert.Equal("柳江区人民政府", Assert.Single(queue.Items, x => x.Id == a.Id).ApplicantName);
        var noReason = await (await county.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { version = a.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写退回理由", noReason.FieldError("reason"));
        a = await (await county.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "请补充用途说明", version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal((ApplicationState.Returned, ApplicationState.AwaitingCounty), (a.State, a.ReturnedFrom));
        Assert.Contains((await (await department.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items,
            n => n.Title == $"待按退回意见修改后重新提交：{a.Number}" && n.Body.Contains("柳江区人民政府退回意见：请补充用途说明"));

        // Revised and sent again; the county submits it to the city as the applicant of record.
        a = await (await department.PutJsonAsync($"/api/v1/applications/{a.Id}", new { purpose = "全区中小学教学资源", contacts = Contacts, version = a.Version }))
            .ReadAsync<ApplicationDto>();
        a = await (await department.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.AwaitingCounty, a.State);
        a = await (await county.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.Submitted, a.State);
        Assert.Equal(("Evaluate", ClockState.Running), (Assert.Single(a.Clocks).Step, a.Clocks[0].State));
        var toCenter = Assert.Single((await (await center.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"待评估：{a.Number}");
        Assert.StartsWith("柳江区人民政府（柳江区教育局）《", toCenter.Body);
        Assert.Contains((await (await department.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == $"县区已提交：{a.Number}");
        var submitted = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "ApplicationSubmitted" && e.EntityId == a.Id.ToString())
            .OrderBy(e => e.Sequence).Select(e => new { UserName = e.ActorName, e.After }).ToListAsync(Ct));
        Assert.Equal(["county1", "county1", "liujiang"], submitted.Select(e => e.UserName));
        Assert.Contains("Submitted", submitted[^1].After);

        // The Center returns it: its clock pauses; the department revises, the county sends it on, the same clock resumes.
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "缺少数据库规格说明", version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Contains((await (await county.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items,
            n => n.Body.Contains("被信息化建设管理中心退回修改：缺少数据库规格说明"));
        a = await (await department.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal((ApplicationState.AwaitingCounty, ClockState.Paused), (a.State, Assert.Single(a.Clocks).State));
        // Once it has reached the city, the Center keeps it in sight (its own clock paused) while the county reviews the revision.
        Assert.Equal(ApplicationState.AwaitingCounty, (await GetAsync(center, a.Id)).State);
        a = await (await county.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "再核对一次", version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(ClockState.Paused, Assert.Single(a.Clocks).State);
        a = await (await department.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        a = await (await county.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal((ApplicationState.Submitted, ClockState.Running), (a.State, Assert.Single(a.Clocks).State));
    }

    [Fact]
    public async Task R_11_a_county_government_submits_its_own_application_and_a_departments_draft_straight_to_the_city()
    {
        var (county, own) = await app.DraftAsync(kind: SystemKind.Existing, user: "liujiang");
        Assert.False(own.ThroughCounty);
        Assert.Equal(ApplicationState.Submitted, (await SubmittedAsync(county, own)).State);
        // The county government may also take up its department's draft and submit it for the department.
        var (_, draft) = await app.DraftAsync(user: "county1");
        Assert.Equal(ApplicationState.Submitted, (await SubmittedAsync(county, draft)).State);
    }

    [Fact]
    public async Task R_21_2_the_center_adds_survey_photos_while_evaluating_and_the_agency_cannot()
    {
        var (edu, a) = await app.DraftAsync();
        var early = await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments", File(Pdf, "照片.pdf", kind: AttachmentKind.SurveyPhoto), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        a = await SubmittedAsync(edu, a);
        var center = await app.SignInAsync("center");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        var photo = await (await center.PostAsync($"/api/v1/applications/{a.Id}/attachments", File(png, "机房.png", kind: AttachmentKind.SurveyPhoto), Ct))
            .ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal("现场勘查照片", photo.KindName);
        Assert.Equal(HttpStatusCode.Forbidden, (await center.PostAsync($"/api/v1/applications/{a.Id}/attachments",
            File(Pdf, "方案.pdf", kind: AttachmentKind.MigrationPlan), Ct)).StatusCode);
        // The agency's documents are frozen once submitted.
        var frozen = await (await edu.DeleteAsync($"/api/v1/applications/{a.Id}/attachments/{a.Attachments[0].Id}", Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.True(Http.HasChinese(frozen.Detail));
        Assert.Equal(4, (await GetAsync(edu, a.Id)).Attachments.Count);
    }

    [Fact]
    public async Task Agencies_creating_applications_at_the_same_moment_each_get_their_own_number()
    {
        var clients = new[] { await app.SignInAsync("edu"), await app.SignInAsync("health"), await app.SignInAsync("county1") };
        var systems = new List<(HttpClient Client, Guid System)>();
        for (var i = 0; i < 12; i++)
        {
            var client = clients[i % clients.Length];
            var system = await (await client.PostJsonAsync("/api/v1/systems", new
            {
                name = $"并发系统{i}-{Guid.NewGuid():N}"[..20], kind = SystemKind.New, location = SystemLocation.OnCloud,
            })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
            systems.Add((client, system.Id));
        }
        var created = await Task.WhenAll(systems.Select(async s =>
            await (await s.Client.PostJsonAsync("/api/v1/applications", new { systemId = s.System })).ReadAsync<ApplicationDto>(HttpStatusCode.Created)));
        Assert.Equal(created.Length, created.Select(a => a.Number).Distinct().Count());
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "ApplicationCreated").Select(e => e.After!).ToListAsync(Ct));
        Assert.All(created, a => Assert.Single(audited, after => after.Contains(a.Number)));
    }

    [Fact]
    public async Task R_A2_an_application_whose_evaluation_is_already_overdue_can_still_be_returned_and_is_evaluated_anew()
    {
        var (edu, a) = await app.DraftAsync();
        a = await SubmittedAsync(edu, a);
        // Its last day has passed and the sweep marked it overdue.
        var yesterday = ChinaTime.Today(TimeProvider.System).AddDays(-1);
        await app.WithDbAsync(db => db.DeadlineClocks.Where(c => c.CaseId == a.Id.ToString()).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.State, ClockState.Overdue).SetProperty(c => c.DueOn, yesterday).SetProperty(c => c.DueAt, ChinaTime.EndOfDay(yesterday)), Ct));
        var center = await app.SignInAsync("center");
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "请补充材料", version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.Returned, a.State);
        Assert.NotNull(Assert.Single(a.Clocks).CompletedAt);
        a = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal([("Evaluate", ClockState.Overdue), ("Evaluate", ClockState.Running)], a.Clocks.Select(c => (c.Step, c.State)));
    }

    [Fact]
    public async Task R_20_1_pools_show_what_may_be_promised_and_the_bureau_adds_capacity_with_its_source()
    {
        var bureau = await app.SignInAsync("bureau");
        var pools = await (await bureau.GetAsync("/api/v1/pools", Ct)).ReadAsync<List<Features.Pools.PoolDto>>();
        var pub = pools.Single(p => p.Zone == "公共网络区");
        Assert.Equal(pub.Physical.Vcpu * 2, pub.Effective.Vcpu); // vCPU over-commit 2 by default
        Assert.Equal(pub.Physical.MemoryGb, pub.Effective.MemoryGb);

        var grown = await (await bureau.PostJsonAsync($"/api/v1/pools/{pub.ZoneId}/capacity-changes", new
        {
            vcpu = 100, memoryGb = 400, storageGb = 0, bandwidthMbps = 1000, publicIps = 16, source = Features.Pools.CapacitySource.RevokedDataCenter,
            note = "某局机房撤销后统筹利用",
        })).ReadAsync<Features.Pools.PoolDto>();
        Assert.Equal((pub.Physical.Vcpu + 100, pub.BandwidthMbps + 1000, pub.PublicIps + 16), (grown.Physical.Vcpu, grown.BandwidthMbps, grown.PublicIps));
        var history = await (await bureau.GetAsync($"/api/v1/pools/{pub.ZoneId}/capacity-changes", Ct)).ReadAsync<List<Features.Pools.CapacityChangeDto>>();
        Assert.Equal("撤销数据中心统筹利用", history[0].SourceName);
        Assert.Contains(history, h => h.Source == Features.Pools.CapacitySource.InitialBuild);

        // The trend: last month written down once at the month's turn, this month as it stands.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<Features.Pools.PoolService>();
            await service.EnsureLastMonthSnapshotAsync(Ct);
            Assert.Equal(0, await service.EnsureLastMonthSnapshotAsync(Ct));
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "PoolSnapshotTaken", Ct)));
        var trend = await (await bureau.GetAsync("/api/v1/pools/trend?months=12", Ct)).ReadAsync<List<Features.Pools.PoolMonthDto>>();
        var today = ChinaTime.Today(TimeProvider.System);
        Assert.Equal(grown.Effective, trend.Single(t => t.Zone == "公共网络区" && t.Month == today.ToString("yyyy-MM")).Effective);
        Assert.Contains(trend, t => t.Zone == "公共网络区" && t.Month == today.AddMonths(-1).ToString("yyyy-MM"));

        var shrink = await (await bureau.PostJsonAsync($"/api/v1/pools/{pub.ZoneId}/capacity-changes", new
        {
            vcpu = -10, source = Features.Pools.CapacitySource.NewPurchase,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("减少容量请选择来源“更正”并说明原因", shrink.FieldError("source"));
        var edu = await app.SignInAsync("edu");
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"/api/v1/pools/{pub.ZoneId}/capacity-changes", new
        {
            vcpu = 10, source = Features.Pools.CapacitySource.NewPurchase,
        })).StatusCode);
    }

    [Fact]
    public async Task R_20_1_approving_beyond_a_zones_pool_is_refused_unless_the_bureau_states_why()
    {
        var bureau = await app.SignInAsync("bureau");
        var zone = await (await bureau.PostJsonAsync("/api/v1/zones", new
        {
            name = "小分区" + Guid.NewGuid().ToString("N")[..4], serverTypes = Enum.GetValues<ServerType>(), osImages = new[] { "麒麟 V10" },
            capacityVcpu = 3, capacityMemoryGb = 64, capacityStorageGb = 5000,
        })).ReadAsync<Features.Catalog.NetworkZoneDto>(HttpStatusCode.Created);
        var (edu, a) = await app.DraftAsync();
        a = await ImportAsync(edu, a, Vm(1, a.SystemName, null) with { Zone = zone.Name }, Vm(2, a.SystemName, null) with { Zone = zone.Name });
        a = await AttachAsync(edu, a, ExistingDocuments);
        a = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        var center = await app.SignInAsync("center");
        var capacity = Assert.Single(await (await center.GetAsync($"/api/v1/applications/{a.Id}/capacity", Ct)).ReadAsync<List<ZoneCapacityDto>>());
        Assert.Equal((6, 8, false), (capacity.CapacityVcpu, capacity.RequestedVcpu, capacity.Enough));
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).ReadAsync<ApplicationDto>();

        var refused = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { version = a.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("资源池容量不足", refused.Title);
        Assert.StartsWith($"网络分区“{zone.Name}”的vCPU不足：本次需 8 核，可用 6 核，缺 2 核", refused.Detail);
        Assert.Equal(ApplicationState.Evaluated, (await GetAsync(bureau, a.Id)).State);

        a = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { version = a.Version, overrideReason = "下月扩容到货，先行批准" }))
            .ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.Approved, a.State);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(x => x.Action == "PoolOverridden" && x.EntityId == a.Id.ToString(), Ct)));
        var pool = (await (await bureau.GetAsync("/api/v1/pools", Ct)).ReadAsync<List<Features.Pools.PoolDto>>()).Single(p => p.Zone == zone.Name);
        Assert.Equal((8, -2), (pool.Reserved.Vcpu, pool.Free.Vcpu));
    }

    [Fact]
    public async Task Text_longer_than_its_column_is_a_chinese_400_not_a_database_error()
    {
        var (edu, a) = await app.DraftAsync();
        var longVendor = new string('软', 150);
        var row = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}/vms", new
        {
            version = a.Version,
            rows = new[] { new { no = 1, zone = "公共网络区", vendor = longVendor, systemName = a.SystemName, serverType = "APP", ownerNames = "张三",
                ownerEmails = "zs@example.com", ownerMobiles = "13800000001", vcpu = 4, memoryGb = 8, systemDiskGb = 100, operatingSystem = "麒麟 V10", clustered = false } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("第 1 行：开发商不能超过 100 个字", row.FieldError("rows[1].vendor"));

        var system = await (await edu.PostJsonAsync("/api/v1/systems", new { name = "长名称测试", vendor = longVendor, kind = SystemKind.New, location = SystemLocation.OnCloud }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("开发商不能超过 100 个字", system.FieldError("vendor"));

        a = await SubmittedAsync(edu, a);
        var center = await app.SignInAsync("center");
        var opinion = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", new
        {
            opinion = new string('意', 2500), version = a.Version,
            rows = new object[] { new { no = 1, decision = RowDecision.Agree }, new { no = 2, decision = RowDecision.Agree } },
            survey = new { date = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), people = "刘运", findings = "良好" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("评估意见不能超过 2000 个字", opinion.FieldError("opinion"));

        // A reason of the longest allowed length still reaches the agency's inbox (cut to fit the message).
        var reason = new string('补', 2000);
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason, version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(reason, a.ReturnReason);
        Assert.Contains((await (await edu.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Body.EndsWith("…") && n.Body.Length == 2000);
    }

    [Fact]
    public async Task R_21_3_approving_everything_ends_the_bureaus_clock_in_time()
    {
        var (edu, a) = await app.DraftAsync();
        a = await SubmittedAsync(edu, a);
        var center = await app.SignInAsync("center");
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).ReadAsync<ApplicationDto>();
        var bureau = await app.SignInAsync("bureau");
        a = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { refusedRows = Array.Empty<int>(), version = a.Version })).ReadAsync<ApplicationDto>();
        // R-21.4: and starts the Center's delivery of the trial environment.
        Assert.Equal([("Evaluate", ClockState.Met), ("Approve", ClockState.Met), ("DeliverTrial", ClockState.Running)], a.Clocks.Select(c => (c.Step, c.State)));
        Assert.All(a.Vms, v => Assert.True(v.Approved));
    }

    [Fact]
    public async Task R_A2_a_return_by_the_center_pauses_its_clock_and_a_return_by_the_bureau_starts_the_evaluation_anew()
    {
        var (edu, a) = await app.DraftAsync();
        a = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { contacts = Contacts, version = a.Version })).ReadAsync<ApplicationDto>();
        a = await SubmittedAsync(edu, a);
        var center = await app.SignInAsync("center");
        var noReason = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { version = a.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写退回理由", noReason.FieldError("reason"));
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "迁移方案缺少回退措施", version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal((ApplicationState.Returned, "退回修改", "迁移方案缺少回退措施"), (a.State, a.StateName, a.ReturnReason));
        Assert.Equal(ClockState.Paused, Assert.Single(a.Clocks).State);
        Assert.Contains((await (await edu.GetAsync("/api/v1/inbox", Ct)).ReadAsync<InboxList>()).Items, n => n.Body.Contains("迁移方案缺少回退措施"));

        a = await ImportAsync(edu, a, Vm(1, a.SystemName, null), Vm(2, a.SystemName, null, vcpu: 2));
        a = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(ClockState.Running, Assert.Single(a.Clocks).State); // the same clock, resumed
        // The Center is told it is back, not left to find it.
        Assert.Contains((await (await center.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items,
            n => n.Title == $"待评估：{a.Number}" && n.Body.Contains("评估时限继续计算") && n.Link == $"/applications/{a.Id}");

        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", Evaluation(a))).ReadAsync<ApplicationDto>();
        var bureau = await app.SignInAsync("bureau");
        a = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "请补充等保测评报告", version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationState.Evaluated, a.ReturnedFrom);
        a = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        Assert.Equal([("Evaluate", ClockState.Met), ("Approve", ClockState.Met), ("Evaluate", ClockState.Running)], a.Clocks.Select(c => (c.Step, c.State)));
        Assert.All(a.Vms, v => Assert.Null(v.Decision));
    }

    [Fact]
    public async Task R_A3_6_a_bad_form_is_refused_with_every_problem_by_row_and_column_and_changes_nothing()
    {
        var (edu, a) = await app.DraftAsync();
        a = await ImportAsync(edu, a, Vm(1, a.SystemName, null));
        var bad = RequestFormWriter.Write(["公共网络区"], null, [
            Vm(1, a.SystemName) with { MemoryGb = null }, Vm(2, "别的系统", null) with { ServerType = null }, Vm(3, a.SystemName) with { Zone = "机要区" },
        ]);
        var response = await edu.PostAsync($"/api/v1/applications/{a.Id}/vms/import", File(bad, "需求表.xlsx", a.Version), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var errors = body.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString(), Header: e.GetProperty("header").GetString(),
                Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e is { Row: 5, Column: "K", Header: "内存GB" } && e.Message.StartsWith("请填写内存"));
        Assert.Contains(errors, e => e is { Row: 6, Column: "D", Header: "系统名称" } && e.Message.Contains("一张需求表只填一个系统"));
        Assert.Contains(errors, e => e is { Row: 6, Column: "F", Header: "服务器类型" });
        Assert.Contains(errors, e => e is { Row: 7, Column: "B", Header: "网络分区" } && e.Message.Contains("机要区"));
        Assert.Contains("共", body.RootElement.GetProperty("detail").GetString());

        var old = RequestFormReaderTestsFile.Xls();
        var xls = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/vms/import", File(old, "需求表.xls", a.Version), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("另存为", xls);

        var after = await GetAsync(edu, a.Id);
        Assert.Equal((1, a.Version), (after.Vms.Count, after.Version));
    }

    [Fact]
    public async Task R_A3_6_export_then_import_gives_the_same_rows()
    {
        var (edu, a) = await app.DraftAsync();
        a = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}/vms", new
        {
            version = a.Version,
            rows = new[]
            {
                new { no = 1, zone = "公共网络区", vendor = "广西某软件有限公司", systemName = a.SystemName, subsystemName = "门户", serverType = "WEB",
                    ownerNames = "张三，李四", ownerEmails = "zs@example.com;ls@example.com", ownerMobiles = "13800000001/13800000002", vcpu = 4, memoryGb = 8,
                    systemDiskGb = 100, dataDiskGb = 0, operatingSystem = "麒麟 V10", clustered = false, clusterGroup = (string?)null, remarks = (string?)"对外" },
                new { no = 2, zone = "互联网区", vendor = "广西某软件有限公司", systemName = a.SystemName, subsystemName = "数据库", serverType = "DAT",
                    ownerNames = "王五", ownerEmails = "ww@example.com", ownerMobiles = "13800000003", vcpu = 8, memoryGb = 32,
                    systemDiskGb = 100, dataDiskGb = 2000, operatingSystem = "统信 UOS", clustered = false, clusterGroup = (string?)null, remarks = (string?)null },
            },
        })).ReadAsync<ApplicationDto>();
        Assert.Equal("张三、李四", a.Vms[0].OwnerNames);
        var exported = await (await edu.GetAsync($"/api/v1/applications/{a.Id}/request-form.xlsx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var reimported = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/vms/import", File(exported, "导出.xlsx", a.Version), Ct)).ReadAsync<ApplicationDto>();
        Assert.Equal(a.Vms, reimported.Vms);
    }

    [Fact]
    public async Task Other_agencies_cannot_see_or_touch_an_application_and_the_center_does_not_see_drafts()
    {
        var (edu, a) = await app.DraftAsync();
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/applications/{a.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PutJsonAsync($"/api/v1/applications/{a.Id}", new { purpose = "x", version = a.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostAsync($"/api/v1/applications/{a.Id}/attachments",
            File(Pdf, "x.pdf", kind: AttachmentKind.MigrationPlan), Ct)).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/applications?pageSize=200", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>()).Items, x => x.Id == a.Id);

        var center = await app.SignInAsync("center");
        Assert.Equal(HttpStatusCode.NotFound, (await center.GetAsync($"/api/v1/applications/{a.Id}", Ct)).StatusCode);
        var noContact = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { contacts = new ContactsDto(null, null, null, null, null, null), version = a.Version }))
            .ReadAsync<ApplicationDto>();
        var incomplete = await (await edu.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = noContact.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写使用单位联系人及手机号码", incomplete.FieldError("agencyContactName"));
        var centerCreates = await (await center.PostJsonAsync("/api/v1/applications", new { systemId = a.SystemId })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.True(Http.HasChinese(centerCreates.Detail));

        var second = await (await edu.PostJsonAsync("/api/v1/applications", new { systemId = a.SystemId })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"该系统已有办理中的申请 {a.Number}，一个系统同时只办理一份申请", second.FieldError("systemId"));
        var stale = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}", new { purpose = "x", version = a.Version + 5 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.True(Http.HasChinese(stale.Detail));
    }

    [Fact]
    public async Task R_21_1_attachments_are_checked_stored_with_their_hash_and_always_downloaded()
    {
        var (edu, a) = await app.DraftAsync(SystemKind.New);
        Assert.Equal([AttachmentKind.ProjectApproval, AttachmentKind.ProjectPlan], a.MissingAttachments);
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        var disguised = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments", File(html, "立项批复.pdf", kind: AttachmentKind.ProjectApproval), Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("文件内容与扩展名不符，请上传原始文件", disguised.FieldError("file"));
        var page = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments", File(html, "a.html", kind: AttachmentKind.ProjectApproval), Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("不支持“.html”文件", page.FieldError("file"));
        var noKind = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments", File(Pdf, "a.pdf"), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择附件类型", noKind.FieldError("kind"));

        var added = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments", File(Pdf, "立项批复.pdf", kind: AttachmentKind.ProjectApproval), Ct))
            .ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), added.Sha256);
        var download = await edu.GetAsync($"/api/v1/applications/{a.Id}/attachments/{added.Id}", Ct);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal([AttachmentKind.ProjectPlan], (await GetAsync(edu, a.Id)).MissingAttachments);

        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/applications/{a.Id}/attachments/{added.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await edu.DeleteAsync($"/api/v1/applications/{a.Id}/attachments/{added.Id}", Ct)).StatusCode);
        Assert.Equal(2, (await GetAsync(edu, a.Id)).MissingAttachments.Count);
    }

    [Fact]
    public async Task R_A4_1_the_bureau_sets_dated_prices_and_what_applied_on_a_past_day_stays_answerable()
    {
        var bureau = await app.SignInAsync("bureau");
        var today = ChinaTime.Today(TimeProvider.System);
        var code = "dns";
        var set = await (await bureau.PostJsonAsync($"/api/v1/catalog/{code}/prices", new { component = "domain", unitPrice = 12.5m, effectiveFrom = today.AddDays(30) }))
            .ReadAsync<Features.Catalog.CatalogItemDto>();
        Assert.Equal(10m, set.Prices.Single().UnitPrice);
        Assert.Equal(12.5m, set.Scheduled.Single().UnitPrice);
        var again = await (await bureau.PostJsonAsync($"/api/v1/catalog/{code}/prices", new { component = "domain", unitPrice = 11m, effectiveFrom = today.AddDays(30) }))
            .ReadAsync<Features.Catalog.CatalogItemDto>();
        Assert.Equal(11m, again.Scheduled.Single().UnitPrice); // the not-yet-applied price of that day is replaced, not doubled
        set = await (await bureau.PostJsonAsync($"/api/v1/catalog/{code}/prices", new { component = "domain", unitPrice = 12.5m, effectiveFrom = today.AddDays(30) }))
            .ReadAsync<Features.Catalog.CatalogItemDto>();
        var later = await (await bureau.GetAsync($"/api/v1/catalog?on={today.AddDays(31):yyyy-MM-dd}", Ct)).ReadAsync<List<Features.Catalog.CatalogItemDto>>();
        Assert.Equal(12.5m, later.Single(i => i.Code == code).Prices.Single().UnitPrice);
        var past = await (await bureau.GetAsync("/api/v1/catalog?on=2020-01-01", Ct)).ReadAsync<List<Features.Catalog.CatalogItemDto>>();
        Assert.Equal(14, past.Count);
        Assert.Equal(10m, past.Single(i => i.Code == code).Prices.Single().UnitPrice);

        var backdated = await (await bureau.PostJsonAsync($"/api/v1/catalog/{code}/prices", new { component = "domain", unitPrice = 1m, effectiveFrom = today.AddDays(-1) }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("生效日期不能早于今天", backdated.FieldError("effectiveFrom"));
        var edu = await app.SignInAsync("edu");
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"/api/v1/catalog/{code}/prices", new { component = "domain", unitPrice = 1m, effectiveFrom = today })).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(x => x.Action == "CatalogPriceSet" && x.EntityId == code, Ct)));
    }

    [Fact]
    public async Task R_32_1_a_zone_the_bureau_restricts_refuses_rows_it_does_not_allow()
    {
        var bureau = await app.SignInAsync("bureau");
        var zone = await (await bureau.PostJsonAsync("/api/v1/zones", new
        {
            name = "测试隔离区" + Guid.NewGuid().ToString("N")[..4], serverTypes = new[] { ServerType.TST }, osImages = new[] { "麒麟 V10" },
            capacityVcpu = 10, capacityMemoryGb = 20, capacityStorageGb = 1000,
        })).ReadAsync<Features.Catalog.NetworkZoneDto>(HttpStatusCode.Created);
        var (edu, a) = await app.DraftAsync();
        var problem = await (await edu.PutJsonAsync($"/api/v1/applications/{a.Id}/vms", new
        {
            version = a.Version,
            rows = new[] { new { no = 1, zone = zone.Name, vendor = "v", systemName = a.SystemName, serverType = "APP", ownerNames = "张三",
                ownerEmails = "zs@example.com", ownerMobiles = "13800000001", vcpu = 4, memoryGb = 8, systemDiskGb = 100, operatingSystem = "Windows Server 2019",
                clustered = false } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"第 1 行：网络分区“{zone.Name}”不允许部署 APP（应用服务器）类服务器", problem.FieldError("rows[1].serverType"));
        Assert.Contains("可选：麒麟 V10", problem.FieldError("rows[1].operatingSystem"));
        var noTypes = await (await bureau.PutJsonAsync($"/api/v1/zones/{zone.Id}", new { name = zone.Name, serverTypes = Array.Empty<ServerType>(),
            capacityVcpu = 1, capacityMemoryGb = 1, capacityStorageGb = 1, version = zone.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请至少选择一种允许的服务器类型", noTypes.FieldError("serverTypes"));
    }
}

/// <summary>An old-format (.xls) file: an OLE compound document header is all the reader needs to see.</summary>
internal static class RequestFormReaderTestsFile
{
    public static byte[] Xls() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
}

public sealed class ApplicationsApiOnSqlite(SqliteApp app) : ApplicationsApiTests(app), IClassFixture<SqliteApp>;
public sealed class ApplicationsApiOnPostgres(PostgresApp app) : ApplicationsApiTests(app), IClassFixture<PostgresApp>;
