using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>R-27.1 等级保护 per system and the agency's sensitive-data declaration, on both databases.</summary>
public abstract class MlpsApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private static async Task<InfoSystemDto> SystemAsync(HttpClient agency, string name, int? mlpsLevel = null) =>
        await (await agency.PostJsonAsync("/api/v1/systems", new
        {
            name, vendor = "广西某软件公司", kind = SystemKind.Existing, location = SystemLocation.UncertifiedDataCenter, mlpsLevel,
        })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);

    private static object Grading(int level, DateOnly graded, string? number = null, DateOnly? filed = null, long? version = null) => new
    {
        level, gradedOn = graded, filingNumber = number, filedOn = filed, personalInformation = true, dataStorage = "政务云公共网络区",
        dataStaysInCountry = true, responsiblePerson = "王五", version,
    };

    [Fact]
    public async Task R_27_1_an_agency_grades_files_and_assesses_its_system_and_the_register_follows()
    {
        var edu = await app.SignInAsync("edusec");
        var system = await SystemAsync(await app.SignInAsync("edu"), $"学籍管理-{Guid.NewGuid():N}"[..12]);
        var url = $"/api/v1/systems/{system.Id}/mlps";
        var empty = await (await edu.GetAsync(url, Ct)).ReadAsync<MlpsDto>();
        Assert.Equal((MlpsStanding.NotGraded, "未定级", 0L), (empty.Standing, empty.StandingName, empty.Version));

        var graded = await (await edu.PostJsonAsync(url, Grading(3, Today.AddYears(-2)))).ReadAsync<MlpsDto>();
        Assert.Equal((3, "第三级", MlpsStanding.NotFiled, "未备案"), (graded.Level, graded.LevelName, graded.Standing, graded.StandingName));
        Assert.Contains("须先完成公安机关备案", graded.BlockerOfFormalUse);
        // The register's 等保级别 follows the grading.
        var registered = await (await edu.GetAsync($"/api/v1/systems/{system.Id}", Ct)).ReadAsync<InfoSystemDto>();
        Assert.Equal(3, registered.MlpsLevel);
        // …and is changed only there, with its filing.
        var operatorClient = await app.SignInAsync("edu");
        var lowered = await (await operatorClient.PutJsonAsync($"/api/v1/systems/{system.Id}", new
        {
            name = registered.Name, kind = registered.Kind, location = registered.Location, mlpsLevel = 2, vendor = registered.Vendor, version = registered.Version,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("等保级别以“等级保护”中登记的定级（第三级）为准，请在等级保护中修改", lowered.FieldError("mlpsLevel"));

        // Filed two years ago and never assessed: a level-3 system is assessed yearly, so it is overdue.
        var filed = await (await edu.PostJsonAsync(url, Grading(3, Today.AddYears(-2), "45020099001-00012", Today.AddYears(-2).AddDays(10), graded.Version))).ReadAsync<MlpsDto>();
        Assert.Null(filed.BlockerOfFormalUse);
        Assert.Equal((MlpsStanding.Overdue, Today.AddYears(-1).AddDays(10)), (filed.Standing, filed.NextAssessmentDue));
        var due = await (await edu.GetAsync("/api/v1/mlps/due?withinDays=0", Ct)).ReadAsync<List<MlpsRowDto>>();
        Assert.Contains(due, r => r.SystemId == system.Id && r.Standing == MlpsStanding.Overdue);

        var assessed = await (await edu.PostJsonAsync($"{url}/assessments", new
        {
            assessedOn = Today.AddMonths(-11), assessor = "广西网络安全测评中心", result = AssessmentResult.BasicallyCompliant, score = 86.5m, problems = "日志留存不足六个月",
        })).ReadAsync<MlpsDto>();
        Assert.Equal((MlpsStanding.DueSoon, Today.AddMonths(1)), (assessed.Standing, assessed.NextAssessmentDue));
        Assert.Equal(("基本符合", 86.5m), (assessed.Assessments.Single().ResultName, assessed.Assessments.Single().Score!.Value));

        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == system.Id.ToString() && a.Action.StartsWith("Mlps")).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["MlpsRecorded", "MlpsRecorded", "MlpsAssessed"], audited);

        // The register: filtered by standing, exported with the same filter.
        var bureau = await app.SignInAsync("bureau");
        var soon = await (await bureau.GetAsync("/api/v1/mlps?standing=DueSoon&pageSize=200", Ct)).ReadAsync<Paged<MlpsRowDto>>();
        var row = soon.Items.Single(r => r.SystemId == system.Id);
        Assert.Equal((3, "45020099001-00012", Today.AddMonths(-11), true), (row.Level!.Value, row.FilingNumber, row.LastAssessedOn!.Value, row.SensitiveData));
        Assert.Equal((AssessmentResult.BasicallyCompliant, "基本符合"), (row.LastResult, row.LastResultName));
        var file = await (await bureau.GetAsync("/api/v1/mlps/export?standing=DueSoon", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(sheet, r => r["系统名称"]?.ToString() == system.Name && r["状况"]?.ToString() == "测评临近" && r["安全保护等级"]?.ToString() == "第三级"
            && r["最近测评结论"]?.ToString() == "基本符合");
    }

    [Fact]
    public async Task R_27_1_a_grading_or_an_assessment_with_wrong_values_is_refused_field_by_field_and_changes_nothing()
    {
        var edu = await app.SignInAsync("edu");
        var system = await SystemAsync(edu, $"网办-{Guid.NewGuid():N}"[..10]);
        var url = $"/api/v1/systems/{system.Id}/mlps";
        var refused = await (await edu.PostJsonAsync(url, new { level = 6, gradedOn = Today.AddDays(3), filingNumber = "备案\u0000号", personalInformation = true }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("安全保护等级须为第1级至第5级", refused.FieldError("level"));
        Assert.Equal("定级日期不能晚于今天", refused.FieldError("gradedOn"));
        Assert.Equal("已填写备案编号，请填写备案日期", refused.FieldError("filedOn"));
        Assert.Equal("含敏感数据的系统须确认敏感数据不出境", refused.FieldError("dataStaysInCountry"));
        Assert.NotNull(refused.FieldError("responsiblePerson"));
        // No grading yet: an assessment is refused too.
        var early = await (await edu.PostJsonAsync($"{url}/assessments", new { assessedOn = Today, assessor = "测评机构", result = AssessmentResult.Compliant })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请先登记定级，再登记测评", early.FieldError("assessedOn"));
        Assert.False(await app.WithDbAsync(db => db.MlpsRecords.AnyAsync(m => m.SystemId == system.Id, Ct)));
        // An undefined result is a 400 naming the field, not a 500.
        (await edu.PostJsonAsync(url, Grading(2, Today))).EnsureSuccessStatusCode();
        var bad = await edu.PostJsonAsync($"{url}/assessments", new { assessedOn = Today, assessor = "测评机构", result = "Perfect" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        // A stale version is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await edu.PostJsonAsync(url, Grading(2, Today, version: 99))).StatusCode);
    }

    [Fact]
    public async Task R_24_1_an_agency_sees_and_records_only_its_own_and_a_regulator_reads_every_agency_but_records_nothing()
    {
        var edu = await app.SignInAsync("edu");
        var system = await SystemAsync(edu, $"教育云-{Guid.NewGuid():N}"[..10]);
        var url = $"/api/v1/systems/{system.Id}/mlps";
        (await edu.PostJsonAsync(url, Grading(2, Today))).EnsureSuccessStatusCode();

        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostJsonAsync(url, Grading(3, Today, version: 1))).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/mlps?pageSize=200", Ct)).ReadAsync<Paged<MlpsRowDto>>()).Items, r => r.SystemId == system.Id);

        var police = await app.SignInAsync("police");
        Assert.Equal("第二级", (await (await police.GetAsync(url, Ct)).ReadAsync<MlpsDto>()).LevelName);
        Assert.Contains((await (await police.GetAsync("/api/v1/mlps?pageSize=200", Ct)).ReadAsync<Paged<MlpsRowDto>>()).Items, r => r.SystemId == system.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostJsonAsync(url, Grading(3, Today, version: 1))).StatusCode);
        // The Center reads, but the grading is the agency's own duty.
        var center = await app.SignInAsync("center");
        Assert.Equal(HttpStatusCode.Forbidden, (await center.PostJsonAsync(url, Grading(3, Today, version: 1))).StatusCode);
        var finance = await app.SignInAsync("finance");
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync("/api/v1/mlps", Ct)).StatusCode);
    }

    [Fact]
    public async Task R_27_1_a_level_3_system_goes_live_only_once_filed_or_excepted_by_the_bureau()
    {
        var (edu, center, a, trial) = await app.InTrialAsync();
        var officer = await app.SignInAsync("edusec");
        var url = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await officer.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await center.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await edu.PostJsonAsync($"{url}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        var mlps = await (await edu.PostJsonAsync($"/api/v1/systems/{a.SystemId}/mlps", Grading(3, Today))).ReadAsync<MlpsDto>();

        trial = await (await center.GetAsync(url, Ct)).ReadAsync<TrialDto>();
        Assert.Contains(trial.BlockersOfFormalUse, b => b.Contains("须先完成公安机关备案"));
        var refused = await (await center.PostJsonAsync($"{url}/go-live", new { version = trial.Version })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("须先完成公安机关备案", refused.Detail);

        // Only the Bureau records an exception, with its reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync($"/api/v1/systems/{a.SystemId}/mlps/exception", new { reason = "自己说可以", version = mlps.Version })).StatusCode);
        var bureau = await app.SignInAsync("bureau");
        Assert.Equal("请填写例外理由", (await (await bureau.PostJsonAsync($"/api/v1/systems/{a.SystemId}/mlps/exception", new { reason = " ", version = mlps.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldError("reason"));
        mlps = await (await bureau.PostJsonAsync($"/api/v1/systems/{a.SystemId}/mlps/exception", new { reason = "备案材料已受理，防汛期间先行上线", version = mlps.Version }))
            .ReadAsync<MlpsDto>();
        Assert.Equal(("备案材料已受理，防汛期间先行上线", "bureau"), (mlps.ExceptionReason, mlps.ExceptionBy));
        trial = await (await center.PostJsonAsync($"{url}/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();
        Assert.Equal(TrialState.Live, trial.State);
    }

    [Fact]
    public async Task R_27_1_twenty_identical_first_gradings_at_once_make_one_record()
    {
        var edu = await app.SignInAsync("edu");
        var system = await SystemAsync(edu, $"并发-{Guid.NewGuid():N}"[..10]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => edu.PostJsonAsync($"/api/v1/systems/{system.Id}/mlps", Grading(2, Today))));
        Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, await app.WithDbAsync(db => db.MlpsRecords.CountAsync(m => m.SystemId == system.Id, Ct)));
    }

    [Fact]
    public async Task R_27_1_keepers_are_reminded_once_when_an_assessment_comes_due_and_the_bureau_hears_of_an_overdue_one()
    {
        var edu = await app.SignInAsync("edusec");
        var system = await SystemAsync(await app.SignInAsync("edu"), $"提醒-{Guid.NewGuid():N}"[..10]);
        // Level 4, assessed five months and a bit ago: due within 30 days.
        var graded = await (await edu.PostJsonAsync($"/api/v1/systems/{system.Id}/mlps", Grading(4, Today.AddYears(-1), "45020099001-00099", Today.AddYears(-1)))).ReadAsync<MlpsDto>();
        (await edu.PostJsonAsync($"/api/v1/systems/{system.Id}/mlps/assessments", new { assessedOn = Today.AddMonths(-6).AddDays(20), assessor = "某测评机构", result = AssessmentResult.Compliant }))
            .EnsureSuccessStatusCode();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<MlpsService>();
            await service.RemindAsync(Ct);
            await service.RemindAsync(Ct);
        }
        var keys = await app.WithDbAsync(db => db.Notifications.Where(n => n.DedupKey.StartsWith($"mlps:{system.Id}")).Select(n => new { n.DedupKey, n.Title }).ToListAsync(Ct));
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.EndsWith(":30", k.DedupKey));
        var officerId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "edusec").Select(u => u.Id).SingleAsync(Ct));
        // Run twice, told once.
        Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == officerId && n.DedupKey.StartsWith($"mlps:{system.Id}"), Ct)));
        Assert.Equal(MlpsStanding.DueSoon, (await (await edu.GetAsync($"/api/v1/systems/{graded.SystemId}/mlps", Ct)).ReadAsync<MlpsDto>()).Standing);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid subject, string kind, string name, byte[] bytes, Guid? assessmentId = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(kind), "kind" }, { new ByteArrayContent(bytes), "file", name } };
        if (assessmentId is { } a) form.Add(new StringContent(a.ToString()), "assessmentId");
        return await client.PostAsync($"/api/v1/systems/{subject}/mlps/documents", form, Ct);
    }

    [Fact]
    public async Task R_26_1_the_center_records_the_cloud_platform_at_level_3_with_its_filing_assessment_and_papers_and_every_regulator_reads_them()
    {
        var center = await app.SignInAsync("center");
        var cloud = await (await center.GetAsync("/api/v1/mlps/cloud", Ct)).ReadAsync<MlpsDto>();
        Assert.Equal(("政务云平台", true), (cloud.SystemName, cloud.IsCloud));
        var url = $"/api/v1/systems/{cloud.SystemId}/mlps";

        var low = await (await center.PostJsonAsync(url, Grading(2, Today.AddYears(-1), version: cloud.Version == 0 ? null : cloud.Version))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("政务云平台须按等级保护第三级及以上要求保护（管理办法第二十六条）", low.FieldError("level"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("edu")).PostJsonAsync(url, Grading(3, Today.AddYears(-1)))).StatusCode);
        var graded = await (await center.PostJsonAsync(url, Grading(3, Today.AddYears(-1), "45020099001-00001", Today.AddMonths(-11),
            cloud.Version == 0 ? null : cloud.Version))).ReadAsync<MlpsDto>();
        Assert.Equal((3, "45020099001-00001"), (graded.Level, graded.FilingNumber));
        var assessed = await (await center.PostJsonAsync($"{url}/assessments", new
        {
            assessedOn = Today.AddMonths(-2), assessor = $"广西网络安全测评中心-{Guid.NewGuid():N}"[..16], result = "BasicallyCompliant", score = 86.5m,
        })).ReadAsync<MlpsDto>();

        // An assessment report names its assessment; the filing certificate comes once filed.
        var orphan = await (await UploadAsync(center, cloud.SystemId, "AssessmentReport", "测评报告.pdf", "%PDF-1.4"u8.ToArray())).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择该测评报告所属的测评记录", orphan.FieldError("assessmentId"));
        var report = await (await UploadAsync(center, cloud.SystemId, "AssessmentReport", "2026年测评报告.pdf", "%PDF-1.4 report"u8.ToArray(),
            assessed.Assessments[0].Id)).ReadAsync<MlpsDto>();
        var certificate = await (await UploadAsync(center, cloud.SystemId, "FilingCertificate", "备案证明.pdf", "%PDF-1.4 cert"u8.ToArray())).ReadAsync<MlpsDto>();
        Assert.Equal(["备案证明", "测评报告"], certificate.Documents.Select(d => d.KindName).Order(StringComparer.Ordinal));
        Assert.Equal(assessed.Assessments[0].Id, report.Documents.Single().AssessmentId);

        // The regulators and the agencies read the cloud's; Finance does not; the register shows it first to those who read every agency's.
        var police = await app.SignInAsync("police");
        var document = certificate.Documents.Single(d => d.Kind == MlpsDocumentKind.FilingCertificate);
        Assert.Equal("%PDF-1.4 cert"u8.ToArray(), await (await police.GetAsync($"{url}/documents/{document.Id}", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(3, (await (await (await app.SignInAsync("edu")).GetAsync("/api/v1/mlps/cloud", Ct)).ReadAsync<MlpsDto>()).Level);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).GetAsync($"{url}/documents/{document.Id}", Ct)).StatusCode);
        var register = await (await police.GetAsync("/api/v1/mlps?pageSize=100", Ct)).ReadAsync<Paged<MlpsRowDto>>();
        Assert.True(register.Items[0].IsCloud);
        Assert.DoesNotContain((await (await (await app.SignInAsync("edu")).GetAsync("/api/v1/mlps?pageSize=100", Ct)).ReadAsync<Paged<MlpsRowDto>>()).Items, r => r.IsCloud);
        // No filing exception for the cloud: it must be filed.
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.SignInAsync("bureau")).PostJsonAsync($"{url}/exception", new { reason = "例外", version = certificate.Version })).StatusCode);
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == cloud.SystemId.ToString() && a.EntityType == "CloudPlatform")
            .Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(2, audited.Count(a => a == "MlpsDocumentAdded"));
    }

    [Fact]
    public async Task R_27_1_an_agency_keeps_its_grading_report_which_the_regulators_read_and_another_agency_does_not()
    {
        var edu = await app.SignInAsync("edu");
        var system = await SystemAsync(edu, $"档案-{Guid.NewGuid():N}"[..10]);
        var early = await (await UploadAsync(edu, system.Id, "GradingReport", "定级报告.docx", "PK"u8.ToArray())).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请先登记定级，再上传定级报告", early.FieldError("kind"));
        var unknown = await (await UploadAsync(edu, system.Id, "Photo", "照片.jpg", [1, 2, 3])).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("材料类别须为", unknown.FieldError("kind"));
        var graded = await (await edu.PostJsonAsync($"/api/v1/systems/{system.Id}/mlps", Grading(2, Today.AddMonths(-1), "45020099001-00777", Today.AddDays(-20))))
            .ReadAsync<MlpsDto>();
        // Filed: dropping to level 1 without its filing is refused, and nothing changes.
        var dropped = await (await edu.PostJsonAsync($"/api/v1/systems/{system.Id}/mlps", Grading(1, Today.AddMonths(-1), version: graded.Version)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("已备案的系统不能删去备案编号；如重新定级，请填写新的备案编号", dropped.FieldError("filingNumber"));
        Assert.Equal((2, "45020099001-00777"), ((await (await edu.GetAsync($"/api/v1/systems/{system.Id}/mlps", Ct)).ReadAsync<MlpsDto>()) is var after ? (after.Level, after.FilingNumber) : default));
        var kept = await (await UploadAsync(edu, system.Id, "GradingReport", "定级报告.docx", "PK report"u8.ToArray())).ReadAsync<MlpsDto>();
        var url = $"/api/v1/systems/{system.Id}/mlps/documents/{kept.Documents.Single().Id}";
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("police")).GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("health")).GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(await app.SignInAsync("center"), system.Id, "GradingReport", "代传.docx", "PK"u8.ToArray())).StatusCode);
    }
}

public sealed class MlpsApiOnSqlite(SqliteApp app) : MlpsApiTests(app), IClassFixture<SqliteApp>;
public sealed class MlpsApiOnPostgres(PostgresApp app) : MlpsApiTests(app), IClassFixture<PostgresApp>;
