using System.Net;
using System.Net.Http.Headers;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace GovCloud.Web.Tests;

/// <summary>R-25.1 联合安全检查 on both databases: planned by the Bureau, findings by the participants, a notice from a finding, the report.</summary>
public abstract class InspectionApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private async Task<(InspectionDto Inspection, Guid Edu, Guid Center)> PlannedAsync()
    {
        var edu = await RectificationApiTests.OrganisationAsync(app, "市教育局");
        var center = await RectificationApiTests.OrganisationAsync(app, "市信息化建设管理中心");
        var police = await RectificationApiTests.OrganisationAsync(app, "市公安局");
        var bureau = await app.SignInAsync("bureau");
        var planned = await (await bureau.PostJsonAsync("/api/v1/inspections", new
        {
            name = "2026 年第四季度联合安全检查", startsOn = Today, endsOn = Today.AddDays(14),
            targets = new[] { new { organisationId = edu }, new { organisationId = center } }, participantIds = new[] { police, center },
        })).ReadAsync<InspectionDto>(HttpStatusCode.Created);
        return (planned, edu, center);
    }

    [Fact]
    public async Task R_25_1_the_bureau_plans_the_police_record_a_finding_with_evidence_and_issue_a_notice_from_it_and_the_report_tells_it()
    {
        var (inspection, edu, _) = await PlannedAsync();
        Assert.Matches(@"^JC\d{4}-\d{4}$", inspection.Number);
        Assert.Contains("安全审计与日志留存", inspection.Checklist);
        var eduTarget = inspection.Targets.Single(t => t.OrganisationId == edu);
        var police = await app.SignInAsync("police");
        var url = $"/api/v1/inspections/{inspection.Id}";
        Assert.True((await (await police.GetAsync(url, Ct)).ReadAsync<InspectionDto>()).MayRecord);

        var wrong = await (await police.PostJsonAsync($"{url}/findings", new { targetId = eduTarget.Id, checklistItem = "机房消防", risk = "High", description = " " }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(("检查内容须为本次检查所列的一项", "请描述发现的问题"), (wrong.FieldError("checklistItem"), wrong.FieldError("description")));
        var finding = await (await police.PostJsonAsync($"{url}/findings", new
        {
            targetId = eduTarget.Id, checklistItem = "安全审计与日志留存", risk = "High", description = "智慧校园平台数据库未开启审计日志。",
        })).ReadAsync<FindingDto>(HttpStatusCode.Created);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4\n%%EOF"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "现场截图.pdf");
        finding = await (await police.PostAsync($"{url}/findings/{finding.Id}/evidence", form, Ct)).ReadAsync<FindingDto>();
        Assert.Equal("现场截图.pdf", finding.Evidence.Single().FileName);
        // Only the participants record; an agency reads its own target, another agency nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("edusec")).PostJsonAsync($"{url}/findings", new
        {
            targetId = eduTarget.Id, checklistItem = "安全审计与日志留存", risk = "Low", description = "自查",
        })).StatusCode);
        var asAgency = await (await (await app.SignInAsync("edusec")).GetAsync(url, Ct)).ReadAsync<InspectionDto>();
        Assert.Equal([edu], asAgency.Targets.Select(t => t.OrganisationId));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("health")).GetAsync(url, Ct)).StatusCode);

        // A notice from the finding: its item takes the finding up, once.
        var notice = new
        {
            recipientId = edu, title = "关于限期整改安全检查发现问题的通知", legalBasis = "《中华人民共和国网络安全法》第二十一条", periodLength = 10, periodUnit = "WorkingDays",
            contactName = "张警官", contactPhone = "0772-2801234", items = new[] { new { text = finding.Description, risk = "High", findingId = (Guid?)finding.Id } },
        };
        var issued = await (await police.PostJsonAsync("/api/v1/rectifications", notice)).ReadAsync<NoticeIssued>(HttpStatusCode.Created);
        var again = await (await police.PostJsonAsync("/api/v1/rectifications", notice)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("第 1 项对应的问题已下发过整改通知书", again.FieldError("items[0].findingId"));
        var read = await (await police.GetAsync(url, Ct)).ReadAsync<InspectionDto>();
        Assert.Equal(issued.Number, read.Targets.Single(t => t.Id == eduTarget.Id).Findings.Single().NoticeNumber);
        // Not to another agency than where it was found.
        var health = await RectificationApiTests.OrganisationAsync(app, "市卫生健康委员会");
        var elsewhere = await (await police.PostJsonAsync("/api/v1/rectifications", notice with { recipientId = health })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(elsewhere.FieldError("items[0].findingId"));

        using (var pdf = PdfDocument.Open(await (await police.GetAsync($"{url}/report.pdf", Ct)).Content.ReadAsByteArrayAsync(Ct)))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "");
            foreach (var expected in new[] { "2026年第四季度联合安全检查情况报告", "共发现问题1个", "智慧校园平台数据库未开启审计日志", $"已以{issued.Number}下发整改", "政务云平台（市信息化建设管理中心）：未发现问题" })
                Assert.Contains(expected, text);
        }

        // Closed by the Bureau: nothing more is recorded.
        var bureau = await app.SignInAsync("bureau");
        var closed = await (await bureau.PostJsonAsync($"{url}/complete", new { version = read.Version })).ReadAsync<InspectionDto>();
        Assert.Equal(("已结束", false), (closed.StateName, closed.MayRecord));
        Assert.Equal(HttpStatusCode.Conflict, (await police.PostJsonAsync($"{url}/findings", new
        {
            targetId = eduTarget.Id, checklistItem = "安全审计与日志留存", risk = "Low", description = "补记",
        })).StatusCode);
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == inspection.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["InspectionPlanned", "FindingRecorded", "FindingEvidenceAdded", "InspectionCompleted"], audited);
    }

    [Fact]
    public async Task R_25_1_a_plan_is_refused_field_by_field_and_only_the_bureau_plans()
    {
        var bureau = await app.SignInAsync("bureau");
        var finance = await RectificationApiTests.OrganisationAsync(app, "市财政局");
        var bad = await (await bureau.PostJsonAsync("/api/v1/inspections", new
        {
            name = "", startsOn = Today, endsOn = Today.AddDays(-1), targets = new[] { new { organisationId = finance } }, participantIds = new[] { finance },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写检查名称", bad.FieldError("name"));
        Assert.Equal("结束日期不能早于开始日期", bad.FieldError("endsOn"));
        Assert.Equal("第 1 个检查对象须为使用单位或云平台（信息化中心）", bad.FieldError("targets[0]"));
        Assert.Equal("参加检查的须为网信、保密、公安等监管部门或信息化中心", bad.FieldError("participants"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("police")).PostJsonAsync("/api/v1/inspections", new { name = "自行检查" })).StatusCode);
    }
}

public sealed class InspectionApiOnSqlite(SqliteApp app) : InspectionApiTests(app), IClassFixture<SqliteApp>;
public sealed class InspectionApiOnPostgres(PostgresApp app) : InspectionApiTests(app), IClassFixture<PostgresApp>;
