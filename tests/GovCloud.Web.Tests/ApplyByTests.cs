using System.Net;
using GovCloud.Domain.DataCenters;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests;

/// <summary>
/// Every self-built centre has a date: the city's last day to apply for certification is in sight
/// before it comes, and a centre that has not applied by then is treated as not certified from that day.
/// </summary>
public abstract class ApplyByTests(Provider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private static object Centre(string name, DataCenterKind kind = DataCenterKind.SelfBuilt, int racks = 4) => new
    {
        name, kind, areaM2 = 30m, existingRacks = racks, usableRacks = racks, roomClass = RoomClass.C,
        inServiceSince = kind == DataCenterKind.SelfBuilt ? "2015-01-01" : null,
        lessor = kind == DataCenterKind.Leased ? "某 IDC 公司" : null, leaseStart = kind == DataCenterKind.Leased ? "2020-01-01" : null,
        leaseEnd = kind == DataCenterKind.Leased ? Day(Today.AddYears(1)) : null,
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private GovCloudApp App(DateOnly applyBy) =>
        new(provider, settings: new Dictionary<string, string?> { ["GovCloud:DataCenters:ApplyBy"] = Day(applyBy) });

    [Fact]
    public async Task R_14_1_the_date_to_apply_is_in_sight_and_reminded_before_it_comes()
    {
        await using var app = App(Today.AddDays(30));
        var edu = await app.SignInAsync("edu");
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("待申请机房"))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        Assert.Equal(Today.AddDays(30), centre.ApplyBy);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<DataCenterService>().DeemUnappliedAsync(Ct));
            await scope.ServiceProvider.GetRequiredService<DataCenterService>().RemindAsync(Ct);
        }
        var told = Assert.Single((await (await edu.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items,
            n => n.Title == "认定申请期限即将届满：待申请机房");
        Assert.Contains("逾期未申请的，自该日起视为未通过认定", told.Body);
        var overview = await (await (await app.SignInAsync("bureau")).GetAsync("/api/v1/datacenters/overview", Ct)).ReadAsync<DataCenterOverview>();
        Assert.Contains(overview.Attention, d => d.Id == centre.Id);
    }

    [Fact]
    public async Task R_15_1_a_centre_that_has_not_applied_by_the_date_is_not_certified_from_that_date_and_the_agency_is_told()
    {
        var applyBy = Today.AddDays(-1);
        await using var app = App(applyBy);
        var edu = await app.SignInAsync("edu");
        var small = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("逾期机房", racks: 4))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var leased = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("租用机房", DataCenterKind.Leased))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        async Task<int> DeemAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DataCenterService>().DeemUnappliedAsync(Ct);
        }
        Assert.Equal(1, await DeemAsync());
        Assert.Equal(0, await DeemAsync());

        var centre = await (await edu.GetAsync($"/api/v1/datacenters/{small.Id}", Ct)).ReadAsync<DataCenterDto>();
        Assert.Equal((CertificationState.NotCertified, (DateOnly?)applyBy, DataCenterStage.Migrating), (centre.Decision, centre.DecidedOn, centre.Stage));
        // ≤ 5 existing racks: one year from the date, by the period rules (a non-working last day rolls on).
        Assert.InRange(centre.MigrateBy!.Value, applyBy.AddYears(1), applyBy.AddYears(1).AddDays(10));
        Assert.Null((await (await edu.GetAsync($"/api/v1/datacenters/{leased.Id}", Ct)).ReadAsync<DataCenterDto>()).Decision);
        foreach (var client in new[] { edu, await app.SignInAsync("bureau") })
            Assert.Single((await (await client.GetAsync("/api/v1/inbox?pageSize=200", Ct)).ReadAsync<InboxList>()).Items, n => n.Title == "逾期未申请认定：逾期机房");
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "DataCenterDeemedNotCertified" && a.EntityId == small.Id.ToString(), Ct)));
        var late = await (await edu.PostJsonAsync($"/api/v1/datacenters/{small.Id}/certifications", new { selfCheck = "补报" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("未通过认定的数据中心须在过渡期内完成迁移，不能再申请认定", late.FieldError("dataCenterId"));
    }
}

public sealed class ApplyByOnSqlite() : ApplyByTests(Provider.Sqlite);
public sealed class ApplyByOnPostgres() : ApplyByTests(Provider.PostgreSql);
