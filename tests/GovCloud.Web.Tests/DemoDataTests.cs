using GovCloud.Domain.Applications;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.Inventory;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;

namespace GovCloud.Web.Tests;

/// <summary>`--demo` shows a newcomer every state of the process, made through the real services (so a broken step shows here first).</summary>
public sealed class DemoDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_holds_applications_in_every_state_and_trials_up_to_formal_use()
    {
        await using var app = new GovCloudApp(Provider.Sqlite, settings: new Dictionary<string, string?> { ["GovCloud:Demo:Applications"] = "true" });
        var bureau = await app.SignInAsync("bureau");
        var all = await (await bureau.GetAsync("/api/v1/applications?pageSize=200", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>();
        // Drafts are the agency's own; everything else is visible to the Bureau.
        Assert.Equal([ApplicationState.Submitted, ApplicationState.Evaluated, ApplicationState.Approved, ApplicationState.Returned],
            all.Items.Select(a => a.State).Distinct().Order());
        // Art. 5: the district's education bureau applies through the district government; one application still waits for it.
        Assert.Equal("柳江区人民政府", all.Items.Single(a => a.SystemName == "柳江区智慧教育平台").ApplicantName);
        var liujiang = await app.SignInAsync("liujiang");
        var waiting = await (await liujiang.GetAsync("/api/v1/applications?state=AwaitingCounty", Ct)).ReadAsync<Paged<ApplicationSummaryDto>>();
        Assert.Equal(("柳江区校园安全监控系统", "柳江区教育局"), (Assert.Single(waiting.Items).SystemName, waiting.Items[0].OrganisationName));

        var trials = await (await bureau.GetAsync("/api/v1/trials?pageSize=200", Ct)).ReadAsync<Paged<TrialSummaryDto>>();
        Assert.Equal([TrialState.AwaitingDelivery, TrialState.InTrial, TrialState.Live], trials.Items.Select(t => t.State).Order());

        var inventory = await (await bureau.GetAsync("/api/v1/inventory/vms?pageSize=200", Ct)).ReadAsync<InventoryList>();
        Assert.Equal([VmState.Trial, VmState.Active], inventory.Items.Select(v => v.State).Distinct().Order());
        Assert.True(inventory.MonthlyFee > 0, "the live system is billed");

        var centres = await (await bureau.GetAsync("/api/v1/datacenters", Ct)).ReadAsync<Paged<GovCloud.Web.Features.DataCenters.DataCenterDto>>();
        Assert.Equal(["卫健委应急指挥机房", "卫健委租用机房", "教育局中心机房", "柳江区政务机房"], centres.Items.Select(d => d.Name).Order());
        Assert.Single(centres.Items.Single(d => d.Name == "教育局中心机房").Systems);
        // a centre whose retention ended has applied again; Finance funds it no more meanwhile.
        var again = centres.Items.Single(d => d.Name == "卫健委应急指挥机房");
        Assert.Equal(("重新认定中", true), (again.StageName, again.FundingStopped));
        // Its system was migrated for the time being while retained; now it is not (Art. 14(五)).
        var dispatch = Assert.Single(again.Systems);
        var system = await (await bureau.GetAsync($"/api/v1/systems/{dispatch.Id}", Ct)).ReadAsync<GovCloud.Web.Features.Systems.InfoSystemDto>();
        Assert.Equal((GovCloud.Domain.Applications.SystemLocation.CertifiedDataCenter, (GovCloud.Domain.Applications.SystemLocation?)GovCloud.Domain.Applications.SystemLocation.UncertifiedDataCenter, false),
            (system.Location, system.VerifiedLocation, system.Migrated));
        // Art. 16(三): a district revoked its room; the Bureau has still to confirm it and pool the servers.
        var revoked = centres.Items.Single(d => d.Name == "柳江区政务机房");
        var revocation = await (await bureau.GetAsync($"/api/v1/datacenters/{revoked.Id}/revocation", Ct)).ReadAsync<GovCloud.Web.Features.DataCenters.RevocationDto>();
        Assert.Equal((false, 96), (revocation.Confirmed, revocation.Vcpu));
    }
}
