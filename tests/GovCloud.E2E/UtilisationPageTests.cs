using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-22.1: the Center reads allocated against used, with the daily trend as a chart, and finds the idle VM; the agency reads its own.</summary>
public sealed class UtilisationPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task SeedAsync(BrowserApp app, GovCloud.Web.Features.Provisioning.CloudVm vm, double cpuP95, double memoryP95)
    {
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await app.App.WithDbAsync(async d =>
        {
            for (var i = 1; i <= 30; i++)
                d.VmDailyUsage.Add(new VmDailyUsage
                {
                    VmId = vm.Id, OrganisationId = vm.OrganisationId, SystemId = vm.SystemId, Zone = vm.Zone, Day = today.AddDays(-i), Vcpu = vm.Vcpu,
                    MemoryGb = vm.MemoryGb, DiskGb = vm.SystemDiskGb + vm.DataDiskGb, Source = "推送", Points = 288,
                    CpuAvg = cpuP95 / 2, CpuP95 = cpuP95, CpuMax = cpuP95 + 5, MemoryAvg = memoryP95 - 5, MemoryP95 = memoryP95, MemoryMax = memoryP95 + 2,
                });
            await d.SaveChangesAsync(Ct);
        });
    }

    [Fact]
    public async Task The_center_sees_the_trend_and_an_idle_vm_and_another_agency_sees_none_of_it()
    {
        var (_, _, application, _) = await app.App.LiveAsync();
        var vms = await app.App.WithDbAsync(db => db.CloudVms.Where(v => v.ApplicationId == application.Id).OrderByDescending(v => v.HostName).ToListAsync(Ct));
        var (web, db) = (vms[0], vms[1]);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        // Thirty days as the monitoring reported them: web idle, db busy.
        await app.App.WithDbAsync(async d =>
        {
            for (var i = 1; i <= 30; i++)
                foreach (var (vm, cpu, memory) in new[] { (web, 2.0, 10.0), (db, 60.0, 70.0) })
                    d.VmDailyUsage.Add(new VmDailyUsage
                    {
                        VmId = vm.Id, OrganisationId = vm.OrganisationId, SystemId = vm.SystemId, Zone = vm.Zone, Day = today.AddDays(-i), Vcpu = vm.Vcpu,
                        MemoryGb = vm.MemoryGb, DiskGb = vm.SystemDiskGb + vm.DataDiskGb, Source = "推送", Points = 288,
                        CpuAvg = cpu, CpuP95 = cpu + 1, CpuMax = cpu + 2, MemoryAvg = memory, MemoryP95 = memory + 1, MemoryMax = memory + 2, DiskAvg = 40, DiskP95 = 40, DiskMax = 41,
                    });
            await d.SaveChangesAsync(Ct);
        });

        var center = await app.SignedInAsync("center");
        await center.GotoAsync("/utilisation");
        // (4 × 2 + 4 × 60) / 8 = 31 % of the cores used.
        await center.GetByText("31%").First.WaitForAsync();
        await center.Locator("#gc-utilisation-trend svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await center.GetByText("按虚拟机").ClickAsync();
        await center.Locator("#gc-utilisation-rows tr", new() { HasText = web.HostName }).GetByText("2%").WaitForAsync();
        var idle = center.Locator("#gc-idle tr", new() { HasText = web.HostName });
        await idle.GetByText("建议回收").WaitForAsync();
        Assert.Equal(0, await center.Locator("#gc-idle tr", new() { HasText = db.HostName }).CountAsync());
        await BrowserApp.ScreenshotAsync(center, "utilisation");
        await center.Context.CloseAsync();

        var health = await app.SignedInAsync("health");
        await health.GotoAsync("/utilisation");
        await health.GetByText("所选期间暂无本单位虚拟机的监测数据").WaitForAsync();
        Assert.Equal(0, await health.GetByText(web.HostName).CountAsync());
        await health.Context.CloseAsync();
    }
}

