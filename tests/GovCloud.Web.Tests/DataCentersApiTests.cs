using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>R-4.1, R-12.1, R-19.1: the register of agencies' data centres and the violations, on both databases.</summary>
public abstract class DataCentersApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Centre(string name, DataCenterKind kind = DataCenterKind.SelfBuilt, IEnumerable<Guid>? systems = null, string? leaseEnd = null) => new
    {
        name, kind, address = "柳州市城中区", areaM2 = 45.5m, usableRacks = 5, roomClass = RoomClass.B, extranetConnected = true, usesExtranetInternetExit = true,
        supportsIpv6 = false, fullTimeStaff = 2, service7x24 = true, mlpsLevel = 3, hasCloudPlatform = false, holdsSensitiveData = false,
        lessor = kind == DataCenterKind.Leased ? "某 IDC 公司" : null, leaseStart = kind == DataCenterKind.Leased ? "2024-01-01" : null,
        leaseEnd = kind == DataCenterKind.Leased ? leaseEnd ?? "2027-06-30" : null, systemIds = systems ?? [],
    };

    [Fact]
    public async Task R_12_1_an_agency_registers_its_self_built_centre_with_the_systems_it_hosts()
    {
        var edu = await app.SignInAsync("edu");
        var system = await (await edu.PostJsonAsync("/api/v1/systems", new { name = "机房系统" + Guid.NewGuid().ToString("N")[..6], kind = SystemKind.Existing,
            location = SystemLocation.UncertifiedDataCenter })).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var name = "教育局机房" + Guid.NewGuid().ToString("N")[..6];
        var bad = await (await edu.PostJsonAsync("/api/v1/datacenters", new { name, areaM2 = -1, usableRacks = 3 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择自建或租用第三方", bad.FieldError("kind"));
        Assert.Equal("面积须为 0 至 100000 平方米", bad.FieldError("areaM2"));
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre(name, systems: [system.Id]))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        Assert.Equal(("自建", "B 级", 45.5m, 5), (centre.KindName, centre.RoomClassName, centre.AreaM2, centre.UsableRacks));
        Assert.Equal(system.Id, Assert.Single(centre.Systems).Id);
        var twice = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre(name))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"本单位已登记名为“{name}”的数据中心", twice.FieldError("name"));

        var export = await edu.GetAsync("/api/v1/datacenters/export", Ct);
        Assert.Equal(ExcelExport.ContentType, export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "DataCenterRegistered" && e.EntityId == centre.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task R_26_2_an_agency_sees_and_changes_only_its_own_centres()
    {
        var edu = await app.SignInAsync("edu");
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("机房" + Guid.NewGuid().ToString("N")[..6]))).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/datacenters/{centre.Id}", Ct)).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/datacenters?pageSize=200", Ct)).ReadAsync<Paged<DataCenterDto>>()).Items, d => d.Id == centre.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", Centre("改名"))).StatusCode);
        var theirs = await (await health.PostJsonAsync("/api/v1/datacenters", new { organisationId = centre.OrganisationId, name = "x", kind = DataCenterKind.SelfBuilt,
            areaM2 = 1, usableRacks = 1 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("所属单位不存在或不在您的权限范围内", theirs.FieldError("organisationId"));
        var bureau = await app.SignInAsync("bureau");
        Assert.Contains((await (await bureau.GetAsync("/api/v1/datacenters?pageSize=200", Ct)).ReadAsync<Paged<DataCenterDto>>()).Items, d => d.Id == centre.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).PostJsonAsync("/api/v1/datacenters", Centre("y"))).StatusCode);
    }

    [Fact]
    public async Task R_19_1_extending_a_lease_is_refused_and_recorded_as_a_violation()
    {
        var edu = await app.SignInAsync("edu");
        var noLease = await (await edu.PostJsonAsync("/api/v1/datacenters", new { name = "租用机房", kind = DataCenterKind.Leased, areaM2 = 20, usableRacks = 4 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("出租方不能为空", noLease.FieldError("lessor"));
        Assert.Equal("请填写租用合约的起止日期", noLease.FieldError("leaseEnd"));
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", Centre("租用机房" + Guid.NewGuid().ToString("N")[..6], DataCenterKind.Leased)))
            .ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        var refused = await (await edu.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", WithVersion(Centre(centre.Name, DataCenterKind.Leased, leaseEnd: "2028-06-30"),
            centre.Version))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("租用合约期不得延长（原至 2027-06-30，拟至 2028-06-30），已记为违规事项", refused.Detail);
        Assert.Equal(new DateOnly(2027, 6, 30), (await (await edu.GetAsync($"/api/v1/datacenters/{centre.Id}", Ct)).ReadAsync<DataCenterDto>()).LeaseEnd);
        var violations = await (await (await app.SignInAsync("bureau")).GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>();
        var v = Assert.Single(violations, x => x.DataCenterId == centre.Id);
        Assert.Equal((ViolationKind.LeaseExtension, "延长租用合约"), (v.Kind, v.KindName));
        // Ending earlier is allowed.
        var shorter = await (await edu.PutJsonAsync($"/api/v1/datacenters/{centre.Id}", WithVersion(Centre(centre.Name, DataCenterKind.Leased, leaseEnd: "2027-03-31"), centre.Version)))
            .ReadAsync<DataCenterDto>();
        Assert.Equal(new DateOnly(2027, 3, 31), shorter.LeaseEnd);
    }

    [Fact]
    public async Task R_4_1_the_bureau_records_a_purchase_of_third_party_cloud_services()
    {
        var edu = await app.SignInAsync("edu");
        var me = await (await edu.GetAsync("/api/v1/me", Ct)).ReadAsync<MeBody>();
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostJsonAsync("/api/v1/datacenters/violations", new { organisationId = me.OrganisationId,
            kind = ViolationKind.ThirdPartyCloudPurchase, occurredOn = "2026-05-01", description = "x" })).StatusCode);
        var bureau = await app.SignInAsync("bureau");
        var missing = await (await bureau.PostJsonAsync("/api/v1/datacenters/violations", new { organisationId = me.OrganisationId })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请选择违规类型", missing.FieldError("kind"));
        Assert.Equal("情况说明不能为空", missing.FieldError("description"));
        var recorded = await (await bureau.PostJsonAsync("/api/v1/datacenters/violations", new
        {
            organisationId = me.OrganisationId, kind = ViolationKind.ThirdPartyCloudPurchase, occurredOn = "2026-05-01", description = "采购某公有云主机 3 台",
            followUp = "已约谈，限期迁回政务云",
        })).ReadAsync<ViolationDto>(HttpStatusCode.Created);
        Assert.Equal(("购买第三方云服务", false), (recorded.KindName, recorded.Resolved));
        Assert.Contains((await (await edu.GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>()), x => x.Id == recorded.Id);
        Assert.DoesNotContain((await (await (await app.SignInAsync("health")).GetAsync("/api/v1/datacenters/violations", Ct)).ReadAsync<List<ViolationDto>>()),
            x => x.Id == recorded.Id);
    }

    private sealed record MeBody(MeOrg Organisation)
    {
        public Guid OrganisationId => Organisation.Id;
    }

    private sealed record MeOrg(Guid Id);

    private static Dictionary<string, object?> WithVersion(object body, long version)
    {
        var d = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        d["version"] = version;
        return d;
    }
}

public sealed class DataCentersApiOnSqlite(SqliteApp app) : DataCentersApiTests(app), IClassFixture<SqliteApp>;
public sealed class DataCentersApiOnPostgres(PostgresApp app) : DataCentersApiTests(app), IClassFixture<PostgresApp>;
