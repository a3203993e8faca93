using System.Net;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// Every hand-over of an application and its trial as the next person meets it: the step is in 待办 on
/// their home page and in their inbox, and one click on either opens the application where they act. The steps
/// themselves are taken through the API (each has its own page test); what is checked here is that nobody has to look.
/// </summary>
public sealed class HandoverPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task After_every_hand_over_the_next_person_finds_the_step_at_home_and_in_the_inbox_one_click_from_the_place_to_act()
    {
        var (edu, a) = await app.App.DraftAsync();
        var link = $"applications/{a.Id}";
        a = await ApplicationKit.SubmittedAsync(edu, a);
        await AssertFoundAsync("center", "评估", a.Number, link, "#gc-evaluation-form");

        var center = await app.App.SignInAsync("center");
        a = await (await center.PostJsonAsync($"/api/v1/applications/{a.Id}/evaluation", ApplicationKit.Evaluation(a))).ReadAsync<ApplicationDto>();
        await AssertFoundAsync("bureau", "审批", a.Number, link, "#gc-approval-form");

        var bureau = await app.App.SignInAsync("bureau");
        a = await (await bureau.PostJsonAsync($"/api/v1/applications/{a.Id}/approve", new { opinion = "同意", version = a.Version, overrideReason = "测试" }))
            .ReadAsync<ApplicationDto>();
        await AssertFoundAsync("center", "交付试用环境", a.Number, link, "#gc-delivery-form");

        var trial = await ApplicationKit.TrialAsync(center, a.Id);
        var url = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await center.PostJsonAsync($"{url}/delivery", ApplicationKit.Delivery(a, trial.Version))).ReadAsync<TrialDto>();
        // Delivered: three people are now waited for at once.
        await AssertFoundAsync("edusec", "确认使用协议", a.Number, link);
        await AssertFoundAsync("center", "确认使用协议", a.Number, link);
        await AssertFoundAsync("edu", "报告试用结果", a.Number, link);

        var officer = await app.App.SignInAsync("edusec");
        trial = await (await officer.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await center.PostJsonAsync($"{url}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        await (await edu.PostJsonAsync($"{url}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        await AssertFoundAsync("center", "正式开通", a.Number, link);
    }

    [Fact]
    public async Task A_change_and_a_certification_hand_over_the_same_way()
    {
        var (edu, center, a, trial) = await app.App.LiveAsync();
        var web = trial.Vms.Single(v => v.HostName.StartsWith("web-"));
        var change = await (await edu.PostJsonAsync("/api/v1/changes", new
        {
            systemId = a.SystemId, reason = "招生季访问量翻倍",
            lines = new object[] { new { action = "Resize", vmId = web.Id, to = new { vcpu = 8, memoryGb = 16, systemDiskGb = 100, dataDiskGb = 800 } } },
        })).ReadAsync<ChangeDto>(HttpStatusCode.Created);
        var link = $"changes/{change.Id}";
        await AssertFoundAsync("center", "评估", change.Number, link, "#gc-change-evaluation");
        change = await (await center.PostJsonAsync($"/api/v1/changes/{change.Id}/evaluation", new { opinion = "同意扩容", version = change.Version })).ReadAsync<ChangeDto>();
        await AssertFoundAsync("bureau", "审批", change.Number, link, "#gc-change-approval");
        var bureau = await app.App.SignInAsync("bureau");
        change = await (await bureau.PostJsonAsync($"/api/v1/changes/{change.Id}/approve", new { opinion = "同意", version = change.Version, overrideReason = "测试" }))
            .ReadAsync<ChangeDto>();
        await AssertFoundAsync("center", "实施变更", change.Number, link, "#gc-change-completion");

        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", new
        {
            name = "教育局交接机房" + Guid.NewGuid().ToString("N")[..4], kind = "SelfBuilt", areaM2 = 60, existingRacks = 8, usableRacks = 8,
            inServiceSince = "2015-03-01", roomClass = "B", extranetConnected = true, usesExtranetInternetExit = true, supportsIpv6 = true,
            fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3,
        })).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var url = $"/api/v1/datacenters/{centre.Id}/certifications";
        var cert = await (await edu.PostJsonAsync(url, new { selfCheck = "五项条件均达标" })).ReadAsync<CertificationDto>(HttpStatusCode.Created);
        var certLink = $"datacenters/certifications/{cert.Id}";
        await AssertFoundAsync("center", "现场评估", cert.Number, certLink);
    }

    /// <summary>
    /// <paramref name="user"/> signs in and finds "<paramref name="action"/>：<paramref name="number"/>" in 待办 and
    /// "待<paramref name="action"/>：<paramref name="number"/>" in the inbox; each opens <paramref name="link"/>, scrolled to
    /// <paramref name="place"/> (the form where the step is taken) with the keyboard there, when it is given.
    /// </summary>
    private async Task AssertFoundAsync(string user, string action, string number, string link, string? place = null)
    {
        var page = await app.SignedInAsync(user);
        var todo = page.Locator("#gc-todo .gc-work-line", new() { HasText = $"{action}：{number}" }).Locator($"a[href='{link}']");
        await todo.WaitForAsync();
        await BrowserApp.FollowAsync(page, todo, $"**/{link}");
        await page.Locator(".gc-content h1").WaitForAsync();
        if (place is not null)
        {
            await Assertions.Expect(page.Locator(place)).ToBeInViewportAsync();
            await Assertions.Expect(page.Locator(place)).ToBeFocusedAsync();
        }

        await page.GotoAsync("/inbox");
        var message = page.Locator("#gc-inbox .ant-card", new() { HasText = $"待{action}：{number}" }).First;
        await message.WaitForAsync();
        await BrowserApp.FollowAsync(page, message.GetByText("查看"), $"**/{link}");
        if (place is not null) await Assertions.Expect(page.Locator(place)).ToBeInViewportAsync();
        await page.Context.CloseAsync();
    }
}