/// <summary>R-22.1: a proposal from the figures; in a database of its own, so the other page test's totals are not mixed with its VMs.</summary>
public sealed class UtilisationProposalPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_center_proposes_a_smaller_size_the_agency_accepts_and_the_change_runs()
    {
        var (_, _, application, _) = await app.App.LiveAsync();
        var db = await app.App.WithDbAsync(d => d.CloudVms.Where(v => v.ApplicationId == application.Id).OrderBy(v => v.HostName).FirstAsync(Ct));
        // 4 cores at 20 %, 8 GB at 30 % on their busiest day: 2 cores and 4 GB are enough.
        await UtilisationPageTests.SeedAsync(app, db, 20, 30);

        var center = await app.SignedInAsync("center");
        await center.GotoAsync("/utilisation");
        await center.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^配置过高") }).ClickAsync();
        var row = center.Locator("#gc-oversized tr", new() { HasText = db.HostName });
        await row.GetByText("2 核 / 4 GB").WaitForAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "提出调整建议" }).ClickAsync();
        await center.Locator("#gc-propose-note").FillAsync("可先缩减，观察一个月");
        await center.Locator("#gc-propose-ok").ClickAsync();
        await center.GetByText("已提出调整建议 JY").WaitForAsync();
        await row.GetByText("待确认").WaitForAsync();
        await center.Context.CloseAsync();

        var edu = await app.SignedInAsync("edu");
        // The step waits on the agency's home page, and leads to the proposals.
        await edu.GetByText("确认资源调整建议").First.WaitForAsync();
        await edu.GotoAsync("/utilisation?tab=proposals");
        var proposal = edu.Locator("#gc-proposals tr", new() { HasText = db.HostName });
        await proposal.GetByText("由 4 核 8 GB 调整为 2 核 4 GB").WaitForAsync();
        await proposal.GetByText("可先缩减，观察一个月").WaitForAsync();
        await BrowserApp.ScreenshotAsync(edu, "utilisation-proposal");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "采纳", Exact = true }).ClickAsync();
        await edu.Locator(".ant-popover:visible").GetByRole(AriaRole.Button, new() { Name = "采纳", Exact = true }).ClickAsync();
        await edu.GetByText("已采纳，并提交变更申请 BG").WaitForAsync();
        var link = proposal.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^变更申请 BG") });
        await link.WaitForAsync();
        await edu.Context.CloseAsync();

        // The change goes the usual way; carried out, the VM has the smaller size.
        var changeId = await app.App.WithDbAsync(d => d.SizingProposals.Where(p => p.VmId == db.Id).Select(p => p.ChangeId!.Value).SingleAsync(Ct));
        var evaluator = await app.App.SignInAsync("center");
        var change = await (await evaluator.GetAsync($"/api/v1/changes/{changeId}", Ct)).ReadAsync<GovCloud.Web.Features.Provisioning.ChangeDto>();
        change = await (await evaluator.PostJsonAsync($"/api/v1/changes/{changeId}/evaluation", new { opinion = "同意", version = change.Version }))
            .ReadAsync<GovCloud.Web.Features.Provisioning.ChangeDto>();
        change = await (await (await app.App.SignInAsync("bureau")).PostJsonAsync($"/api/v1/changes/{changeId}/approve", new { opinion = "同意", version = change.Version }))
            .ReadAsync<GovCloud.Web.Features.Provisioning.ChangeDto>();
        await (await evaluator.PostJsonAsync($"/api/v1/changes/{changeId}/completion", new { version = change.Version })).ReadAsync<GovCloud.Web.Features.Provisioning.ChangeDto>();
        var resized = await app.App.WithDbAsync(d => d.CloudVms.SingleAsync(v => v.Id == db.Id, Ct));
        Assert.Equal((2, 4), (resized.Vcpu, resized.MemoryGb));
    }
}
