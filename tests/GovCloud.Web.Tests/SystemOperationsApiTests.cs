using System.Net;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Operations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>R-23.1 on both databases: logs kept at least 6 months, operations rules and emergency plans on file, drills; gaps listed and reminded.</summary>
public abstract class SystemOperationsApiTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid systemId, string kind, string? issuedOn = null, Guid? drillId = null,
        byte[]? bytes = null, string name = "制度.pdf")
    {
        var form = new MultipartFormDataContent { { new StringContent(kind), "kind" }, { new ByteArrayContent(bytes ?? "%PDF-1.4 运维"u8.ToArray()), "file", name } };
        if (issuedOn is not null) form.Add(new StringContent(issuedOn), "issuedOn");
        if (drillId is { } d) form.Add(new StringContent(d.ToString()), "drillId");
        return await client.PostAsync($"/api/v1/systems/{systemId}/operations/documents", form, Ct);
    }

    [Fact]
    public async Task R_23_1_the_agency_files_logs_rules_plan_and_drills_until_nothing_is_listed_and_others_only_read()
    {
        await using var app = new GovCloudApp(provider);
        var (edu, center, application, _) = await app.LiveAsync();
        var system = application.SystemId;
        var url = $"/api/v1/systems/{system}/operations";

        // Nothing on file: four problems, the system on the Bureau's list, and the agency reminded once a month.
        var empty = await (await edu.GetAsync(url, Ct)).ReadAsync<SystemOperationsDto>();
        Assert.Equal(["未登记运行和操作日志的保存位置与保存期限", "未上传运维管理制度", "未上传应急处置预案", "未登记应急演练"], empty.Problems);
        Assert.True(empty.MayWrite);
        var bureau = await app.SignInAsync("bureau");
        Assert.Equal(4, (await (await bureau.GetAsync("/api/v1/operations/gaps", Ct)).ReadAsync<List<OperationsGapDto>>()).Single(g => g.SystemId == system).Problems.Count);
        for (var i = 0; i < 2; i++)
            await app.WithScopeAsync(async sp => { await sp.GetRequiredService<SystemOperationsService>().RemindAsync(Ct); return 0; });
        var inbox = await (await edu.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
        Assert.Single(inbox.Items, m => m.Title == "请补充信息系统的运维日志与预案" && m.Body.Contains($"《{empty.SystemName}》未登记运行和操作日志"));

        // Only the agency writes; another agency finds nothing; Finance has no part; the Center and the regulators read.
        Assert.Equal(HttpStatusCode.Forbidden, (await center.PutJsonAsync(url, new { logLocation = "日志服务器", logRetentionMonths = 12 })).StatusCode);
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PutJsonAsync(url, new { logLocation = "日志服务器", logRetentionMonths = 12 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).GetAsync(url, Ct)).StatusCode);
        Assert.False((await (await center.GetAsync(url, Ct)).ReadAsync<SystemOperationsDto>()).MayWrite);

        // What is typed wrong is said at its field; 3 months is taken and listed as too short.
        var bad = await (await edu.PutJsonAsync(url, new { logLocation = " ", logRetentionMonths = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(bad.FieldError("logLocation"));
        Assert.Equal("日志保存期限应在 1 至 600 个月之间", bad.FieldError("logRetentionMonths"));
        var saved = await (await edu.PutJsonAsync(url, new { logLocation = "市政务云日志审计平台", logRetentionMonths = 3 })).ReadAsync<SystemOperationsDto>();
        Assert.Contains("日志保存期限 3 个月，少于 6 个月", saved.Problems);
        Assert.Equal(HttpStatusCode.Conflict, (await edu.PutJsonAsync(url, new { logLocation = "日志服务器", logRetentionMonths = 6, version = saved.Version + 1 })).StatusCode);
        saved = await (await edu.PutJsonAsync(url, new { logLocation = "市政务云日志审计平台", logRetentionMonths = 6, version = saved.Version })).ReadAsync<SystemOperationsDto>();
        Assert.DoesNotContain(saved.Problems, p => p.StartsWith("日志"));

        // Rules issued four years ago are stale; the plan this year is current; a drill with its report.
        var old = Today.AddYears(-4).ToString("yyyy-MM-dd");
        var withRules = await (await UploadAsync(edu, system, "Rules", old)).ReadAsync<SystemOperationsDto>();
        Assert.Contains($"运维管理制度印发于 {old}，已超过 36 个月未修订", withRules.Problems);
        var noDate = await (await UploadAsync(edu, system, "EmergencyPlan")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写应急处置预案的印发日期", noDate.FieldError("issuedOn"));
        Assert.NotNull((await (await UploadAsync(edu, system, "Plan", "2026-01-01")).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("kind"));
        await (await UploadAsync(edu, system, "EmergencyPlan", Today.AddMonths(-1).ToString("yyyy-MM-dd"), name: "预案.pdf")).ReadAsync<SystemOperationsDto>();
        await (await UploadAsync(edu, system, "Rules", Today.ToString("yyyy-MM-dd"))).ReadAsync<SystemOperationsDto>();
        var future = await (await edu.PostJsonAsync($"{url}/drills", new { heldOn = Today.AddDays(1), scenario = "数据库主节点宕机", result = "通过" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("演练日期不能晚于今天", future.FieldError("heldOn"));
        var drilled = await (await edu.PostJsonAsync($"{url}/drills", new { heldOn = Today.AddDays(-3), scenario = "数据库主节点宕机切换", result = "12 分钟完成切换，数据无丢失" }))
            .ReadAsync<SystemOperationsDto>();
        var drill = drilled.Drills.Single();
        // The same drill sent again (twenty at once, as a double click and retries do) stays one drill; a date out of any calendar is refused.
        var again = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            edu.PostJsonAsync($"{url}/drills", new { heldOn = Today.AddDays(-3), scenario = "数据库主节点宕机切换", result = "12 分钟完成切换，数据无丢失" })));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var ancient = await (await edu.PostJsonAsync($"{url}/drills", new { heldOn = "0001-01-01", scenario = "断电", result = "通过" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("演练日期须在 1990-01-01 至", ancient.FieldError("heldOn"));
        Assert.Single((await (await edu.GetAsync(url, Ct)).ReadAsync<SystemOperationsDto>()).Drills);
        Assert.NotNull((await (await UploadAsync(edu, system, "DrillReport")).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("drillId"));
        var report = "%PDF-1.4 演练报告"u8.ToArray();
        var done = await (await UploadAsync(edu, system, "DrillReport", drillId: drill.Id, bytes: report, name: "演练报告.pdf")).ReadAsync<SystemOperationsDto>();
        Assert.Empty(done.Problems);
        Assert.NotNull(done.Drills.Single().ReportId);
        Assert.DoesNotContain((await (await bureau.GetAsync("/api/v1/operations/gaps", Ct)).ReadAsync<List<OperationsGapDto>>()), g => g.SystemId == system);

        // The regulators open the report as filed; every step is in the audit log.
        var police = await app.SignInAsync("police");
        Assert.Equal(report, await (await police.GetAsync($"{url}/documents/{done.Drills.Single().ReportId}", Ct)).Content.ReadAsByteArrayAsync(Ct));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == SystemOperationsService.CaseType && e.EntityId == system.ToString())
            .Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(2, actions.Count(a => a == "SystemOperationsSaved"));
        Assert.Equal(4, actions.Count(a => a == "OperationsDocumentAdded"));
        Assert.Single(actions, a => a == "EmergencyDrillRecorded");
    }
}

public sealed class SystemOperationsApiOnSqlite() : SystemOperationsApiTests(Provider.Sqlite);
public sealed class SystemOperationsApiOnPostgres() : SystemOperationsApiTests(Provider.PostgreSql);
