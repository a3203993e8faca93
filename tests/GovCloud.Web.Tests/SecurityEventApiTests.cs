using System.Net;
using DocumentFormat.OpenXml.Packaging;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace GovCloud.Web.Tests;

/// <summary>R-26.1 the cloud's own security state on both databases: security events handled by the Center, the periodic bulletin.</summary>
public abstract class SecurityEventApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private static object Event(string title, string severity = "General", object? organisationIds = null, object? systemIds = null, object? vmIds = null,
        DateTimeOffset? occurredAt = null) => new
    {
        title, kind = "NetworkAttack", severity, occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddHours(-2),
        description = "互联网出口检测到针对政务云公共网络区的暴力破解尝试。", organisationIds, systemIds, vmIds,
    };

    [Fact]
    public async Task R_26_1_the_center_records_an_event_each_agency_touched_reads_its_own_part_and_it_closes_after_its_steps()
    {
        var (edu, center, application, _) = await app.InTrialAsync();
        var vm = await app.WithDbAsync(db => db.CloudVms.Include(v => v.System).Where(v => v.SystemId == application.SystemId).OrderBy(v => v.HostName).FirstAsync(Ct));
        var health = await RectificationApiTests.OrganisationAsync(app, "市卫生健康委员会");
        var created = await (await center.PostJsonAsync("/api/v1/security-events", Event("SSH 暴力破解", "Significant", new[] { health }, vmIds: new[] { vm.Id })))
            .ReadAsync<SecurityEventCreated>(HttpStatusCode.Created);
        Assert.Matches(@"^SJ\d{4}-\d{4}$", created.Number);
        var url = $"/api/v1/security-events/{created.Id}";

        // The agencies touched, the Bureau and (较大) the regulators hear of it at once.
        foreach (var user in new[] { "edusec", "health", "bureau", "police" })
        {
            var inbox = await (await (await app.SignInAsync(user)).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
            Assert.Contains(inbox.Items, m => m.Title.Contains(created.Number) && m.Link == $"/security/events/{created.Id}");
        }

        // Each agency reads its own part; an agency not touched reads nothing; Finance has no part in security.
        var asEdu = await (await edu.GetAsync(url, Ct)).ReadAsync<SecurityEventDto>();
        Assert.Equal([$"市教育局《{vm.System!.Name}》 {vm.HostName}"], asEdu.Affected.Select(a => a.Label));
        Assert.False(asEdu.MayHandle);
        var asHealth = await (await (await app.SignInAsync("health")).GetAsync(url, Ct)).ReadAsync<SecurityEventDto>();
        Assert.Equal(["市卫生健康委员会"], asHealth.Affected.Select(a => a.Label));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("liujiang")).GetAsync(url, Ct)).StatusCode);
        Assert.DoesNotContain((await (await (await app.SignInAsync("liujiang")).GetAsync("/api/v1/security-events?pageSize=100", Ct))
            .ReadAsync<Paged<SecurityEventRowDto>>()).Items, r => r.Id == created.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).GetAsync(url, Ct)).StatusCode);
        var asPolice = await (await (await app.SignInAsync("police")).GetAsync(url, Ct)).ReadAsync<SecurityEventDto>();
        Assert.Equal(2, asPolice.Affected.Count);

        // Only the Center's operators record and handle.
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync("/api/v1/security-events", Event("自行登记"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("police")).PostJsonAsync($"{url}/steps", new { text = "报告", version = 0 })).StatusCode);

        // Closing asks for a step first; then the result; a closed event takes no more steps.
        var early = await (await center.PostJsonAsync($"{url}/close", new { conclusion = "已处置", version = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请先登记至少一条处置措施", early.FieldError("steps"));
        var stepped = await (await center.PostJsonAsync($"{url}/steps", new { text = "在边界防火墙封禁攻击源地址，重置受影响账号口令。", version = 0 }))
            .ReadAsync<SecurityEventDto>();
        Assert.Equal("在边界防火墙封禁攻击源地址，重置受影响账号口令。", stepped.Steps.Single().Text);
        var stale = await (await center.PostJsonAsync($"{url}/close", new { conclusion = "已处置", version = 0 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.NotNull(stale.Detail);
        var closed = await (await center.PostJsonAsync($"{url}/close", new { conclusion = "攻击已阻断，未发现数据泄露。", version = stepped.Version }))
            .ReadAsync<SecurityEventDto>();
        Assert.Equal(("已处置", false), (closed.StateName, closed.MayHandle));
        var late = await (await center.PostJsonAsync($"{url}/steps", new { text = "补记", version = closed.Version })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("事件已处置完毕，不能再添加处置措施", late.FieldError("state"));

        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == created.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["SecurityEventRecorded", "SecurityEventStepAdded", "SecurityEventClosed"], audited);

        // The list filters and exports what it shows.
        var export = await (await center.GetAsync("/api/v1/security-events/export?state=Closed&kind=NetworkAttack", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(export), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = rows.Single(r => (string)r["事件编号"] == created.Number);
        Assert.Equal(("网络攻击事件", "较大", "已处置"), ((string)row["事件类别"], (string)row["事件级别"], (string)row["状态"]));
    }

    [Fact]
    public async Task R_26_1_an_event_is_refused_field_by_field_and_changes_nothing()
    {
        var center = await app.SignInAsync("center");
        var police = await RectificationApiTests.OrganisationAsync(app, "市公安局");
        var before = await app.WithDbAsync(db => db.SecurityEvents.CountAsync(Ct));
        var bad = await (await center.PostJsonAsync("/api/v1/security-events", new
        {
            title = " ", kind = (string?)null, severity = "General", occurredAt = DateTimeOffset.UtcNow.AddDays(1), description = "",
            organisationIds = new[] { police, Guid.NewGuid() },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写事件名称", bad.FieldError("title"));
        Assert.Equal("请选择事件类别", bad.FieldError("kind"));
        Assert.Equal("发生时间不能晚于现在", bad.FieldError("occurredAt"));
        Assert.Equal("请描述事件经过与影响", bad.FieldError("description"));
        Assert.Equal("第 1 个受影响单位不存在或不是使用单位", bad.FieldError("organisationIds[0]"));
        Assert.Equal("第 2 个受影响单位不存在或不是使用单位", bad.FieldError("organisationIds[1]"));
        Assert.Equal(before, await app.WithDbAsync(db => db.SecurityEvents.CountAsync(Ct)));

        // Dates at the calendar's ends are typos, said at their field.
        var farFrom = await (await center.GetAsync("/api/v1/security-events?from=0001-01-01", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("开始日期须在", farFrom.FieldError("from"));
        var farTo = await (await center.GetAsync("/api/v1/security-events/export?to=9999-12-31", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("结束日期须在", farTo.FieldError("to"));
        var farPreview = await (await center.GetAsync("/api/v1/security-bulletins/preview?from=9999-12-01&to=9999-12-31", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(farPreview.FieldError("from"));
    }

    [Fact]
    public async Task R_26_1_the_center_publishes_a_bulletin_whose_figures_are_frozen_and_every_agency_and_regulator_reads_it_as_an_official_document()
    {
        var center = await app.SignInAsync("center");
        var edu = await RectificationApiTests.OrganisationAsync(app, "市教育局");
        var (from, to) = (Today.AddDays(-40), Today.AddDays(-1));
        var inPeriod = await (await center.PostJsonAsync("/api/v1/security-events", Event("勒索病毒告警", "Major", new[] { edu }, occurredAt: DateTimeOffset.UtcNow.AddDays(-3))))
            .ReadAsync<SecurityEventCreated>(HttpStatusCode.Created);
        var preview = await (await center.GetAsync($"/api/v1/security-bulletins/preview?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", Ct)).ReadAsync<BulletinFacts>();
        Assert.Contains(preview.Events, e => e.Number == inPeriod.Number && e.SeverityName == "重大");
        Assert.Equal(preview.EventCount, preview.EventsBySeverity.Sum(c => c.Count));

        var future = await (await center.PostJsonAsync("/api/v1/security-bulletins", new { periodFrom = Today, periodTo = Today.AddDays(1), summary = "总体平稳。" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("通报期间尚未结束，结束日期不能晚于今天", future.FieldError("periodTo"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("bureau")).PostJsonAsync("/api/v1/security-bulletins",
            new { periodFrom = from, periodTo = to, summary = "总体平稳。" })).StatusCode);

        var published = await (await center.PostJsonAsync("/api/v1/security-bulletins", new
        {
            periodFrom = from, periodTo = to, summary = "本期政务云平台运行总体平稳，未发生数据泄露。\n请各单位加强口令管理。",
        })).ReadAsync<BulletinRowDto>(HttpStatusCode.Created);
        Assert.Matches(@"^柳信中安通〔\d{4}〕\d+号$", published.Number);
        var again = await (await center.PostJsonAsync("/api/v1/security-bulletins", new { periodFrom = from, periodTo = to, summary = "再发一次。" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal($"这一期间的通报已经发布：{published.Number}", again.FieldError("periodTo"));

        // Published figures stay as sent: an event recorded afterwards in the same period does not change them.
        var afterwards = await (await center.PostJsonAsync("/api/v1/security-events", Event("补录的事件", occurredAt: DateTimeOffset.UtcNow.AddDays(-2))))
            .ReadAsync<SecurityEventCreated>(HttpStatusCode.Created);
        var read = await (await center.GetAsync($"/api/v1/security-bulletins/{published.Id}", Ct)).ReadAsync<BulletinDto>();
        Assert.Contains(read.Facts.Events, e => e.Number == inPeriod.Number);
        Assert.DoesNotContain(read.Facts.Events, e => e.Number == afterwards.Number);

        // Every agency's security officers and the regulators are told; each reads the PDF and the .docx; Finance does not.
        // An agency without a security officer hears of it through its operators.
        var healthInbox = await (await (await app.SignInAsync("health")).GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
        Assert.Contains(healthInbox.Items, m => m.Body.Contains(published.Number));
        foreach (var user in new[] { "edusec", "police" })
        {
            var reader = await app.SignInAsync(user);
            var inbox = await (await reader.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
            Assert.Contains(inbox.Items, m => m.Body.Contains(published.Number));
            using var pdf = PdfDocument.Open(await (await reader.GetAsync($"/api/v1/security-bulletins/{published.Id}.pdf", Ct)).Content.ReadAsByteArrayAsync(Ct));
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "");
            foreach (var expected in new[] { "市信息化建设管理中心", published.Number, "政务云安全状况通报", "勒索病毒告警", "本期政务云平台运行总体平稳", "存在问题的单位" })
                Assert.Contains(expected, text);
        }
        var docx = await (await app.SignInAsync("edusec")).GetAsync($"/api/v1/security-bulletins/{published.Id}.docx", Ct);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync(Ct)), false))
            Assert.Contains("勒索病毒告警", word.MainDocumentPart!.Document.Body!.InnerText);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).GetAsync($"/api/v1/security-bulletins/{published.Id}.pdf", Ct)).StatusCode);
        var list = await (await (await app.SignInAsync("health")).GetAsync("/api/v1/security-bulletins", Ct)).ReadAsync<List<BulletinRowDto>>();
        Assert.Contains(list, b => b.Id == published.Id);
    }
}

public sealed class SecurityEventApiOnSqlite(SqliteApp app) : SecurityEventApiTests(app), IClassFixture<SqliteApp>;
public sealed class SecurityEventApiOnPostgres(PostgresApp app) : SecurityEventApiTests(app), IClassFixture<PostgresApp>;
