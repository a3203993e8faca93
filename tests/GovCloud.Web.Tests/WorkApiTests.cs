using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Work;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Work;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using static GovCloud.Web.Tests.Support.ApplicationKit;

namespace GovCloud.Web.Tests;

/// <summary>
/// 待办: after every hand-over the next person finds the step in their 待办 and a message in their inbox, each with the
/// link to the place to act (the rule of who acts next is the case's state).
/// </summary>
public abstract class WorkApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<WorkItemDto>> WorkAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/work", Ct)).ReadAsync<List<WorkItemDto>>();

    private static async Task<IReadOnlyList<NotificationDto>> InboxAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items;

    [Fact]
    public async Task R_21_4_after_delivery_each_side_finds_its_trial_steps_in_its_work_and_inbox_until_formal_use()
    {
        var (edu, center, a, trial) = await app.InTrialAsync();
        var officer = await app.SignInAsync("edusec");
        var link = $"/applications/{a.Id}";
        // The security officer was never told before: now the agreement is in its 待办 and inbox.
        Assert.Contains(await WorkAsync(officer), w => w.Link == link && w.Action == "确认使用协议" && w.Number == a.Number);
        Assert.Contains(await InboxAsync(officer), n => n.Title == $"待确认使用协议：{a.Number}" && n.Link == link);
        Assert.Contains(await WorkAsync(edu), w => w.Link == link && w.Action == "报告试用结果");
        Assert.Contains(await WorkAsync(center), w => w.Link == link && w.Action == "确认使用协议");
        Assert.DoesNotContain(await WorkAsync(center), w => w.Link == link && w.Action == "正式开通");

        var url = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await officer.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        Assert.DoesNotContain(await WorkAsync(officer), w => w.Link == link);
        trial = await (await center.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await edu.PostJsonAsync($"{url}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        // Only formal use is left, and it is the Center's.
        var left = Assert.Single(await WorkAsync(center), w => w.Link == link);
        Assert.Equal("正式开通", left.Action);
        Assert.Contains(await InboxAsync(center), n => n.Title == $"待正式开通：{a.Number}" && n.Link == link);
        Assert.DoesNotContain(await WorkAsync(edu), w => w.Link == link);
        await (await center.PostJsonAsync($"{url}/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();
        Assert.DoesNotContain(await WorkAsync(center), w => w.Link == link);
    }

    [Fact]
    public async Task R_21_each_application_step_is_in_the_work_of_whoever_acts_next_with_its_period()
    {
        var (department, a) = await app.DraftAsync(user: "county1");
        var link = $"/applications/{a.Id}";
        Assert.Contains(await WorkAsync(department), w => w.Link == link && w.Action == "填写并提交申请");
        a = await SubmittedAsync(department, a);
        var county = await app.SignInAsync("liujiang");
        Assert.Contains(await WorkAsync(county), w => w.Link == link && w.Action == "审核并统一提交市政务云" && w.Clock is null);
        Assert.DoesNotContain(await WorkAsync(department), w => w.Link == link);
        a = await (await county.PostJsonAsync($"/api/v1/applications/{a.Id}/submit", new { version = a.Version })).ReadAsync<ApplicationDto>();
        var center = await app.SignInAsync("center");
        var evaluate = Assert.Single(await WorkAsync(center), w => w.Link == link);
        Assert.Equal(("评估", "Evaluate"), (evaluate.Action, evaluate.Clock?.Step));
        Assert.NotNull(evaluate.Clock!.DueOn);
        // Another agency and the Bureau have nothing to do on it yet.
        Assert.DoesNotContain(await WorkAsync(await app.SignInAsync("edu")), w => w.Link == link);
        Assert.DoesNotContain(await WorkAsync(await app.SignInAsync("bureau")), w => w.Link == link);
    }

    /// <summary>Every waiting state of an application, through its county and both returns, then of its trial, has someone told.</summary>
    [Fact]
    public async Task R_21_every_state_that_waits_for_a_person_tells_that_person_application_and_trial()
    {
        var (department, a) = await app.DraftAsync(user: "county1");
        var link = $"/applications/{a.Id}";
        var county = await app.SignInAsync("liujiang");
        var center = await app.SignInAsync("center");
        async Task ToldAsync(ApplicationDto x) => await app.AssertToldAsync(WaitingFor.Application(x.State), "county1", x.Number, link, inbox: x.State != ApplicationState.Draft);
        async Task<ApplicationDto> PostAsync(HttpClient client, string step, object body) =>
            await (await client.PostJsonAsync($"/api/v1/applications/{a.Id}/{step}", body)).ReadAsync<ApplicationDto>();

        await ToldAsync(a);
        a = await SubmittedAsync(department, a);
        await ToldAsync(a); // 待县区审核
        a = await PostAsync(county, "return", new { reason = "请补充用途说明", version = a.Version });
        await ToldAsync(a); // 退回修改, by the county
        a = await PostAsync(department, "submit", new { version = a.Version });
        a = await PostAsync(county, "submit", new { version = a.Version });
        await ToldAsync(a); // 待评估
        a = await PostAsync(center, "return", new { reason = "缺少数据库规格说明", version = a.Version });
        await ToldAsync(a); // 退回修改, by the Center
        a = await PostAsync(department, "submit", new { version = a.Version });
        await ToldAsync(a); // 待县区审核 again
        a = await PostAsync(county, "submit", new { version = a.Version });
        await ToldAsync(a); // the Center's evaluation resumes
        a = await PostAsync(center, "evaluation", Evaluation(a));
        await ToldAsync(a); // 待审批
        a = await PostAsync(await app.SignInAsync("bureau"), "approve", new { opinion = "同意", version = a.Version, overrideReason = "测试" });
        Assert.Empty(WaitingFor.Application(a.State));

        // The trial of an agency with a security officer: each of its waiting states.
        var (edu, b) = await app.ApprovedAsync();
        var trialLink = $"/applications/{b.Id}";
        var trial = await TrialAsync(center, b.Id);
        async Task TrialToldAsync(TrialDto t) =>
            await app.AssertToldAsync(WaitingFor.Trial(t.State, t.Agreement.AgencyAt is not null, t.Agreement.CenterAt is not null, t.Result), "edu", b.Number, trialLink);
        await TrialToldAsync(trial); // 交付试用环境
        var url = $"/api/v1/applications/{b.Id}/trial";
        trial = await (await center.PostJsonAsync($"{url}/delivery", Delivery(b, trial.Version))).ReadAsync<TrialDto>();
        await TrialToldAsync(trial); // both sides' agreement and the agency's report
        trial = await (await (await app.SignInAsync("edusec")).PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await center.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await edu.PostJsonAsync($"{url}/result", new { result = "Problems", note = "数据库连接数不足", version = trial.Version })).ReadAsync<TrialDto>();
        await TrialToldAsync(trial); // 整改后重新报告
        trial = await (await edu.PostJsonAsync($"{url}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        await TrialToldAsync(trial); // 正式开通
        trial = await (await center.PostJsonAsync($"{url}/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();
        Assert.Empty(WaitingFor.Trial(trial.State, true, true, trial.Result));
    }

    [Fact]
    public async Task An_approved_application_shows_where_its_trial_is_and_the_list_filters_by_it()
    {
        var (edu, center, a, _) = await app.InTrialAsync();
        var inTrial = await (await center.GetAsync("/api/v1/applications?trial=InTrial&pageSize=200", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>();
        var row = Assert.Single(inTrial.Items, x => x.Id == a.Id);
        Assert.Equal((GovCloud.Domain.Provisioning.TrialState.InTrial, "试用中"), (row.Trial, row.StateName));
        Assert.All(inTrial.Items, x => Assert.Equal(GovCloud.Domain.Provisioning.TrialState.InTrial, x.Trial));
        var live = await (await center.GetAsync("/api/v1/applications?trial=Live&pageSize=200", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>();
        Assert.DoesNotContain(live.Items, x => x.Id == a.Id);
        var export = await (await edu.GetAsync("/api/v1/applications/export?trial=InTrial", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = (await MiniExcelLibs.MiniExcel.QueryAsync(new MemoryStream(export), useHeaderRow: true, cancellationToken: Ct)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (string?)r["申请编号"] == a.Number && (string?)r["状态"] == "试用中");
    }

    [Fact]
    public async Task Work_is_only_for_the_roles_that_act_on_cases()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).GetAsync("/api/v1/work", Ct)).StatusCode);
    }
}

public sealed class WorkApiOnSqlite(SqliteApp app) : WorkApiTests(app), IClassFixture<SqliteApp>;
public sealed class WorkApiOnPostgres(PostgresApp app) : WorkApiTests(app), IClassFixture<PostgresApp>;
