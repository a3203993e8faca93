using System.Net;
using GovCloud.Domain.DataAccess;
using GovCloud.Web.Features.DataAccess;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>
/// R-26.2, R-28.1 on both databases: nobody of the Center reaches an agency's hosts, databases or storage without the agency's grant;
/// the bastion host's check says so, every check is kept, and the agency reads the log of its own systems.
/// </summary>
public abstract class DataAccessApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A system in trial with its two VMs (web, db), and a security event touching its agency for the request to serve.</summary>
    private async Task<(HttpClient Center, Guid SystemId, VmFacts Web, VmFacts Db, string Incident)> SystemAsync(string user = "edu")
    {
        var (_, center, application, _) = await app.InTrialAsync(user);
        var vms = await app.WithDbAsync(db => db.CloudVms.Where(v => v.SystemId == application.SystemId).OrderByDescending(v => v.HostName)
            .Select(v => new VmFacts(v.Id, v.HostName, v.Ips, v.OrganisationId)).ToListAsync(Ct));
        var incident = await (await center.PostJsonAsync("/api/v1/security-events", new
        {
            title = "数据库连接异常", kind = "EquipmentFailure", severity = "General", occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
            description = "应用报数据库连接超时。", organisationIds = new[] { vms[0].OrganisationId },
        })).ReadAsync<SecurityEventCreated>(HttpStatusCode.Created);
        return (center, application.SystemId, vms[0], vms[1], incident.Number);
    }

    private sealed record VmFacts(Guid Id, string HostName, string Ips, Guid OrganisationId);

    private static object Request(Guid systemId, Guid[] vmIds, string incident, string mode = "Read", DateTimeOffset? startsAt = null, int hours = 4) => new
    {
        systemId, vmIds, mode, purpose = "排查数据库连接超时", ticketKind = "Incident", ticketNumber = incident, startsAt, hours,
    };

    private async Task<AccessCheckResult> CheckAsync(HttpClient bastion, string target, string action = "read", string @operator = "center") =>
        await (await bastion.GetAsync($"/api/v1/access-grants/check?operator={Uri.EscapeDataString(@operator)}&target={Uri.EscapeDataString(target)}&action={action}", Ct))
            .ReadAsync<AccessCheckResult>();

    [Fact]
    public async Task R_28_1_the_operator_asks_the_agency_approves_the_check_allows_the_agency_revokes_the_check_denies_and_the_log_shows_it_all()
    {
        var (center, systemId, web, db, incident) = await SystemAsync();
        var bastion = await app.SignInAsync("bastion");
        var edusec = await app.SignInAsync("edusec");

        // Without a grant the bastion is told no, and the no is kept.
        var before = await CheckAsync(bastion, web.HostName);
        Assert.Equal((false, AccessCheckOutcome.NoGrant), (before.Allow, before.Outcome));

        var created = await (await center.PostJsonAsync("/api/v1/access-requests", Request(systemId, [web.Id], incident))).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        // Numbered apart from the resource applications (SQ…): 访问 FW….
        Assert.Matches(@"^FW\d{4}-\d{4}$", created.Number);
        var url = $"/api/v1/access-requests/{created.Id}";
        var waiting = await CheckAsync(bastion, web.HostName);
        Assert.Equal((false, AccessCheckOutcome.NotInForce), (waiting.Allow, waiting.Outcome));

        // The agency's security officer hears of it and approves; the operator hears back.
        var inbox = await (await edusec.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
        Assert.Contains(inbox.Items, m => m.Title == $"访问授权待审批：{created.Number}" && m.Link == $"/data-access/{created.Id}");
        var work = await (await edusec.GetAsync("/api/v1/work", Ct)).ReadAsync<List<GovCloud.Web.Features.Work.WorkItemDto>>();
        Assert.Contains(work, w => w.Number == created.Number && w.Action == "审批访问申请" && w.Link == $"/data-access/{created.Id}");
        var asked = await (await edusec.GetAsync(url, Ct)).ReadAsync<AccessGrantDto>();
        Assert.Equal((AccessGrantStanding.Waiting, true, false), (asked.Standing, asked.MayDecide, asked.MayRevoke));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("edu")).PostJsonAsync($"{url}/approve", new { version = asked.Version })).StatusCode);
        var approved = await (await edusec.PostJsonAsync($"{url}/approve", new { comment = "同意，限排查使用", version = asked.Version })).ReadAsync<AccessGrantDto>();
        Assert.Equal((AccessGrantStanding.InForce, "生效中", true), (approved.Standing, approved.StandingName, approved.MayRevoke));
        Assert.Contains((await (await center.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>()).Items, m => m.Title == $"访问申请已批准：{created.Number}");

        // The check allows the VM asked for, by id, host name (any case) or address, to read; not to change; not the other VM.
        var allowed = await CheckAsync(bastion, web.HostName);
        Assert.Equal((true, created.Id, approved.EndsAt), (allowed.Allow, allowed.GrantId, allowed.EndsAt));
        Assert.True((await CheckAsync(bastion, web.Id.ToString())).Allow);
        Assert.True((await CheckAsync(bastion, web.HostName.ToUpperInvariant())).Allow);
        // The operator's name is matched as at sign-in, whatever its case.
        Assert.True((await CheckAsync(bastion, web.HostName, @operator: "CENTER")).Allow);
        Assert.True((await CheckAsync(bastion, web.Ips.Split(',')[0].Trim())).Allow);
        var change = await CheckAsync(bastion, web.HostName, "change");
        Assert.Equal((false, AccessCheckOutcome.ReadOnly, "拒绝：只读授权不能变更"), (change.Allow, change.Outcome, change.Reason));
        Assert.Equal(AccessCheckOutcome.NoGrant, (await CheckAsync(bastion, db.HostName)).Outcome);
        // Another operator holds no grant of this one.
        Assert.False((await CheckAsync(bastion, web.HostName, @operator: "someone-else")).Allow);

        // The agency revokes; the bastion says no from that moment.
        var revoked = await (await edusec.PostJsonAsync($"/api/v1/access-grants/{created.Id}/revoke", new { comment = "排查已完成", version = approved.Version }))
            .ReadAsync<AccessGrantDto>();
        Assert.Equal(AccessGrantStanding.Revoked, revoked.Standing);
        Assert.Equal((false, AccessCheckOutcome.NotInForce), ((await CheckAsync(bastion, web.HostName)).Allow, (await CheckAsync(bastion, web.HostName)).Outcome));
        var twice = await (await edusec.PostJsonAsync($"/api/v1/access-grants/{created.Id}/revoke", new { version = revoked.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("只能撤销已批准的授权", twice.FieldError("state"));

        // The log of the system shows the request, the approval, the checks allowed and denied, and the revoke.
        var log = await (await edusec.GetAsync($"/api/v1/access-log?systemId={systemId}&pageSize=100", Ct)).ReadAsync<Paged<AccessLogLineDto>>();
        var kinds = log.Items.Select(l => l.Kind).ToList();
        Assert.Contains("申请授权", kinds);
        Assert.Contains("批准授权", kinds);
        Assert.Contains("撤销授权", kinds);
        // The approval keeps its own comment and the revoke its reason.
        Assert.Contains("同意，限排查使用", log.Items.Single(l => l.Kind == "批准授权").What);
        Assert.Contains("排查已完成", log.Items.Single(l => l.Kind == "撤销授权").What);
        Assert.Equal(("同意，限排查使用", "排查已完成"), (revoked.DecisionComment, revoked.EndReason));
        Assert.Contains(log.Items, l => l.Kind == "访问核验" && l.Outcome == "允许" && l.GrantNumber == created.Number);
        Assert.Contains(log.Items, l => l.Kind == "访问核验" && l.Denied && l.What.Contains(web.HostName));
        Assert.Equal(log.Items.OrderByDescending(l => l.At).Select(l => l.At), log.Items.Select(l => l.At));
        var denied = await (await edusec.GetAsync($"/api/v1/access-log?systemId={systemId}&deniedOnly=true&pageSize=100", Ct)).ReadAsync<Paged<AccessLogLineDto>>();
        Assert.All(denied.Items, l => Assert.True(l.Denied));
        Assert.Equal(await app.WithDbAsync(x => x.AccessChecks.CountAsync(c => c.SystemId == systemId, Ct)), log.Items.Count(l => l.Kind == "访问核验"));

        // Export: what the list shows, as Excel.
        var export = await (await edusec.GetAsync($"/api/v1/access-log/export?systemId={systemId}", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(export), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(log.Total, rows.Count);
        Assert.Contains(rows, r => (string)r["类别"] == "撤销授权" && (string)r["授权编号"] == created.Number);

        var audited = await app.WithDbAsync(x => x.AuditEntries.Where(a => a.EntityId == created.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["AccessRequested", "AccessApproved", "AccessRevoked"], audited);
    }

    [Fact]
    public async Task R_28_1_a_grant_opens_only_its_own_targets_only_in_its_window_and_only_by_the_bastions_token()
    {
        var (center, systemId, web, db, incident) = await SystemAsync();
        var (_, healthSystem, healthWeb, _, healthIncident) = await SystemAsync("health");
        var bastion = await app.SignInAsync("bastion");
        var edusec = await app.SignInAsync("edusec");

        // A change grant for web, approved: db of the same system and the other agency's VM stay shut.
        var now = await (await center.PostJsonAsync("/api/v1/access-requests", Request(systemId, [web.Id], incident, "Change"))).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        var g = await (await edusec.GetAsync($"/api/v1/access-requests/{now.Id}", Ct)).ReadAsync<AccessGrantDto>();
        await (await edusec.PostJsonAsync($"/api/v1/access-requests/{now.Id}/approve", new { version = g.Version })).ReadAsync<AccessGrantDto>();
        Assert.True((await CheckAsync(bastion, web.HostName, "change")).Allow);
        Assert.False((await CheckAsync(bastion, db.Id.ToString())).Allow);
        var other = await CheckAsync(bastion, healthWeb.HostName);
        Assert.Equal((false, AccessCheckOutcome.NoGrant), (other.Allow, other.Outcome));
        Assert.Equal(AccessCheckOutcome.UnknownTarget, (await CheckAsync(bastion, "no-such-host-" + Guid.NewGuid().ToString("N")[..6])).Outcome);

        // A grant whose window has not begun, and one refused, deny.
        var later = await (await center.PostJsonAsync("/api/v1/access-requests", Request(systemId, [db.Id], incident, startsAt: DateTimeOffset.UtcNow.AddHours(2))))
            .ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        var l = await (await edusec.GetAsync($"/api/v1/access-requests/{later.Id}", Ct)).ReadAsync<AccessGrantDto>();
        var approvedLater = await (await edusec.PostJsonAsync($"/api/v1/access-requests/{later.Id}/approve", new { version = l.Version })).ReadAsync<AccessGrantDto>();
        Assert.Equal(AccessGrantStanding.NotYetStarted, approvedLater.Standing);
        Assert.Equal(AccessCheckOutcome.NotInForce, (await CheckAsync(bastion, db.HostName)).Outcome);
        var refusedReq = await (await center.PostJsonAsync("/api/v1/access-requests", Request(systemId, [db.Id], incident))).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        var r = await (await edusec.GetAsync($"/api/v1/access-requests/{refusedReq.Id}", Ct)).ReadAsync<AccessGrantDto>();
        var noReason = await (await edusec.PostJsonAsync($"/api/v1/access-requests/{refusedReq.Id}/refuse", new { version = r.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请说明不同意的理由", noReason.FieldError("comment"));
        await (await edusec.PostJsonAsync($"/api/v1/access-requests/{refusedReq.Id}/refuse", new { comment = "请先提交变更申请", version = r.Version })).ReadAsync<AccessGrantDto>();
        Assert.False((await CheckAsync(bastion, db.HostName)).Allow);

        // A grant whose window is over denies (time passes: its window is moved into the past).
        await app.WithDbAsync(x => x.AccessGrants.Where(a => a.Id == now.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StartsAt, DateTimeOffset.UtcNow.AddHours(-5)).SetProperty(a => a.EndsAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct));
        Assert.Equal(AccessCheckOutcome.NotInForce, (await CheckAsync(bastion, web.HostName, "change")).Outcome);
        var ended = await (await edusec.GetAsync($"/api/v1/access-requests/{now.Id}", Ct)).ReadAsync<AccessGrantDto>();
        Assert.Equal((AccessGrantStanding.Ended, false), (ended.Standing, ended.MayRevoke));

        // The check answers the bastion's token alone.
        foreach (var user in new[] { "center", "edu", "edusec", "bureau", "police", "finance", "admin", "secadmin", "auditor", "cloudapi" })
            Assert.Equal(HttpStatusCode.Forbidden,
                (await (await app.SignInAsync(user)).GetAsync($"/api/v1/access-grants/check?operator=center&target={web.HostName}&action=read", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/access-grants/check?operator=center&target={web.HostName}&action=read", Ct)).StatusCode);

        // An agency reaches neither another agency's grants nor its log; the bastion reads no log.
        var healthGrant = await (await center.PostJsonAsync("/api/v1/access-grants/break-glass", new
        {
            systemId = healthSystem, vmIds = new[] { healthWeb.Id }, mode = "Read", reason = $"卫健委系统无响应（{healthIncident}）", hours = 1,
        })).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await edusec.GetAsync($"/api/v1/access-requests/{healthGrant.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await edusec.PostJsonAsync($"/api/v1/access-requests/{healthGrant.Id}/approve", new { version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await edusec.PostJsonAsync($"/api/v1/access-grants/{healthGrant.Id}/revoke", new { version = 0 })).StatusCode);
        var eduLog = await (await edusec.GetAsync($"/api/v1/access-log?systemId={healthSystem}&pageSize=100", Ct)).ReadAsync<Paged<AccessLogLineDto>>();
        Assert.Empty(eduLog.Items);
        var eduAll = await (await edusec.GetAsync("/api/v1/access-log?pageSize=100", Ct)).ReadAsync<Paged<AccessLogLineDto>>();
        Assert.DoesNotContain(eduAll.Items, x => x.OrganisationName == "市卫生健康委员会" || x.OrganisationName == "（未知对象）");
        var eduGrants = await (await edusec.GetAsync("/api/v1/access-requests?pageSize=100", Ct)).ReadAsync<Paged<AccessGrantRowDto>>();
        Assert.All(eduGrants.Items, x => Assert.Equal("市教育局", x.OrganisationName));
        var healthLog = await (await (await app.SignInAsync("health")).GetAsync($"/api/v1/access-log?systemId={healthSystem}&pageSize=100", Ct)).ReadAsync<Paged<AccessLogLineDto>>();
        Assert.Contains(healthLog.Items, x => x.Kind == "访问核验" && x.Denied);
        Assert.Equal(HttpStatusCode.Forbidden, (await bastion.GetAsync("/api/v1/access-log", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).GetAsync("/api/v1/access-log", Ct)).StatusCode);
    }

    [Fact]
    public async Task R_28_1_a_bad_request_is_said_field_by_field_in_chinese_and_changes_nothing()
    {
        var (center, systemId, web, _, incident) = await SystemAsync();
        var (_, otherSystem, otherWeb, _, _) = await SystemAsync();
        var bastion = await app.SignInAsync("bastion");
        var count = await app.WithDbAsync(db => db.AccessGrants.CountAsync(Ct));

        var bad = await (await center.PostJsonAsync("/api/v1/access-requests", new
        {
            systemId, vmIds = new[] { otherWeb.Id, Guid.NewGuid() }, mode = (string?)null, purpose = "\u200b", ticketKind = "Change", ticketNumber = "BG2099-9999", hours = 9,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请说明访问目的", bad.FieldError("purpose"));
        Assert.Equal("请选择只读或变更", bad.FieldError("mode"));
        Assert.Equal("访问时长须为 1 至 8 小时", bad.FieldError("hours"));
        Assert.Equal("第 1 台虚拟机不属于该系统或已回收", bad.FieldError("vmIds[0]"));
        Assert.Equal("第 2 台虚拟机不属于该系统或已回收", bad.FieldError("vmIds[1]"));
        Assert.Equal("未找到与该单位有关的变更“BG2099-9999”", bad.FieldError("ticketNumber"));
        var none = await (await center.PostJsonAsync("/api/v1/access-requests", new { mode = "Read", purpose = "排查", ticketKind = "Incident", ticketNumber = incident, hours = 2 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择信息系统", none.FieldError("systemId"));
        Assert.Equal("请选择要访问的虚拟机、数据库或存储", none.FieldError("targets"));
        Assert.Equal(HttpStatusCode.BadRequest, (await center.PostJsonAsync("/api/v1/access-requests", "{\"systemId\": 12}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("edu")).PostJsonAsync("/api/v1/access-requests", Request(systemId, [web.Id], incident))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("bureau")).PostJsonAsync("/api/v1/access-grants/break-glass", new { })).StatusCode);
        Assert.Equal(count, await app.WithDbAsync(db => db.AccessGrants.CountAsync(Ct)));

        var check = await (await bastion.GetAsync("/api/v1/access-grants/check?target=&action=delete", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请给出运维人员的账号（operator）", check.FieldError("operator"));
        Assert.StartsWith("请给出访问对象", check.FieldError("target"));
        Assert.Equal("action 须为 read（只读）或 change（变更）", check.FieldError("action"));
        var far = await (await (await app.SignInAsync("edusec")).GetAsync($"/api/v1/access-log?systemId={otherSystem}&from=0001-01-01", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("开始日期须在", far.FieldError("from"));
    }

    [Fact]
    public async Task R_28_1_twenty_approvals_at_once_approve_once()
    {
        var (center, systemId, web, _, incident) = await SystemAsync();
        var created = await (await center.PostJsonAsync("/api/v1/access-requests", Request(systemId, [web.Id], incident))).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        var edusec = await app.SignInAsync("edusec");
        var version = (await (await edusec.GetAsync($"/api/v1/access-requests/{created.Id}", Ct)).ReadAsync<AccessGrantDto>()).Version;
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => edusec.PostJsonAsync($"/api/v1/access-requests/{created.Id}/approve", new { version })));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.BadRequest, a.StatusCode.ToString()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == created.Id.ToString() && a.Action == "AccessApproved", Ct)));
    }

    [Fact]
    public async Task R_28_1_an_emergency_access_opens_at_once_for_at_most_two_hours_is_told_to_the_agency_and_the_bureau_and_reviewed_afterwards()
    {
        var (center, systemId, _, db, _) = await SystemAsync();
        var bastion = await app.SignInAsync("bastion");
        var edusec = await app.SignInAsync("edusec");
        var tooLong = await (await center.PostJsonAsync("/api/v1/access-grants/break-glass", new { systemId, vmIds = new[] { db.Id }, mode = "Change", reason = "数据库宕机", hours = 3 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("访问时长须为 1 至 2 小时", tooLong.FieldError("hours"));
        var opened = await (await center.PostJsonAsync("/api/v1/access-grants/break-glass", new { systemId, vmIds = new[] { db.Id }, mode = "Change", reason = "数据库宕机，业务中断", hours = 2 }))
            .ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        Assert.True((await CheckAsync(bastion, db.HostName, "change")).Allow);
        foreach (var user in new[] { "edusec", "bureau" })
            Assert.Contains((await (await (await app.SignInAsync(user)).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>()).Items,
                m => m.Title == $"应急访问已开启：{opened.Number}");

        var url = $"/api/v1/access-requests/{opened.Id}";
        var g = await (await edusec.GetAsync(url, Ct)).ReadAsync<AccessGrantDto>();
        Assert.Equal((true, AccessGrantStanding.InForce, true, true), (g.IsEmergency, g.Standing, g.MayReview, g.MayRevoke));
        Assert.Equal(TimeSpan.FromHours(2), g.EndsAt - g.StartsAt);
        var toReview = await (await edusec.GetAsync("/api/v1/access-requests?toReview=true&pageSize=100", Ct)).ReadAsync<Paged<AccessGrantRowDto>>();
        Assert.Contains(toReview.Items, x => x.Id == opened.Id);
        Assert.Contains(await (await edusec.GetAsync("/api/v1/work", Ct)).ReadAsync<List<GovCloud.Web.Features.Work.WorkItemDto>>(),
            w => w.Number == opened.Number && w.Action == "审查应急访问");

        var silent = await (await edusec.PostJsonAsync($"{url}/review", new { review = "Disputed", comment = " ", version = g.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("有异议时请写明异议内容", silent.FieldError("comment"));
        var reviewed = await (await edusec.PostJsonAsync($"{url}/review", new { review = "Disputed", comment = "未先电话告知本单位", version = g.Version }))
            .ReadAsync<AccessGrantDto>();
        Assert.Equal(("有异议", false), (reviewed.ReviewName, reviewed.MayReview));
        Assert.Contains((await (await (await app.SignInAsync("bureau")).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>()).Items,
            m => m.Title == $"使用单位对应急访问有异议：{opened.Number}");
        var again = await (await edusec.PostJsonAsync($"{url}/review", new { review = "Accepted", version = reviewed.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("该应急访问已审查", again.FieldError("review"));
        var log = await (await edusec.GetAsync($"/api/v1/access-log?systemId={systemId}&kind=grant&pageSize=100", Ct)).ReadAsync<Paged<AccessLogLineDto>>();
        Assert.Contains(log.Items, l => l.Kind == "应急访问");
        Assert.Contains(log.Items, l => l.Kind == "事后审查" && l.Denied);
        Assert.DoesNotContain(log.Items, l => l.Kind == "访问核验");
    }

    [Fact]
    public async Task R_28_1_a_grant_stops_counting_once_its_operator_is_disabled()
    {
        var (_, systemId, web, _, incident) = await SystemAsync();
        var admin = await app.SignInAsync("admin");
        var centerOrg = await RectificationApiTests.OrganisationAsync(app, "市信息化建设管理中心");
        var userName = "op" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostJsonAsync("/api/v1/users", new { userName, displayName = "临时运维", organisationId = centerOrg, roles = new[] { "CenterOperator" } }))
            .ReadAsync<GovCloud.Web.Features.Users.UserWithPassword>(HttpStatusCode.Created);
        var first = await app.SignInAsync(userName, created.OneTimePassword);
        (await first.PostJsonAsync("/api/v1/me/password", new { currentPassword = created.OneTimePassword, newPassword = "Operator#Pass2026" })).EnsureSuccessStatusCode();
        var op = await app.SignInAsync(userName, "Operator#Pass2026");
        var asked = await (await op.PostJsonAsync("/api/v1/access-requests", Request(systemId, [web.Id], incident))).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        var edusec = await app.SignInAsync("edusec");
        var g = await (await edusec.GetAsync($"/api/v1/access-requests/{asked.Id}", Ct)).ReadAsync<AccessGrantDto>();
        await (await edusec.PostJsonAsync($"/api/v1/access-requests/{asked.Id}/approve", new { version = g.Version })).ReadAsync<AccessGrantDto>();
        var bastion = await app.SignInAsync("bastion");
        Assert.True((await CheckAsync(bastion, web.HostName, @operator: userName)).Allow);

        // The account is disabled (the operator left): the grant no longer lets him in.
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false), Ct));
        var denied = await CheckAsync(bastion, web.HostName, @operator: userName);
        Assert.Equal((false, AccessCheckOutcome.OperatorNotAllowed), (denied.Allow, denied.Outcome));
        Assert.Equal(AccessCheckOutcome.OperatorNotAllowed, (await CheckAsync(bastion, web.HostName, @operator: "nobody-" + userName)).Outcome);
    }

    [Fact]
    public async Task R_28_1_an_agency_without_a_security_officer_cannot_be_asked_but_reviews_an_emergency_by_its_operator_and_emergencies_do_not_stack()
    {
        var (center, healthSystem, healthWeb, _, incident) = await SystemAsync("health");
        var refused = await (await center.PostJsonAsync("/api/v1/access-requests", Request(healthSystem, [healthWeb.Id], incident))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("市卫生健康委员会尚未设置安全负责人，访问申请无人审批", refused.FieldError("systemId"));

        var opened = await (await center.PostJsonAsync("/api/v1/access-grants/break-glass", new { systemId = healthSystem, vmIds = new[] { healthWeb.Id }, mode = "Read", reason = "系统无响应", hours = 1 }))
            .ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        // Twenty more at once: none while one is in force.
        var again = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            center.PostJsonAsync("/api/v1/access-grants/break-glass", new { systemId = healthSystem, vmIds = new[] { healthWeb.Id }, mode = "Read", reason = "系统无响应", hours = 1 })));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.AccessGrants.CountAsync(x => x.SystemId == healthSystem && x.IsEmergency, Ct)));

        var health = await app.SignInAsync("health");
        var g = await (await health.GetAsync($"/api/v1/access-requests/{opened.Id}", Ct)).ReadAsync<AccessGrantDto>();
        Assert.True(g.MayReview);
        var reviewed = await (await health.PostJsonAsync($"/api/v1/access-requests/{opened.Id}/review", new { review = "Accepted", version = g.Version })).ReadAsync<AccessGrantDto>();
        Assert.Equal("认可", reviewed.ReviewName);
        // The education bureau has an officer: its operator does not review.
        var (_, eduSystem, eduWeb, _, _) = await SystemAsync();
        var eduOpened = await (await center.PostJsonAsync("/api/v1/access-grants/break-glass", new { systemId = eduSystem, vmIds = new[] { eduWeb.Id }, mode = "Read", reason = "系统无响应", hours = 1 }))
            .ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("edu")).PostJsonAsync($"/api/v1/access-requests/{eduOpened.Id}/review", new { review = "Accepted", version = 0 })).StatusCode);

        // A page far beyond the end is empty, not the first page again.
        var far = await (await center.GetAsync($"/api/v1/access-log?page={int.MaxValue}", Ct)).ReadAsync<Paged<AccessLogLineDto>>();
        Assert.Empty(far.Items);
        Assert.Empty((await (await center.GetAsync($"/api/v1/access-requests?page={int.MaxValue}", Ct)).ReadAsync<Paged<AccessGrantRowDto>>()).Items);
        Assert.Equal(HttpStatusCode.OK, (await center.GetAsync("/api/v1/access-log?kind=", Ct)).StatusCode);
    }

    private static MultipartFormDataContent Agreement(string? signedOn, string? validFrom, string? validTo, bool file = true)
    {
        var form = file ? ApplicationKit.File(ApplicationKit.Pdf, "保密协议.pdf") : new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("signedOn", signedOn), ("validFrom", validFrom), ("validTo", validTo) })
            if (value is not null) form.Add(new StringContent(value), name);
        return form;
    }

    [Fact]
    public async Task R_26_2_formal_use_waits_for_a_confidentiality_agreement_in_force_which_the_center_records_and_the_agency_reads()
    {
        var (edu, center, a, trial) = await app.InTrialAsync();
        var eduOrg = await RectificationApiTests.OrganisationAsync(app, "市教育局");
        var url = $"/api/v1/organisations/{eduOrg}/confidentiality-agreements";
        var officer = await app.SignInAsync("edusec");
        var trialUrl = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await officer.PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<GovCloud.Web.Features.Provisioning.TrialDto>();
        trial = await (await center.PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<GovCloud.Web.Features.Provisioning.TrialDto>();
        trial = await (await edu.PostJsonAsync($"{trialUrl}/result", new { result = "Passed", version = trial.Version })).ReadAsync<GovCloud.Web.Features.Provisioning.TrialDto>();

        // The bureau's agreement ran out yesterday: formal use is refused, naming it.
        var today = ChinaTime.Today(TimeProvider.System);
        await app.WithDbAsync(db => db.ConfidentialityAgreements.Where(x => x.OrganisationId == eduOrg)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ValidTo, today.AddDays(-1)), Ct));
        var before = await (await officer.GetAsync(url, Ct)).ReadAsync<AgreementsDto>();
        Assert.Equal(("已过期", false), (before.StandingName, before.MayAdd));
        var refused = await (await center.PostJsonAsync($"{trialUrl}/go-live", new { version = trial.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("市教育局与信息化中心的保密协议已过期，须续签后才能正式开通", refused.Detail);
        var overview = await (await center.GetAsync("/api/v1/confidentiality-agreements?standing=Expired", Ct)).ReadAsync<List<AgreementRowDto>>();
        Assert.Contains(overview, r => r.OrganisationName == "市教育局");

        // The Center prints the agreement with both parties, and records the signed one; bad dates and a missing scan are said at their fields.
        var template = await (await center.GetAsync($"{url}/template.docx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(template), false))
        {
            var text = doc.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("甲方：市信息化建设管理中心", text);
            Assert.Contains("乙方：市教育局", text);
            Assert.Contains("未经乙方授权", text);
        }
        var bad = await (await center.PostAsync(url, Agreement(today.AddDays(1).ToString("yyyy-MM-dd"), "2026-13-01", null, file: false), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("有效期起始日须写作 2026-12-01 的格式", bad.FieldError("validFrom"));
        var noFile = await (await center.PostAsync(url, Agreement(today.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"), today.AddDays(-3).ToString("yyyy-MM-dd"), file: false), Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("有效期截止日须晚于起始日", noFile.FieldError("validTo"));
        var ancient = await (await center.PostAsync(url, Agreement("0001-01-01", "0001-01-01", "0003-01-01"), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("签订日期须在", ancient.FieldError("signedOn"));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync(url, Agreement(today.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"), today.AddYears(3).ToString("yyyy-MM-dd")), Ct)).StatusCode);
        var added = await (await center.PostAsync(url, Agreement(today.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"), today.AddYears(3).ToString("yyyy-MM-dd")), Ct))
            .ReadAsync<AgreementsDto>(HttpStatusCode.Created);
        Assert.Equal((AgreementStanding.Valid, today.AddYears(3)), (added.Standing, added.ValidTo!.Value));
        Assert.Contains((await (await officer.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>()).Items, m => m.Title == "保密协议已登记");

        // The agency reads its own agreements and scan, not another agency's.
        var mine = await (await officer.GetAsync(url, Ct)).ReadAsync<AgreementsDto>();
        Assert.Equal("有效", mine.StandingName);
        var scan = await officer.GetAsync($"{url}/{mine.Agreements[0].Id}/file", Ct);
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        Assert.Equal(ApplicationKit.Pdf, await scan.Content.ReadAsByteArrayAsync(Ct));
        var health = await RectificationApiTests.OrganisationAsync(app, "市卫生健康委员会");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/organisations/{health}/confidentiality-agreements", Ct)).StatusCode);
        Assert.Equal(["市教育局"], (await (await officer.GetAsync("/api/v1/confidentiality-agreements", Ct)).ReadAsync<List<AgreementRowDto>>()).Select(r => r.OrganisationName));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).GetAsync(url, Ct)).StatusCode);

        // With it in force, formal use goes ahead.
        var live = await (await center.PostJsonAsync($"{trialUrl}/go-live", new { version = trial.Version })).ReadAsync<GovCloud.Web.Features.Provisioning.TrialDto>();
        Assert.Equal(GovCloud.Domain.Provisioning.TrialState.Live, live.State);
        var export = await (await center.GetAsync("/api/v1/confidentiality-agreements/export", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(export), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("有效", (string)rows.Single(r => (string)r["使用单位"] == "市教育局")["保密协议"]);
        Assert.Equal("已过期", (string)rows.Single(r => (string)r["使用单位"] == "市卫生健康委员会")["保密协议"]);
    }

    [Fact]
    public async Task R_26_2_an_agreement_recorded_by_mistake_is_voided_with_a_reason_stops_counting_and_stays_in_the_history()
    {
        var center = await app.SignInAsync("center");
        var overview = await (await center.GetAsync("/api/v1/confidentiality-agreements?standing=Valid", Ct)).ReadAsync<List<AgreementRowDto>>();
        var row = overview.First(r => r.OrganisationName is not "市教育局" && r.Count == 1);
        var url = $"/api/v1/organisations/{row.OrganisationId}/confidentiality-agreements";
        var agreement = (await (await center.GetAsync(url, Ct)).ReadAsync<AgreementsDto>()).Agreements.Single();

        // Only the Center's operators void, with a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("bureau")).PostJsonAsync($"{url}/{agreement.Id}/void", new { reason = "登记错了" })).StatusCode);
        var noReason = await (await center.PostJsonAsync($"{url}/{agreement.Id}/void", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请说明作废的原因（如登记错了单位或日期）", noReason.FieldError("reason"));
        Assert.Equal(AgreementStanding.Valid, (await (await center.GetAsync(url, Ct)).ReadAsync<AgreementsDto>()).Standing);

        var voided = await (await center.PostJsonAsync($"{url}/{agreement.Id}/void", new { reason = "登记错了单位" })).ReadAsync<AgreementsDto>();
        Assert.Equal(AgreementStanding.None, voided.Standing);
        var kept = voided.Agreements.Single();
        Assert.Equal(("center", "登记错了单位"), (kept.VoidedBy, kept.VoidReason));
        Assert.NotNull(kept.VoidedAt);
        var again = await (await center.PostJsonAsync($"{url}/{agreement.Id}/void", new { reason = "再作废一次" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("已于", again.Detail);
        var now = await (await center.GetAsync("/api/v1/confidentiality-agreements", Ct)).ReadAsync<List<AgreementRowDto>>();
        Assert.Equal(AgreementStanding.None, now.Single(r => r.OrganisationId == row.OrganisationId).Standing);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "ConfidentialityAgreementVoided" && e.EntityId == row.OrganisationId.ToString(), Ct)));
    }
}

public sealed class DataAccessApiOnSqlite(SqliteApp app) : DataAccessApiTests(app), IClassFixture<SqliteApp>;
public sealed class DataAccessApiOnPostgres(PostgresApp app) : DataAccessApiTests(app), IClassFixture<PostgresApp>;

/// <summary>R-28.1: each month every agency reads a summary of the access to its systems, sent once.</summary>
public abstract class AccessSummaryTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task R_28_1_early_each_month_the_agency_gets_last_months_access_summary_once()
    {
        // This month's access, summarised early next month (the application's own steps take today's dates).
        var clock = new MovableClock();
        var month = ChinaTime.Today(clock);
        await using var app = new GovCloudApp(provider, clock: clock);
        var (_, center, application, _) = await app.InTrialAsync();
        var vm = await app.WithDbAsync(db => db.CloudVms.Where(v => v.SystemId == application.SystemId).Select(v => new { v.Id, v.HostName }).FirstAsync(Ct));
        var incident = await (await center.PostJsonAsync("/api/v1/security-events", new
        {
            title = "门户异常", kind = "Other", severity = "General", occurredAt = clock.GetUtcNow().AddHours(-1), description = "门户异常。", systemIds = new[] { application.SystemId },
        })).ReadAsync<SecurityEventCreated>(HttpStatusCode.Created);
        var asked = await (await center.PostJsonAsync("/api/v1/access-requests", new
        {
            systemId = application.SystemId, vmIds = new[] { vm.Id }, mode = "Read", purpose = "排查", ticketKind = "Incident", ticketNumber = incident.Number, hours = 2,
        })).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);
        var edusec = await app.SignInAsync("edusec");
        var g = await (await edusec.GetAsync($"/api/v1/access-requests/{asked.Id}", Ct)).ReadAsync<AccessGrantDto>();
        await (await edusec.PostJsonAsync($"/api/v1/access-requests/{asked.Id}/refuse", new { comment = "请先电话联系", version = g.Version })).ReadAsync<AccessGrantDto>();
        await (await (await app.SignInAsync("bastion")).GetAsync($"/api/v1/access-grants/check?operator=center&target={vm.HostName}&action=read", Ct))
            .ReadAsync<AccessCheckResult>();

        var second = new DateOnly(month.Year, month.Month, 2).AddMonths(1);
        clock.Advance(new DateTimeOffset(second.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)) - clock.GetUtcNow());
        async Task<int> SummariseAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccessLogService>().SummariseLastMonthAsync(Ct);
        }
        Assert.True(await SummariseAsync() > 0);
        Assert.Equal(0, await SummariseAsync());
        var inbox = await (await (await app.SignInAsync("edusec")).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
        var summary = Assert.Single(inbox.Items, m => m.Title == $"{month.Year}年{month.Month}月访问情况");
        Assert.Contains("申请访问本单位系统 1 次（未获同意 1 次）", summary.Body);
        Assert.Contains("堡垒机核验 1 次，其中拒绝 1 次", summary.Body);
        Assert.Equal("/data-access?tab=log", summary.Link);
    }
}

public sealed class AccessSummaryOnSqlite() : AccessSummaryTests(Provider.Sqlite);
public sealed class AccessSummaryOnPostgres() : AccessSummaryTests(Provider.PostgreSql);
