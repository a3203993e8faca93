using System.Net;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>The audit log: searchable, exportable, only for the audit administrator, and tamper-evident.</summary>
public abstract class AuditApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_ins_and_failures_are_logged_with_actor_and_action()
    {
        await app.SignInAsync("bureau");
        await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "bureau", password = "Wrong#Pass123" });
        var auditor = await app.SignInAsync("auditor");
        var page = await (await auditor.GetAsync("/api/v1/audit?actor=bureau&pageSize=50", Ct)).ReadAsync<Paged<AuditEntryDto>>();
        Assert.Contains(page.Items, e => e.Action == "SignIn" && e.ActionName == "登录" && e.OrganisationName == "市大数据发展局");
        Assert.Contains(page.Items, e => e.Action == "SignInFailed" && e.After!.Contains("密码错误"));
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.Sequence > p.Second.Sequence), "newest first");
    }

    /// <summary>An entry reads as words: the object type in Chinese and what changed, states as the lists name them; the raw record is kept beside it.</summary>
    [Fact]
    public async Task An_entry_says_in_Chinese_what_changed_and_keeps_the_raw_record()
    {
        var (edu, a) = await app.DraftAsync();
        a = await ApplicationKit.SubmittedAsync(edu, a);
        var center = await app.SignInAsync("center");
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/return", new { reason = "请补充 <数据库> 规格", version = a.Version })).ReadAsync<Features.Applications.ApplicationDto>();
        var auditor = await app.SignInAsync("auditor");
        var page = await (await auditor.GetAsync($"/api/v1/audit?entityType=ResourceApplication&pageSize=200", Ct)).ReadAsync<Paged<AuditEntryDto>>();
        var submitted = Assert.Single(page.Items, e => e.EntityId == a.Id.ToString() && e.Action == "ApplicationSubmitted");
        Assert.Equal("云资源申请", submitted.EntityTypeName);
        Assert.Contains("状态：草稿 → 已提交", submitted.Summary);
        Assert.Contains($"编号：{a.Number}", submitted.Summary);
        var returned = Assert.Single(page.Items, e => e.EntityId == a.Id.ToString() && e.Action == "ApplicationReturned");
        Assert.Equal("状态：已提交 → 退回修改；理由：请补充 <数据库> 规格", returned.Summary);
        Assert.Contains("\"reason\":\"请补充 <数据库> 规格\"", returned.After); // the raw record, as stored
        Assert.DoesNotContain("state", submitted.Summary);

        var export = await (await auditor.GetAsync($"/api/v1/audit/export?entityType=ResourceApplication", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = (await MiniExcelLibs.MiniExcel.QueryAsync(new MemoryStream(export), useHeaderRow: true, cancellationToken: Ct)).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows, r => (string?)r["对象标识"] == a.Id.ToString() && (string?)r["操作"] == "退回修改");
        Assert.Equal(("云资源申请", returned.Summary), ((string?)row["对象类型"], (string?)row["摘要"]));
        Assert.Equal(returned.After, (string?)row["修改后（原始记录）"]);
    }

    /// <summary>
    /// Every field named in a summary is named in Chinese, whatever the process that wrote it: a walk from a new system to
    /// a delivered trial leaves no English key ("side", "storageGb"), no code as a value ("Evaluate", "OnScreen") and no bare
    /// identifier in the log's words.
    /// </summary>
    [Fact]
    public async Task Summaries_name_every_field_in_Chinese_and_say_values_as_words()
    {
        var (_, _, a, trial) = await app.InTrialAsync();
        var officer = await app.SignInAsync("edusec");
        (await officer.PostJsonAsync($"/api/v1/applications/{a.Id}/trial/agreement", new { version = trial.Version })).EnsureSuccessStatusCode();
        var auditor = await app.SignInAsync("auditor");
        var entries = (await (await auditor.GetAsync("/api/v1/audit?pageSize=200", Ct)).ReadAsync<Paged<AuditEntryDto>>()).Items;
        var technical = new System.Text.RegularExpressions.Regex("vCPU|IPv6|IP|GB|Mbps|API");
        foreach (var e in entries.Where(e => !string.IsNullOrEmpty(e.Summary)))
            foreach (var part in e.Summary!.Split('；'))
            {
                var label = part.Split('：')[0];
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(technical.Replace(label, ""), "[A-Za-z]"), $"{e.Action}: “{label}” in “{e.Summary}”");
                Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", part);
            }
        var clock = entries.First(e => e.Action == "ClockStarted");
        Assert.Contains("事项类型：云资源申请", clock.Summary);
        Assert.Matches("环节：[^A-Za-z；]+", clock.Summary);
        var agreed = entries.First(e => e.Action == "TrialAgreementConfirmed");
        Assert.Contains("确认方：使用单位", agreed.Summary);
        Assert.Contains("确认方式：在线确认", agreed.Summary);
    }

    /// <summary>The filter offers each object type by its own Chinese name: two types under one name could not be told apart.</summary>
    [Fact]
    public async Task Every_object_type_in_the_log_has_a_Chinese_name_of_its_own()
    {
        Assert.Equal(AuditSummary.EntityTypes.Count, AuditSummary.EntityTypes.Values.Distinct().Count());
        var (edu, a) = await app.DraftAsync();
        await ApplicationKit.SubmittedAsync(edu, a);
        var recorded = await app.WithDbAsync(db => db.AuditEntries.Select(e => e.EntityType).Distinct().ToListAsync(Ct));
        Assert.All(recorded, t => Assert.True(AuditSummary.EntityTypes.ContainsKey(t), $"“{t}” has no Chinese name"));
    }

    [Fact]
    public async Task Nobody_but_the_audit_administrator_reads_the_log()
    {
        foreach (var user in new[] { "admin", "secadmin", "bureau", "edu" })
        {
            var client = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/verify", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/export", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task The_export_is_a_real_excel_file_and_is_itself_audited()
    {
        var auditor = await app.SignInAsync("auditor");
        var response = await auditor.GetAsync("/api/v1/audit/export?action=SignIn", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("登录", r["操作"]));
        Assert.Contains(rows, r => (string)r["操作人"] == "auditor");
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "AuditExported", Ct)));
    }

    [Fact]
    public async Task Editing_a_row_in_the_database_is_detected_by_verify()
    {
        var auditor = await app.SignInAsync("auditor");
        var ok = await (await auditor.GetAsync("/api/v1/audit/verify", Ct)).ReadAsync<AuditVerification>();
        Assert.True(ok.Valid);
        Assert.True(ok.Entries > 1);

        // Someone with database access rewrites history behind the product's back.
        var target = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Skip(1).Select(a => a.Sequence).FirstAsync(Ct));
        await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Sequence == target)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, "nobody"), Ct));

        var broken = await (await auditor.GetAsync("/api/v1/audit/verify", Ct)).ReadAsync<AuditVerification>();
        Assert.False(broken.Valid);
        Assert.Equal(target, broken.FirstBrokenSequence);
    }
}

public sealed class AuditApiOnSqlite(SqliteApp app) : AuditApiTests(app), IClassFixture<SqliteApp>;
public sealed class AuditApiOnPostgres(PostgresApp app) : AuditApiTests(app), IClassFixture<PostgresApp>;
