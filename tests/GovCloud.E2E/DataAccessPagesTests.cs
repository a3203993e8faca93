using System.Net;
using GovCloud.Web.Features.DataAccess;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// R-26.2, R-28.1 through the pages: the Center's operator asks to read a VM of the education bureau's system, the bureau's security
/// officer approves, the bastion host is let through; the officer revokes, the bastion is turned away; the access log shows all of it.
/// </summary>
public sealed class DataAccessPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AccessCheckResult> CheckAsync(HttpClient bastion, string hostName) =>
        await (await bastion.GetAsync($"/api/v1/access-grants/check?operator=center&target={hostName}&action=read", Ct)).ReadAsync<AccessCheckResult>();

    [Fact]
    public async Task R_28_1_the_operator_asks_the_agency_approves_the_bastion_lets_in_the_agency_revokes_the_bastion_turns_away_and_the_log_shows_it()
    {
        var (_, centerApi, application, _) = await app.App.InTrialAsync();
        var (system, vm) = await app.App.WithDbAsync(async db =>
        {
            var name = await db.InfoSystems.Where(s => s.Id == application.SystemId).Select(s => s.Name).SingleAsync(Ct);
            var host = await db.CloudVms.Where(v => v.SystemId == application.SystemId).OrderBy(v => v.HostName).Select(v => v.HostName).FirstAsync(Ct);
            return (name, host);
        });
        var incident = await (await centerApi.PostJsonAsync("/api/v1/security-events", new
        {
            title = "门户响应缓慢", kind = "EquipmentFailure", severity = "General", occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
            description = "门户页面响应超过 10 秒。", systemIds = new[] { application.SystemId },
        })).ReadAsync<SecurityEventCreated>(HttpStatusCode.Created);
        var bastion = await app.App.SignInAsync("bastion");

        // The operator asks: the form says what is missing first, then goes to the officer.
        var center = await app.SignedInAsync("center");
        await center.GotoAsync("/data-access");
        await BrowserApp.ArrivedAsync(center);
        await center.ClickAsync("#gc-access-new");
        var drawer = center.Locator(".ant-drawer-open");
        await center.ClickAsync("#gc-access-submit");
        await BrowserApp.ConfirmAsync(center);
        await drawer.GetByText("请选择信息系统").WaitForAsync();
        await drawer.GetByText("请说明访问目的").WaitForAsync();
        await BrowserApp.PickAsync(center, "#gc-access-system", $"市教育局《{system}》");
        await BrowserApp.PickAsync(center, "div#gc-access-targets", vm);
        await drawer.Locator(".ant-drawer-title").ClickAsync();
        await BrowserApp.PickAsync(center, "#gc-access-ticket-kind", "安全事件", exact: true);
        await center.FillAsync("#gc-access-ticket-number", incident.Number);
        await center.FillAsync("#gc-access-purpose", "查看门户服务器的应用日志，排查响应缓慢的原因");
        await drawer.Locator(".ant-drawer-title").ClickAsync();
        await Assertions.Expect(drawer.GetByText("请说明访问目的")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(center, "data-access-request");
        await center.ClickAsync("#gc-access-submit");
        await BrowserApp.ConfirmAsync(center);
        await center.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/data-access/[0-9a-f-]{36}$"));
        var url = center.Url;
        await Assertions.Expect(center.Locator("#gc-grant-standing")).ToHaveTextAsync("待审批");
        await Assertions.Expect(center.Locator("#gc-grant-targets")).ToContainTextAsync(vm);
        Assert.False((await CheckAsync(bastion, vm)).Allow);
        await center.Context.CloseAsync();

        // The education bureau's security officer approves; the bastion lets the operator in.
        var officer = await app.SignedInAsync("edusec");
        await officer.GotoAsync(url);
        await BrowserApp.ArrivedAsync(officer);
        await officer.FillAsync("#gc-grant-comment", "同意，限查看日志");
        await officer.ClickAsync("#gc-grant-approve");
        await BrowserApp.ConfirmAsync(officer);
        await Assertions.Expect(officer.Locator("#gc-grant-standing")).ToHaveTextAsync("生效中");
        await BrowserApp.ScreenshotAsync(officer, "data-access-approved");
        var allowed = await CheckAsync(bastion, vm);
        Assert.True(allowed.Allow);

        // The officer revokes; the bastion turns the operator away.
        await officer.FillAsync("#gc-grant-revoke-comment", "日志已导出，无需继续访问");
        await officer.ClickAsync("#gc-grant-revoke");
        await BrowserApp.ConfirmAsync(officer);
        await Assertions.Expect(officer.Locator("#gc-grant-standing")).ToHaveTextAsync("已撤销");
        var denied = await CheckAsync(bastion, vm);
        Assert.False(denied.Allow);

        // The log of the system shows the request, the approval, the check let through, the revoke and the check turned away.
        await officer.GotoAsync("/data-access?tab=log");
        await BrowserApp.ArrivedAsync(officer);
        await BrowserApp.PickAsync(officer, "#gc-log-system", system);
        await officer.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var log = officer.Locator("#gc-access-log");
        await Assertions.Expect(log.Locator("tbody tr.ant-table-row")).ToHaveCountAsync(6);
        foreach (var kind in new[] { "申请授权", "批准授权", "撤销授权" })
            await Assertions.Expect(log.Locator("tbody tr", new() { HasText = kind })).ToHaveCountAsync(1);
        await Assertions.Expect(log.Locator("tbody tr", new() { HasText = "访问核验" }).Filter(new() { HasText = "允许" })).ToHaveCountAsync(1);
        await Assertions.Expect(log.Locator("tbody tr", new() { HasText = "访问核验" }).Filter(new() { HasText = "拒绝" })).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(officer, "data-access-log");
    }

    [Fact]
    public async Task R_28_1_an_emergency_access_the_agency_disputes_becomes_a_rectification_notice_to_the_center()
    {
        var (_, centerApi, application, _) = await app.App.InTrialAsync();
        var vm = await app.App.WithDbAsync(db => db.CloudVms.Where(v => v.SystemId == application.SystemId).Select(v => v.Id).FirstAsync(Ct));
        var opened = await (await centerApi.PostJsonAsync("/api/v1/access-grants/break-glass", new
        {
            systemId = application.SystemId, vmIds = new[] { vm }, mode = "Change", reason = "门户宕机，立即重启服务", hours = 1,
        })).ReadAsync<AccessGrantCreated>(HttpStatusCode.Created);

        // The education bureau's security officer disputes it from the grant's page.
        var officer = await app.SignedInAsync("edusec");
        await officer.GotoAsync($"/data-access/{opened.Id}");
        await BrowserApp.ArrivedAsync(officer);
        await officer.Locator("#gc-grant-review-choice").GetByText("有异议").ClickAsync();
        await officer.FillAsync("#gc-grant-review-comment", "事前未电话告知本单位");
        await officer.ClickAsync("#gc-grant-review-submit");
        await BrowserApp.ConfirmAsync(officer);
        await Assertions.Expect(officer.Locator("#gc-grant-review")).ToHaveTextAsync("审查：有异议");
        await officer.Context.CloseAsync();

        // The Bureau sees the dispute and issues a notice to the Center, the objection as its item.
        var bureau = await app.SignedInAsync("bureau");
        await bureau.GotoAsync($"/data-access/{opened.Id}");
        await BrowserApp.ArrivedAsync(bureau);
        await BrowserApp.FollowAsync(bureau, bureau.Locator("#gc-grant-rectify"), "**/security/rectifications?access=*");
        var drawer = bureau.Locator(".ant-drawer-open");
        await drawer.GetByText($"对应急访问 {opened.Number} 的异议").WaitForAsync();
        await Assertions.Expect(bureau.Locator("#gc-item-text-0")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("事前未电话告知本单位"));
        await bureau.FillAsync("#gc-rectification-phone", "0772-2801234");
        await BrowserApp.ScreenshotAsync(bureau, "data-access-dispute-notice");
        await bureau.ClickAsync("#gc-rectification-issue");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/security/rectifications/[0-9a-f-]{36}$"));
        await Assertions.Expect(bureau.Locator("body")).ToContainTextAsync("市信息化建设管理中心");
    }

    [Fact]
    public async Task R_26_2_the_center_voids_an_agreement_recorded_by_mistake_with_a_reason_and_the_agency_shows_as_without_one()
    {
        var organisation = "市水利局";
        var center = await app.SignedInAsync("center");
        await center.GotoAsync("/data-access?tab=agreements");
        await BrowserApp.ArrivedAsync(center);
        var row = center.Locator("#gc-agreements tbody tr", new() { HasText = organisation });
        await Assertions.Expect(row).ToContainTextAsync("有效");
        await row.GetByText("查看/登记").ClickAsync();
        var drawer = center.Locator(".ant-drawer-open");
        await drawer.Locator("a[id^=gc-agreement-void-]").First.ClickAsync();

        // Without a reason it is not voided, and says why at the field.
        await center.ClickAsync("#gc-agreement-void-confirm");
        await BrowserApp.ConfirmAsync(center);
        await drawer.GetByText("请说明作废的原因（如登记错了单位或日期）").WaitForAsync();
        await center.FillAsync("#gc-agreement-void-reason", "登记错了单位，应为另一部门的协议");
        await BrowserApp.ScreenshotAsync(center, "agreement-void");
        await center.ClickAsync("#gc-agreement-void-confirm");
        await BrowserApp.ConfirmAsync(center);
        await Assertions.Expect(drawer.Locator("#gc-agreement-current")).ToHaveTextAsync("未签订");
        await Assertions.Expect(drawer.GetByText("已作废")).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("未签订");
    }
}
