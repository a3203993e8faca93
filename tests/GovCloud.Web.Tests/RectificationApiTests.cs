using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using GovCloud.Domain.Calendar;
using GovCloud.Domain.Clocks;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Features.Work;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace GovCloud.Web.Tests;

/// <summary>
/// 整改通知书 (R-25.1, R-26.1, R-29.1) on both databases: issued with a number per issuer and year and a deadline clock,
/// answered item by item with evidence, checked by the issuer, closed with the last item; printed as PDF and .docx;
/// read by every regulator and only by its own agency.
/// </summary>
public abstract class RectificationApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    internal static async Task<Guid> OrganisationAsync(GovCloudApp app, string name) =>
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct));

    internal static object Notice(Guid recipientId, string title = "关于限期整改网络安全问题的通知", int items = 2, int days = 15) => new
    {
        recipientId, title, legalBasis = "《中华人民共和国网络安全法》第二十一条和《信息安全技术 网络安全等级保护基本要求》（GB/T 22239—2019）",
        items = new[]
        {
            new { text = "智慧校园平台数据库未开启审计日志，日志留存不足六个月。请开启数据库审计并留存不少于六个月。", risk = "High" },
            new { text = "门户网站存在弱口令账号 admin。请修改为符合复杂度要求的口令并启用登录失败锁定。", risk = "Medium" },
        }.Take(items),
        periodLength = days, periodUnit = PeriodUnit.WorkingDays, contactName = "张警官", contactPhone = "0772-2801234",
    };

    private static MultipartFormDataContent Answer(string answer, long version, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(answer), "answer" }, { new StringContent(version.ToString()), "version" } };
        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "files", name);
        }
        return form;
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    [Fact]
    public async Task R_29_1_police_issue_a_numbered_notice_the_agency_answers_with_evidence_the_police_reopen_one_item_then_accept_and_it_closes()
    {
        var police = await app.SignInAsync("police");
        var edu = await OrganisationAsync(app, "市教育局");
        var issued = await (await police.PostJsonAsync("/api/v1/rectifications", Notice(edu))).ReadAsync<NoticeIssued>(HttpStatusCode.Created);
        Assert.Matches(@$"^柳公网安整〔{Today.Year}〕\d+号$", issued.Number);
        Assert.True(issued.DueOn > Today.AddDays(14), issued.DueOn.ToString());

        // The agency's security officer finds it in 待办 with its period, and its inbox.
        var officer = await app.SignInAsync("edusec");
        var work = await (await officer.GetAsync("/api/v1/work", Ct)).ReadAsync<List<WorkItemDto>>();
        var mine = Assert.Single(work, w => w.Number == issued.Number);
        Assert.Equal(("整改并逐项答复", issued.DueOn), (mine.Action, mine.Clock!.DueOn!.Value));
        var inbox = await (await officer.GetAsync("/api/v1/inbox?pageSize=100", Ct)).ReadAsync<InboxList>();
        Assert.Contains(inbox.Items, m => m.Title.Contains(issued.Number) && m.Link == $"/security/rectifications/{issued.Id}");

        var url = $"/api/v1/rectifications/{issued.Id}";
        var notice = await (await officer.GetAsync(url, Ct)).ReadAsync<NoticeDto>();
        Assert.Equal(("市公安局", "市教育局", true, false), (notice.IssuerName, notice.RecipientName, notice.MayAnswer, notice.MayVerify));
        Assert.Equal(["待整改", "待整改"], notice.Items.Select(i => i.StateName));
        var (first, second) = (notice.Items[0], notice.Items[1]);
        // An empty answer is said at the form's own field (answer), where the page shows it.
        var empty = await (await officer.PostAsync($"{url}/items/{first.Id}/response", Answer(" ", notice.Version), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写整改情况", empty.FieldError("answer"));

        notice = await (await officer.PostAsync($"{url}/items/{first.Id}/response",
            Answer("已开启数据库审计，日志留存策略设为 180 天。", notice.Version, ("审计配置截图.pdf", Pdf)), Ct)).ReadAsync<NoticeDto>();
        Assert.Equal(ClockState.Running, notice.ClockState);
        notice = await (await officer.PostAsync($"{url}/items/{second.Id}/response", Answer("已修改口令并启用锁定。", notice.Version), Ct)).ReadAsync<NoticeDto>();
        // Everything waits for the police: the agency's days stop counting.
        Assert.Equal((ClockState.Paused, (DateOnly?)null, false), (notice.ClockState, notice.DueOn, notice.MayAnswer));
        var evidence = notice.Items[0].Rounds.Single().Evidence.Single();
        Assert.Equal("审计配置截图.pdf", evidence.FileName);

        var policeWork = await (await police.GetAsync("/api/v1/work", Ct)).ReadAsync<List<WorkItemDto>>();
        Assert.Contains(policeWork, w => w.Number == issued.Number && w.Action == "核验整改情况");
        var seen = await (await police.GetAsync(url, Ct)).ReadAsync<NoticeDto>();
        Assert.True(seen.MayVerify);
        var download = await police.GetAsync($"{url}/evidence/{evidence.Id}", Ct);
        Assert.True(download.IsSuccessStatusCode, await download.Content.ReadAsStringAsync(Ct));
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));

        // Reopened with a reason: the agency's clock runs again and the item is theirs again.
        Assert.Equal("退回重改须写明理由", (await (await police.PostJsonAsync($"{url}/items/{first.Id}/verification", new { verdict = "Reopen", reason = " ", version = seen.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("reason"));
        seen = await (await police.PostJsonAsync($"{url}/items/{first.Id}/verification",
            new { verdict = "Reopen", reason = "未提供留存 180 天的策略截图", version = seen.Version })).ReadAsync<NoticeDto>();
        seen = await (await police.PostJsonAsync($"{url}/items/{second.Id}/verification", new { verdict = "Accept", version = seen.Version })).ReadAsync<NoticeDto>();
        Assert.Equal((ItemState.Reopened, ItemState.Accepted, ClockState.Running, RectificationState.Open),
            (seen.Items[0].State, seen.Items[1].State, seen.ClockState, seen.State));
        Assert.NotNull(seen.DueOn);
        // The answered item cannot be answered twice, nor an accepted one.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"{url}/items/{second.Id}/response", Answer("再答一次", seen.Version), Ct)).StatusCode);

        notice = await (await officer.PostAsync($"{url}/items/{first.Id}/response",
            Answer("补充留存策略截图。", seen.Version, ("留存策略.pdf", Pdf)), Ct)).ReadAsync<NoticeDto>();
        Assert.Equal(2, notice.Items[0].Rounds.Count);
        Assert.Equal(("退回重改", "未提供留存 180 天的策略截图"), (notice.Items[0].Rounds[0].VerdictName, notice.Items[0].Rounds[0].Reason));
        var closed = await (await police.PostJsonAsync($"{url}/items/{first.Id}/verification", new { verdict = "Accept", version = notice.Version }))
            .ReadAsync<NoticeDto>();
        Assert.Equal((RectificationState.Closed, "已办结", ClockState.Met), (closed.State, closed.StateName, closed.ClockState));
        Assert.DoesNotContain((await (await officer.GetAsync("/api/v1/work", Ct)).ReadAsync<List<WorkItemDto>>()), w => w.Number == issued.Number);
        Assert.DoesNotContain((await (await police.GetAsync("/api/v1/work", Ct)).ReadAsync<List<WorkItemDto>>()), w => w.Number == issued.Number);

        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == issued.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["RectificationIssued", "RectificationAnswered", "RectificationAnswered", "RectificationVerified", "RectificationVerified",
            "RectificationAnswered", "RectificationVerified", "RectificationClosed"], audited);

        // The dashboard counts it closed on time for the agency.
        var dashboard = await (await police.GetAsync($"/api/v1/rectifications/dashboard?year={Today.Year}", Ct)).ReadAsync<NoticeDashboard>();
        var rate = Assert.Single(dashboard.OnTimeRates, r => r.OrganisationId == edu && r.Year == Today.Year);
        Assert.True(rate.ClosedOnTime >= 1);
    }

    [Fact]
    public async Task R_29_1_numbers_run_per_issuer_and_year_and_twenty_notices_issued_at_once_get_twenty_numbers()
    {
        var bureau = await app.SignInAsync("bureau");
        var health = await OrganisationAsync(app, "市卫生健康委员会");
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => bureau.PostJsonAsync("/api/v1/rectifications", Notice(health, items: 1))));
        var issued = new List<NoticeIssued>();
        foreach (var a in answers) issued.Add(await a.ReadAsync<NoticeIssued>(HttpStatusCode.Created));
        Assert.Equal(20, issued.Select(i => i.Number).Distinct().Count());
        Assert.All(issued, i => Assert.StartsWith($"柳大数安整〔{Today.Year}〕", i.Number));
        var sequences = await app.WithDbAsync(db => db.RectificationNotices.Where(n => issued.Select(i => i.Id).Contains(n.Id))
            .Select(n => n.Sequence).ToListAsync(Ct));
        // Consecutive: no number skipped or taken twice.
        Assert.Equal(Enumerable.Range(sequences.Min(), 20), sequences.Order());
    }

    [Fact]
    public async Task R_29_1_twenty_identical_answers_at_once_make_one_answer_and_the_rest_are_told_it_changed()
    {
        var police = await app.SignInAsync("police");
        var issued = await (await police.PostJsonAsync("/api/v1/rectifications", Notice(await OrganisationAsync(app, "市教育局"), items: 1)))
            .ReadAsync<NoticeIssued>(HttpStatusCode.Created);
        var officer = await app.SignInAsync("edusec");
        var notice = await (await officer.GetAsync($"/api/v1/rectifications/{issued.Id}", Ct)).ReadAsync<NoticeDto>();
        var url = $"/api/v1/rectifications/{issued.Id}/items/{notice.Items[0].Id}/response";
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => officer.PostAsync(url, Answer("已整改", notice.Version, ("证明.pdf", Pdf)), Ct)));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await app.WithDbAsync(db => db.RectificationRounds.CountAsync(r => r.ItemId == notice.Items[0].Id, Ct)));
        // The refused answers left no file behind: one round, one piece of evidence.
        Assert.Equal(1, await app.WithDbAsync(db => db.RectificationEvidence.CountAsync(e => db.RectificationRounds.Any(r => r.Id == e.RoundId && r.ItemId == notice.Items[0].Id), Ct)));
    }

    [Fact]
    public async Task R_29_1_a_wrong_notice_is_refused_field_by_field_and_only_issuers_issue_to_whom_they_may()
    {
        var police = await app.SignInAsync("police");
        var edu = await OrganisationAsync(app, "市教育局");
        var before = await app.WithDbAsync(db => db.RectificationNotices.CountAsync(Ct));
        var bad = await (await police.PostJsonAsync("/api/v1/rectifications", new
        {
            recipientId = edu, title = "", legalBasis = "依据", items = new[] { new { text = "", risk = "High" } }, periodLength = 0, periodUnit = "Months",
            contactName = "张", contactPhone = "123",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写通知标题（事由）", bad.FieldError("title"));
        Assert.Equal("第 1 项：请填写问题及整改要求", bad.FieldError("items[0].text"));
        Assert.Equal("整改期限按工作日或自然日计算", bad.FieldError("periodUnit"));
        Assert.Equal("联系电话须为手机号码或固定电话（如 0772-2801234）", bad.FieldError("contactPhone"));
        // Not to Finance, not to itself.
        var finance = await OrganisationAsync(app, "市财政局");
        Assert.Equal("整改通知书只能下发给使用单位，或就云平台本身下发给信息化中心",
            (await (await police.PostJsonAsync("/api/v1/rectifications", Notice(finance))).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("recipientId"));
        var center = await OrganisationAsync(app, "市信息化建设管理中心");
        Assert.Equal("信息化中心不能向本单位下发整改通知书",
            (await (await (await app.SignInAsync("center")).PostJsonAsync("/api/v1/rectifications", Notice(center))).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("recipientId"));
        Assert.Equal("受文单位不存在或已停用",
            (await (await police.PostJsonAsync("/api/v1/rectifications", Notice(Guid.NewGuid()))).ProblemAsync(HttpStatusCode.BadRequest)).FieldError("recipientId"));
        // An agency issues nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("edusec")).PostJsonAsync("/api/v1/rectifications", Notice(edu))).StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.RectificationNotices.CountAsync(Ct)));

        // The Bureau addresses the Center for the cloud itself; the Center's operators answer.
        var bureau = await app.SignInAsync("bureau");
        var cloud = await (await bureau.PostJsonAsync("/api/v1/rectifications", Notice(center, "关于云平台安全问题限期整改的通知", 1))).ReadAsync<NoticeIssued>(HttpStatusCode.Created);
        var forCenter = await (await (await app.SignInAsync("center")).GetAsync($"/api/v1/rectifications/{cloud.Id}", Ct)).ReadAsync<NoticeDto>();
        Assert.True(forCenter.MayAnswer);
        var recipients = await (await police.GetAsync("/api/v1/rectifications/recipients", Ct)).ReadAsync<List<NoticeRecipientDto>>();
        Assert.Contains(recipients, r => r.Name == "市教育局");
        Assert.DoesNotContain(recipients, r => r.Name == "市财政局");
    }

    [Fact]
    public async Task R_26_2_an_agency_reads_only_its_own_notices_a_regulator_reads_every_notice_but_no_application_document()
    {
        var bureau = await app.SignInAsync("bureau");
        var edu = await OrganisationAsync(app, "市教育局");
        var issued = await (await bureau.PostJsonAsync("/api/v1/rectifications", Notice(edu, items: 1))).ReadAsync<NoticeIssued>(HttpStatusCode.Created);
        var url = $"/api/v1/rectifications/{issued.Id}";

        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"{url}/notice.pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"{url}/notice.docx", Ct)).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/rectifications?pageSize=200", Ct)).ReadAsync<Paged<NoticeRowDto>>()).Items, r => r.Id == issued.Id);
        var item = (await (await bureau.GetAsync(url, Ct)).ReadAsync<NoticeDto>()).Items.Single();
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostAsync($"{url}/items/{item.Id}/response", Answer("不是我的", 1), Ct)).StatusCode);

        var police = await app.SignInAsync("police");
        var list = await (await police.GetAsync($"/api/v1/rectifications?organisationId={edu}&state=Open&pageSize=200", Ct)).ReadAsync<Paged<NoticeRowDto>>();
        Assert.Contains(list.Items, r => r.Id == issued.Id && r.IssuerName == "市大数据发展局" && r.StandingName == "整改中");
        // The police read it but neither answer nor check what the Bureau issued.
        var read = await (await police.GetAsync(url, Ct)).ReadAsync<NoticeDto>();
        Assert.False(read.MayAnswer || read.MayVerify);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostJsonAsync($"{url}/items/{item.Id}/verification", new { verdict = "Accept", version = read.Version })).StatusCode);

        // A regulator reads security data, never the documents of an application.
        var (_, application) = await app.DraftAsync();
        var attached = await ApplicationKit.AttachAsync(await app.SignInAsync("edu"), application, GovCloud.Domain.Applications.AttachmentKind.MigrationPlan);
        var (applicationId, attachmentId) = (application.Id, attached.Attachments.First().Id);
        var refused = await police.GetAsync($"/api/v1/applications/{applicationId}/attachments/{attachmentId}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(Http.HasChinese(await refused.Content.ReadAsStringAsync(Ct)));

        // The export lists what the list lists.
        var file = await (await police.GetAsync($"/api/v1/rectifications/export?organisationId={edu}&state=Open", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(sheet, r => r["文号"]?.ToString() == issued.Number && r["受文单位"]?.ToString() == "市教育局" && r["状况"]?.ToString() == "整改中");
    }

    [Fact]
    public async Task R_29_1_the_notice_prints_as_an_official_document_in_pdf_with_its_font_embedded_and_as_docx()
    {
        var police = await app.SignInAsync("police");
        var edu = await OrganisationAsync(app, "市教育局");
        var issued = await (await police.PostJsonAsync("/api/v1/rectifications", Notice(edu))).ReadAsync<NoticeIssued>(HttpStatusCode.Created);
        var officer = await app.SignInAsync("edusec");

        var response = await officer.GetAsync($"/api/v1/rectifications/{issued.Id}/notice.pdf", Ct);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        using (var pdf = PdfDocument.Open(bytes))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            foreach (var expected in new[] { "市公安局", issued.Number, "关于限期整改网络安全问题的通知", "市教育局：", "一、（高风险）", "二、（中风险）",
                         $"于{issued.DueOn.Year}年{issued.DueOn.Month}月{issued.DueOn.Day}日前完成整改", "联系人：张警官", "抄送：市大数据发展局" })
                Assert.Contains(expected, text.Replace(" ", ""));
            // Every letter is in an embedded subset of the font (its name tagged ABCDEF+): it prints the same on a machine without Chinese fonts.
            foreach (var page in pdf.GetPages())
                Assert.All(page.Letters, l => Assert.Matches("^[A-Z]{6}\\+", l.FontName));
        }
        Assert.Contains("/FontFile2", System.Text.Encoding.Latin1.GetString(bytes));

        var docx = await (await officer.GetAsync($"/api/v1/rectifications/{issued.Id}/notice.docx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Empty(new OpenXmlValidator().Validate(word, Ct));
        var body = word.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains(issued.Number, body);
        Assert.Contains("二、（中风险）门户网站存在弱口令账号 admin", body);
    }
}

public sealed class RectificationApiOnSqlite(SqliteApp app) : RectificationApiTests(app), IClassFixture<SqliteApp>;
public sealed class RectificationApiOnPostgres(PostgresApp app) : RectificationApiTests(app), IClassFixture<PostgresApp>;

/// <summary>A notice's clock runs out: the recipient hears, the Bureau is told once (R-29.1), on both databases.</summary>
public abstract class RectificationClockTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task R_29_1_a_notice_not_answered_in_time_goes_overdue_and_is_escalated_to_the_bureau_once()
    {
        var clock = new MovableClock(DeadlineKit.Monday);
        await using var app = new GovCloudApp(provider, clock: clock);
        var police = await app.SignInAsync("police");
        var edu = await RectificationApiTests.OrganisationAsync(app, "市教育局");
        var issued = await (await police.PostJsonAsync("/api/v1/rectifications", RectificationApiTests.Notice(edu, items: 1, days: 2)))
            .ReadAsync<NoticeIssued>(HttpStatusCode.Created);
        Assert.Equal(new DateOnly(2026, 3, 4), issued.DueOn); // two working days from Monday 2026-03-02

        clock.Advance(TimeSpan.FromDays(3)); // Thursday
        Assert.True((await DeadlineKit.SweepAsync(app)).MarkedOverdue >= 1);
        clock.Advance(TimeSpan.FromHours(1));
        await DeadlineKit.SweepAsync(app);

        var escalations = await app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKinds.Escalated && n.Title.Contains(issued.Number))
            .Select(n => n.UserId).ToListAsync(Ct));
        var bureauUsers = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bureau").Select(u => u.Id).ToListAsync(Ct));
        Assert.Equal(bureauUsers, escalations); // once, to the Bureau

        var bureau = await app.SignInAsync("bureau");
        var overdue = await (await bureau.GetAsync("/api/v1/rectifications?overdue=true", Ct)).ReadAsync<Paged<NoticeRowDto>>();
        var row = Assert.Single(overdue.Items, r => r.Id == issued.Id);
        Assert.Equal("已超期", row.StandingName);
        var dashboard = await (await bureau.GetAsync("/api/v1/rectifications/dashboard", Ct)).ReadAsync<NoticeDashboard>();
        Assert.Equal(1, dashboard.ByRecipient.Single(t => t.Name == "市教育局").Overdue);
        Assert.Equal(0m, dashboard.OnTimeRates.Single(r => r.OrganisationName == "市教育局").Rate);
    }
}

public sealed class RectificationClockOnSqlite() : RectificationClockTests(Provider.Sqlite);
public sealed class RectificationClockOnPostgres() : RectificationClockTests(Provider.PostgreSql);
