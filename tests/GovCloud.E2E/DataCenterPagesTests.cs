using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-12.1 through the page: the education bureau registers its machine room; the list shows it with its racks.</summary>
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
        await form.GetByText("请输入面积（平方米）").WaitForAsync();
        await form.GetByText("请输入可用机柜（个）").WaitForAsync();
        await form.Locator(".ant-input-number input").Nth(0).FillAsync("38.5");
        await form.Locator(".ant-input-number input").Nth(1).FillAsync("4");
        await form.GetByText("支持 IPv6").ClickAsync();
        await BrowserApp.ScreenshotAsync(page, "datacenter-form");
        await page.ClickAsync("#gc-save-datacenter");
        var row = page.Locator("#gc-datacenters tr", new() { HasText = "教育局二号机房" });
        await row.GetByText("38.5 ㎡ / 4 个").WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "datacenters");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenCertificationAsync(string user, string centre)
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/datacenters");
        await page.Locator("#gc-datacenters tr", new() { HasText = centre }).Locator(".gc-certify-link").ClickAsync();
        return page;
    }

    [Fact]
    public async Task R_15_1_a_5_rack_self_built_centre_fails_certification_and_gets_a_1_year_transition()
    {
        var name = "五柜机房" + Guid.NewGuid().ToString("N")[..4];
        var api = await app.App.SignInAsync("edu");
        (await api.PostJsonAsync("/api/v1/datacenters", new { name, kind = "SelfBuilt", areaM2 = 45, usableRacks = 5, roomClass = "B", extranetConnected = true,
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
        await center.Context.CloseAsync();

        var bureau = await OpenCertificationAsync("bureau", name);
        await bureau.ClickAsync("#gc-cert-refuse");
        await BrowserApp.ConfirmAsync(bureau);
        await bureau.Locator("#gc-cert-outcome").GetByText("未通过认定：过渡期至", new() { Exact = false }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(bureau, "datacenter-certification");
        await bureau.Context.CloseAsync();
    }
}
