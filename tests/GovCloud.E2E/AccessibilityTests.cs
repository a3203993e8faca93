using System.Net;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// WCAG 2.1 A and AA (GB/T 37668-2019 asks the same of government web content): axe-core, injected into every main
/// page of every role, finds no critical or serious failure. scripts/test.sh installs axe-core (tools/axe).
/// </summary>
public sealed class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly Lazy<string> Axe = new(() =>
        File.ReadAllText(Path.Combine(Repository.Root(), "tools", "axe", "node_modules", "axe-core", "axe.min.js")));

    private const string Run = """
        async () => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return r.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
            .map(v => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help}\n` + v.nodes.slice(0, 6).map(n => '    ' + n.target.join(' ') + ' — ' + n.html.slice(0, 160)).join('\n'));
        }
        """;

    /// <summary>The serious and critical failures on the page as it stands, one entry per rule.</summary>
    public static async Task<string[]> FailuresAsync(IPage page)
    {
        await page.EvaluateAsync(Axe.Value);
        return await page.EvaluateAsync<string[]>(Run);
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "edu", "/" }, { "edu", "/applications" }, { "edu", "/applications/new" }, { "edu", "/systems" }, { "edu", "/inventory" },
        { "edu", "/changes" }, { "edu", "/datacenters" }, { "edu", "/inbox" }, { "edu", "/deadlines" }, { "edu", "/account-security" },
        { "center", "/" }, { "center", "/applications" }, { "center", "/pools" }, { "center", "/catalog" }, { "center", "/inventory/reconciliation" },
        { "bureau", "/" }, { "bureau", "/applications" }, { "bureau", "/datacenters" }, { "bureau", "/calendar" },
        { "finance", "/" }, { "finance", "/inventory" },
        { "police", "/security/mlps" }, { "edusec", "/security/mlps" }, { "police", "/security/rectifications" }, { "edusec", "/security/rectifications" },
        { "bureau", "/security/inspections" }, { "police", "/security/inspections" }, { "center", "/security/events" }, { "health", "/security/events" },
        { "police", "/security/events?tab=bulletins" },
        { "center", "/utilisation" }, { "edu", "/utilisation" }, { "center", "/operations" }, { "edu", "/operations?tab=availability" }, { "edu", "/operations?tab=files" }, { "center", "/operations?tab=bulletins" },
        { "center", "/data-access" }, { "edusec", "/data-access?tab=log" }, { "police", "/data-access?tab=agreements" },
        { "admin", "/organisations" }, { "admin", "/users" }, { "secadmin", "/admin-requests" }, { "auditor", "/audit" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_main_page_of_every_role_has_no_serious_accessibility_failure(string user, string url)
    {
        var page = await app.SignedInAsync(user);
        await page.GotoAsync(url);
        await AssertNoFailuresAsync(page, $"{user} {url}");
    }

    [Fact]
    public async Task A_case_page_has_no_serious_accessibility_failure()
    {
        var (eduApi, _, application, _) = await app.App.InTrialAsync();
        var centre = await (await eduApi.PostJsonAsync("/api/v1/datacenters", new
        {
            name = "无障碍检查机房" + Guid.NewGuid().ToString("N")[..4], kind = "SelfBuilt", areaM2 = 60, existingRacks = 8, usableRacks = 8,
            inServiceSince = "2015-03-01", roomClass = "B", extranetConnected = true, usesExtranetInternetExit = true, supportsIpv6 = true,
            fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3, systemIds = new[] { application.SystemId },
        })).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        (await eduApi.PostJsonAsync($"/api/v1/datacenters/{centre.Id}/certifications", new { selfCheck = "五项条件均达标" })).EnsureSuccessStatusCode();

        var failures = new List<string>();
        foreach (var user in new[] { "edu", "center" })
            failures.AddRange(await FailuresOnAsync(user, $"/applications/{application.Id}"));
        foreach (var user in new[] { "edu", "center", "bureau" })
            failures.AddRange(await FailuresOnAsync(user, $"/datacenters/{centre.Id}"));
        // A rectification notice with one item answered: the recipient's answer form and the issuer's check.
        var police = await app.App.SignInAsync("police");
        var edu = (await (await police.GetAsync("/api/v1/rectifications/recipients", TestContext.Current.CancellationToken))
            .ReadAsync<List<GovCloud.Web.Features.Supervision.NoticeRecipientDto>>()).Single(r => r.Name == "市教育局").Id;
        var notice = await (await police.PostJsonAsync("/api/v1/rectifications", new
        {
            recipientId = edu, title = "关于限期整改网络安全问题的通知", legalBasis = "《中华人民共和国网络安全法》第二十一条", periodLength = 15, periodUnit = "WorkingDays",
            contactName = "张警官", contactPhone = "0772-2801234",
            items = new[] { new { text = "门户网站存在弱口令账号。", risk = "High" }, new { text = "审计日志留存不足六个月。", risk = "Medium" } },
        })).ReadAsync<GovCloud.Web.Features.Supervision.NoticeIssued>(HttpStatusCode.Created);
        var officer = await app.App.SignInAsync("edusec");
        var read = await (await officer.GetAsync($"/api/v1/rectifications/{notice.Id}", TestContext.Current.CancellationToken))
            .ReadAsync<GovCloud.Web.Features.Supervision.NoticeDto>();
        (await officer.PostAsync($"/api/v1/rectifications/{notice.Id}/items/{read.Items[0].Id}/response", new MultipartFormDataContent
        {
            { new StringContent("已修改口令。"), "answer" }, { new StringContent(read.Version.ToString()), "version" },
        }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        foreach (var user in new[] { "edusec", "police" })
            failures.AddRange(await FailuresOnAsync(user, $"/security/rectifications/{notice.Id}"));
        // An inspection with a finding: the police's form to record more, the agency's reading of its own target.
        var center = (await (await (await app.App.SignInAsync("bureau")).GetAsync("/api/v1/rectifications/recipients", TestContext.Current.CancellationToken))
            .ReadAsync<List<GovCloud.Web.Features.Supervision.NoticeRecipientDto>>()).Single(r => r.Name == "市信息化建设管理中心").Id;
        var policeOrg = await app.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Organisations.Where(o => o.Name == "市公安局").Select(o => o.Id), TestContext.Current.CancellationToken));
        var inspection = await (await (await app.App.SignInAsync("bureau")).PostJsonAsync("/api/v1/inspections", new
        {
            name = "无障碍检查用联合安全检查", startsOn = DateTime.Today.ToString("yyyy-MM-dd"), endsOn = DateTime.Today.AddDays(7).ToString("yyyy-MM-dd"),
            targets = new[] { new { organisationId = edu }, new { organisationId = center } }, participantIds = new[] { policeOrg },
        })).ReadAsync<GovCloud.Web.Features.Supervision.InspectionDto>(HttpStatusCode.Created);
        (await police.PostJsonAsync($"/api/v1/inspections/{inspection.Id}/findings", new
        {
            targetId = inspection.Targets.First(t => t.OrganisationId == edu).Id, checklistItem = inspection.Checklist[0], risk = "High", description = "未备案。",
        })).EnsureSuccessStatusCode();
        foreach (var user in new[] { "police", "edusec" })
            failures.AddRange(await FailuresOnAsync(user, $"/security/inspections/{inspection.Id}"));
        // A security event being handled: the Center's step and closing forms, the agency's reading.
        var securityEvent = await (await (await app.App.SignInAsync("center")).PostJsonAsync("/api/v1/security-events", new
        {
            title = "无障碍检查用安全事件", kind = "Other", severity = "General", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), description = "检查。",
            organisationIds = new[] { edu },
        })).ReadAsync<GovCloud.Web.Features.Supervision.SecurityEventCreated>(HttpStatusCode.Created);
        foreach (var user in new[] { "center", "edusec" })
            failures.AddRange(await FailuresOnAsync(user, $"/security/events/{securityEvent.Id}"));
        // An access request waiting for the agency: the officer's decision form, the operator's withdrawal.
        var vm = await app.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.CloudVms.Where(v => v.SystemId == application.SystemId).Select(v => v.Id), TestContext.Current.CancellationToken));
        var grant = await (await (await app.App.SignInAsync("center")).PostJsonAsync("/api/v1/access-requests", new
        {
            systemId = application.SystemId, vmIds = new[] { vm }, mode = "Read", purpose = "无障碍检查", ticketKind = "Incident", ticketNumber = securityEvent.Number, hours = 2,
        })).ReadAsync<GovCloud.Web.Features.DataAccess.AccessGrantCreated>(HttpStatusCode.Created);
        foreach (var user in new[] { "center", "edusec" })
            failures.AddRange(await FailuresOnAsync(user, $"/data-access/{grant.Id}"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The case page's sections are headings under its title, for those who move through a page by headings.
        var page = await app.SignedInAsync("edu");
        await page.GotoAsync($"/applications/{application.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("云资源申请");
        foreach (var section in new[] { "基本信息", "试用与开通", "办理时限" })
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Level = 2, Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private async Task<IEnumerable<string>> FailuresOnAsync(string user, string url)
    {
        var page = await app.SignedInAsync(user);
        await page.GotoAsync(url);
        await SettledAsync(page);
        var failures = await FailuresAsync(page);
        await page.Context.CloseAsync();
        return failures.Select(f => $"{user} {url}: {f}");
    }

    [Fact]
    public async Task Sign_in_and_its_error_have_no_serious_accessibility_failure()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "edu", "wrong-password-1");
        await Assertions.Expect(page.Locator(".gc-error")).ToBeVisibleAsync();
        var failures = await FailuresAsync(page);
        await page.Context.CloseAsync();
        Assert.True(failures.Length == 0, "/account/login:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_form_showing_what_is_wrong_has_no_serious_accessibility_failure()
    {
        var page = await app.SignedInAsync("edu");
        await page.GotoAsync("/account/change-password");
        await page.FillAsync("#current", "wrong-password-1");
        await page.FillAsync("#new", "Liuzhou#2026a");
        await page.FillAsync("#confirm", "Liuzhou#2026b");
        await page.ClickAsync("#gc-password-submit");
        await Assertions.Expect(page.Locator("#gc-password-error")).ToBeVisibleAsync();
        await AssertNoFailuresAsync(page, "/account/change-password");
    }

    /// <summary>The page drawn and its data loaded (the live connection draws it a second time).</summary>
    private static async Task SettledAsync(IPage page)
    {
        await page.Locator(".gc-content, .gc-account-card").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(800);
    }

    private static async Task AssertNoFailuresAsync(IPage page, string where)
    {
        await SettledAsync(page);
        var failures = await FailuresAsync(page);
        await page.Context.CloseAsync();
        Assert.True(failures.Length == 0, $"{where}:\n" + string.Join("\n", failures));
    }
}
