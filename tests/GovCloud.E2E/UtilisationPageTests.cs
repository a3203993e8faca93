using GovCloud.Web.Features.Monitoring;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>R-22.1: the Center reads allocated against used, with the daily trend as a chart, and finds the idle VM; the agency reads its own.</summary>
public sealed class UtilisationPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
