using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Pools;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// through the page: the education bureau registers its machine room; a small one fails certification;
/// a certified one is retained, its plan approved, its system migrated, the centre revoked and its equipment in the pool.
/// </summary>
public sealed class DataCenterPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task R_12_1_an_agency_registers_its_machine_room()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/datacenters");
        await page.ClickAsync("#gc-new-datacenter");
        var form = page.Locator("#gc-datacenter-form");
        await form.Locator("input.ant-input").First.FillAsync("教育局二号机房");
        // Area and racks left empty: the form says so in Chinese before anything is sent.
        await page.ClickAsync("#gc-save-datacenter");
        await form.GetByText("面积（平方米）不能为空").WaitForAsync();
        await form.GetByText("可用机柜（个）不能为空").WaitForAsync();
        // In red with a red border, as the server's own refusals are: not grey like a hint.
        await Assertions.Expect(form.GetByText("面积（平方米）不能为空")).ToHaveCSSAsync("color", "rgb(207, 19, 34)");
        await Assertions.Expect(form.Locator(".ant-form-item", new() { HasText = "面积（平方米）不能为空" }).Locator(".ant-input-number").First)
            .ToHaveCSSAsync("border-top-color", "rgb(255, 77, 79)");
        await form.Locator(".ant-input-number input").Nth(0).FillAsync("38.5");
        await form.Locator("#gc-existing-racks input").FillAsync("6");
        await form.Locator(".ant-input-number input").Nth(2).FillAsync("4");
        await form.GetByText("支持 IPv6").ClickAsync();
        // A date is typed as offices write it; Enter commits the date and nothing else: the dialog, complete as it is,
        // is not sent behind the user's back (it is saved with its button only), and Escape does not throw it away.
        var since = form.Locator("#gc-in-service-since input");
        // As a person does, type once the calendar has opened (typing into a picker still opening loses characters).
        await BrowserApp.TypeIntoPickerAsync(page, since, "2016-03-01");
        await since.PressAsync("Enter");
        await Assertions.Expect(since).ToHaveValueAsync("2016-03-01");
        await page.WaitForTimeoutAsync(1000);
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForTimeoutAsync(500);
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#gc-datacenters tr", new() { HasText = "教育局二号机房" })).ToHaveCountAsync(0);
        // Art. 15 counts every rack in the room; more usable racks than racks is refused in Chinese.
        await form.Locator("#gc-existing-racks input").FillAsync("3");
        await form.Locator("#gc-existing-racks input").PressAsync("Tab"); // the number is taken when the field is left
        await page.WaitForTimeoutAsync(300);
        await page.ClickAsync("#gc-save-datacenter");
        await form.GetByText("可用机柜数不能多于现有机架数（3 个）").WaitForAsync();
        // The message is at its field; the toast says how many there are instead of repeating them.
        await Assertions.Expect(page.Locator(".ant-message")).ToContainTextAsync("有 1 处需要修改，已在表单中标出");
        await Assertions.Expect(page.Locator(".ant-message")).Not.ToContainTextAsync("可用机柜数不能多于");
        await form.Locator("#gc-existing-racks input").FillAsync("6");
        await BrowserApp.ScreenshotAsync(page, "datacenter-form");
        await page.ClickAsync("#gc-save-datacenter");
        var row = page.Locator("#gc-datacenters tr", new() { HasText = "教育局二号机房" });
        await row.GetByText("38.5 ㎡ / 6（4）个").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "datacenters");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenCertificationAsync(string user, string centre)
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/datacenters");
        await page.GetByRole(AriaRole.Tab, new() { Name = "数据中心" }).ClickAsync(); // the Bureau and the Center start on the overview
        await page.Locator("#gc-datacenters tr", new() { HasText = centre }).Locator(".gc-certify-link").ClickAsync();
        return page;
    }

    [Fact]
    public async Task R_15_1_a_5_rack_self_built_centre_fails_certification_and_gets_a_1_year_transition()
    {
        var name = "五柜机房" + Guid.NewGuid().ToString("N")[..4];
        var api = await app.App.SignInAsync("edu");
        (await api.PostJsonAsync("/api/v1/datacenters", new { name, kind = "SelfBuilt", areaM2 = 45, existingRacks = 5, usableRacks = 5, inServiceSince = "2016-01-01",
            roomClass = "B", extranetConnected = true,
            usesExtranetInternetExit = true, supportsIpv6 = true, fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3 })).EnsureSuccessStatusCode();

        var edu = await OpenCertificationAsync("edu", name);
        await edu.FillAsync("#gc-cert-selfcheck", "面积 45 平方米，可用机柜 5 个，等保三级已测评。");
        await edu.ClickAsync("#gc-cert-submit");
        await BrowserApp.ConfirmAsync(edu);
        await edu.Locator(".gc-cert").GetByText("待评估", new() { Exact = false }).WaitForAsync();
        await edu.Context.CloseAsync();

        var center = await OpenCertificationAsync("center", name);
        await center.FillAsync("#gc-cert-people", "刘运、王工");
        await center.GetByText("满足云计算安全扩展要求").ClickAsync();
        await center.GetByText("通过等保测评").ClickAsync();
        await center.FillAsync("#gc-cert-opinion", "面积达标，可用机柜 5 个不足 6 个");
        await center.ClickAsync("#gc-cert-evaluate-button");
        await BrowserApp.ConfirmAsync(center);
        await center.Locator("#gc-cert-criteria").GetByText("可用机柜 5 个，不足 6 个").WaitForAsync();
        // Art. 15 counts the racks the Center found in the room (the register's figure, confirmed on site).
        await center.Locator("#gc-cert-existing").GetByText("过渡期为 1 年", new() { Exact = false }).WaitForAsync();
        await center.Context.CloseAsync();

        var bureau = await OpenCertificationAsync("bureau", name);
        await bureau.ClickAsync("#gc-cert-refuse");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.Locator("#gc-cert-outcome").GetByText("未通过认定：过渡期至", new() { Exact = false }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(bureau, "datacenter-certification");
        await bureau.Context.CloseAsync();
    }

    private async Task<IPage> OpenCentreAsync(string user, Guid centre)
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync($"/datacenters/{centre}");
        await page.Locator("#gc-centre-flow").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task R_16_1_a_certified_centre_is_retained_its_plan_approved_its_system_migrated_and_its_revocation_adds_capacity_to_the_pool()
    {
        // Arranged through the API (each step has its own page test): a system in trial, hosted by a centre the Bureau certified.
        var (eduApi, centerApi, a, trial) = await app.App.InTrialAsync();
        var name = "教育局三号机房" + Guid.NewGuid().ToString("N")[..4];
        var centre = await (await eduApi.PostJsonAsync("/api/v1/datacenters", new
        {
            name, kind = "SelfBuilt", areaM2 = 80, existingRacks = 10, usableRacks = 10, inServiceSince = "2013-06-01", roomClass = "B", extranetConnected = true,
            usesExtranetInternetExit = true, supportsIpv6 = true,
            fullTimeStaff = 3, service7x24 = true, mlpsLevel = 3, systemIds = new[] { a.SystemId },
        })).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        var cert = await (await eduApi.PostJsonAsync(url, new { selfCheck = "五项条件均达标" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        cert = await (await centerApi.PostJsonAsync($"{url}/{cert.Id}/evaluation", new
        {
            facts = new
            {
                extranetConnected = true, usesExtranetInternetExit = true, supportsIpv6 = true, roomClass = "B", areaM2 = 80, existingRacks = 10, usableRacks = 10,
                fullTimeStaff = 3,
                service7x24 = true, mlpsLevel = 3, cloudExtensionMet = true, mlpsAssessmentPassed = true,
            },
            surveyDate = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), surveyPeople = "刘运", opinion = "达标", version = cert.Version,
        })).ReadAsync<CertificationDto>();
        var bureauApi = await app.App.SignInAsync("bureau");
        await (await bureauApi.PostJsonAsync($"{url}/{cert.Id}/decision", new { certified = true, version = cert.Version })).ReadAsync<CertificationDto>();
        var zone = await (await bureauApi.PostJsonAsync("/api/v1/zones", new
        {
            name = "统筹分区" + Guid.NewGuid().ToString("N")[..4], serverTypes = Enum.GetValues<ServerType>(), osImages = new[] { "麒麟 V10" },
            capacityVcpu = 100, capacityMemoryGb = 400, capacityStorageGb = 10000,
        })).ReadAsync<NetworkZoneDto>(HttpStatusCode.Created);

        // The agency sees its centre retained and submits the plan: its system to the cloud by the migrate-by date.
        var edu = await OpenCentreAsync("edu", centre.Id);
        await edu.Locator(".gc-stage", new() { HasText = "保留期" }).WaitForAsync();
        await edu.Locator(".gc-plan-row", new() { HasText = a.SystemName }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(edu, "datacenter-plan-form");
        await edu.ClickAsync("#gc-submit-plan");
        await BrowserApp.ConfirmAsync(edu);
        await edu.Locator(".gc-plan .ant-card-head-title", new() { HasText = "待审核" }).WaitForAsync();
        await edu.Context.CloseAsync();

        var bureau = await OpenCentreAsync("bureau", centre.Id);
        await bureau.ClickAsync("#gc-approve-plan");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.Locator(".gc-plan .ant-card-head-title", new() { HasText = "已同意" }).WaitForAsync();
        Assert.Equal("0%", await bureau.Locator(".gc-plan-progress").InnerTextAsync());
        // The review clock and the messages link to the plan; that address opens its centre's page.
        var plan = (await (await bureauApi.GetAsync($"/api/v1/datacenters/{centre.Id}/migration-plans", TestContext.Current.CancellationToken))
            .ReadAsync<List<MigrationPlanDto>>()).Single();
        await bureau.GotoAsync($"/datacenters/plans/{plan.Id}");
        await bureau.Locator("h1", new() { HasText = name }).WaitForAsync();

        // The system moves through its trial into formal use (the trial pages have their own test).
        var officer = await app.App.SignInAsync("edusec");
        var trialUrl = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await officer.PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await centerApi.PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await eduApi.PostJsonAsync($"{trialUrl}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        await (await centerApi.PostJsonAsync($"{trialUrl}/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();

        // With every system on the cloud the agency revokes its centre and lists the servers it hands over (Art. 16(三)).
        var agency = await OpenCentreAsync("edu", centre.Id);
        await Assertions.Expect(agency.Locator(".gc-plan-progress")).ToHaveTextAsync("100%");
        var row = agency.Locator(".gc-equipment-row").First;
        await row.Locator(".gc-equipment-model").FillAsync("华为 2288H V5");
        await row.Locator(".gc-equipment-quantity input").FillAsync("4");
        await row.Locator(".gc-equipment-vcpu input").FillAsync("64");
        await row.Locator(".gc-equipment-memory input").FillAsync("256");
        await row.Locator(".gc-equipment-storage input").FillAsync("4000");
        await agency.Locator("#gc-revoke-form").GetByText("保留办公网络机房", new() { Exact = true }).ClickAsync(); // moves focus: the last number is taken
        await agency.Locator("#gc-revoke-form").GetByText("合计：vCPU 256 核", new() { Exact = false }).WaitForAsync();
        await agency.FillAsync("#gc-revoke-note", "机房撤除，服务器移交市政务云统筹利用");
        await BrowserApp.ScreenshotAsync(agency, "datacenter-revoke");
        await agency.ClickAsync("#gc-revoke");
        await BrowserApp.ConfirmAsync(agency);
        await agency.Locator("#gc-revocation-pending").WaitForAsync();
        await agency.Locator(".gc-stage", new() { HasText = "已撤销" }).WaitForAsync();
        await agency.Context.CloseAsync();

        // The Bureau confirms and takes the servers into the pool (Art. 16(四), Art. 20), within its period.
        await bureau.ReloadAsync();
        await bureau.Locator("#gc-revocation").GetByText("确认撤销", new() { Exact = false }).First.WaitForAsync();
        await BrowserApp.PickAsync(bureau, "#gc-revoke-zone .ant-select", zone.Name, exact: true);
        await bureau.ClickAsync("#gc-confirm-revocation");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.Locator("#gc-revocation-confirmed").GetByText(zone.Name, new() { Exact = false }).WaitForAsync();
        await bureau.Locator("#gc-revocation").GetByText("保留办公网络机房", new() { Exact = false }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(bureau, "datacenter-revoked");

        // The overview counts it among the revoked.
        await bureau.GotoAsync("/datacenters");
        var revokedCard = bureau.Locator("#gc-centre-overview .gc-stat", new() { HasText = "已撤销" });
        Assert.Equal("1", await revokedCard.Locator("strong").InnerTextAsync());
        await BrowserApp.ScreenshotAsync(bureau, "datacenter-overview");

        // The pool page shows the zone's new capacity.
        await bureau.GotoAsync("/pools");
        await bureau.Locator("#gc-pools").GetByText(zone.Name).WaitForAsync();
        var pool = (await (await bureauApi.GetAsync("/api/v1/pools", TestContext.Current.CancellationToken)).ReadAsync<List<PoolDto>>()).Single(p => p.ZoneId == zone.Id);
        Assert.Equal(new Resources(356, 1424, 26000), pool.Physical);
        await bureau.Context.CloseAsync();
    }
}
