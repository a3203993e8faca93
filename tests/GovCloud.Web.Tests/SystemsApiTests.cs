using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>R-4.2: the register of each agency's systems, its scope and its migration rate, on both databases.</summary>
public abstract class SystemsApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> OrgAsync(string name)
    {
        var admin = await app.SignInAsync("admin");
        return (await (await admin.GetAsync($"/api/v1/organisations?q={Uri.EscapeDataString(name)}", Ct)).ReadAsync<Paged<OrganisationDto>>())
            .Items.Single(o => o.Name == name).Id;
    }

    private static object System(string name, SystemLocation location = SystemLocation.UncertifiedDataCenter, Guid? organisationId = null) => new
    {
        organisationId, name, subsystems = "门户，统一身份认证、数据中台", vendor = "广西某软件公司", vendorContactName = "赵六",
        vendorContactMobile = "13700000000", vendorContactEmail = "zhaoliu@vendor.cn", kind = SystemKind.Existing, mlpsLevel = 2, location,
    };

    [Fact]
    public async Task An_agency_registers_its_system_and_other_agencies_cannot_see_it()
    {
        var edu = await app.SignInAsync("edu");
        var created = await (await edu.PostJsonAsync("/api/v1/systems", System("教育资源公共服务平台"))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        Assert.Equal("市教育局", created.OrganisationName);
        Assert.Equal("门户、统一身份认证、数据中台", created.Subsystems);
        Assert.Equal(SystemLifecycle.PendingMigration, created.Lifecycle);
        Assert.Equal("待迁移", created.LifecycleName);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SystemRegistered" && a.EntityId == created.Id.ToString(), Ct)));

        var health = await app.SignInAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/systems/{created.Id}", Ct)).StatusCode);
        Assert.DoesNotContain((await (await health.GetAsync("/api/v1/systems", Ct)).ReadAsync<Paged<InfoSystemDto>>()).Items, s => s.Id == created.Id);
        var update = await health.PutJsonAsync($"/api/v1/systems/{created.Id}", new { name = "改名", kind = SystemKind.New, location = SystemLocation.OnCloud, version = 0 });
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);

        var bureau = await app.SignInAsync("bureau");
        Assert.Contains((await (await bureau.GetAsync("/api/v1/systems?pageSize=200", Ct)).ReadAsync<Paged<InfoSystemDto>>()).Items, s => s.Id == created.Id);
    }

    [Fact]
    public async Task A_county_registers_for_its_departments_but_not_for_a_municipal_agency()
    {
        var county = await app.SignInAsync("liujiang");
        var department = await OrgAsync("柳江区教育局");
        var created = await (await county.PostJsonAsync("/api/v1/systems", System("柳江区智慧教育平台", organisationId: department))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        Assert.Equal("柳江区教育局", created.OrganisationName);

        var refused = await (await county.PostJsonAsync("/api/v1/systems", System("越权登记", organisationId: await OrgAsync("市教育局")))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("所属单位不存在或不在您的权限范围内", refused.FieldError("organisationId"));
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_a_stale_edit_gets_409()
    {
        var edu = await app.SignInAsync("edu");
        var problem = await (await edu.PostJsonAsync("/api/v1/systems", new { name = "", mlpsLevel = 7, vendorContactMobile = "123", vendorContactEmail = "x" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("系统名称不能为空", problem.FieldError("name"));
        Assert.Equal("等保级别须为 1 至 5 级", problem.FieldError("mlpsLevel"));
        Assert.NotNull(problem.FieldError("kind"));
        Assert.NotNull(problem.FieldError("location"));
        Assert.NotNull(problem.FieldError("vendorContactMobile"));
        Assert.NotNull(problem.FieldError("vendorContactEmail"));

        var created = await (await edu.PostJsonAsync("/api/v1/systems", System("学籍管理系统"))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var duplicate = await (await edu.PostJsonAsync("/api/v1/systems", System("学籍管理系统"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("本单位已登记名为“学籍管理系统”的系统", duplicate.FieldError("name"));

        var change = new { name = "学籍管理系统", kind = SystemKind.Existing, location = SystemLocation.OnCloud, lifecycle = SystemLifecycle.OnCloud, version = created.Version };
        Assert.Equal(SystemLifecycle.OnCloud, (await (await edu.PutJsonAsync($"/api/v1/systems/{created.Id}", change)).ReadAsync<InfoSystemDto>()).Lifecycle);
        Assert.Contains("已被他人修改", (await (await edu.PutJsonAsync($"/api/v1/systems/{created.Id}", change)).ProblemAsync(HttpStatusCode.Conflict)).Detail);

        var finance = await app.SignInAsync("finance");
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostJsonAsync("/api/v1/systems", System("财政系统"))).StatusCode);
    }

    [Fact]
    public async Task R_30_1_the_migration_rate_counts_systems_on_the_cloud()
    {
        var bureau = await app.SignInAsync("bureau");
        var agency = await OrgAsync("市水利局");
        await (await bureau.PostJsonAsync("/api/v1/systems", System("水情监测", SystemLocation.OnCloud, agency))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        await (await bureau.PostJsonAsync("/api/v1/systems", System("防汛指挥", SystemLocation.UncertifiedDataCenter, agency))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var rates = await (await bureau.GetAsync("/api/v1/systems/migration-rates", Ct)).ReadAsync<List<MigrationRateDto>>();
        var water = rates.Single(r => r.OrganisationName == "市水利局");
        Assert.Equal((2, 1, 0.5), (water.Systems, water.Migrated, water.Rate));

        var export = await bureau.GetAsync($"/api/v1/systems/export?organisationId={agency}", Ct);
        await using var stream = await export.Content.ReadAsStreamAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["水情监测", "防汛指挥"], rows.Select(r => r["系统名称"]?.ToString()).Order());
        Assert.Contains(rows, r => (string)r["状态"] == "已上云");
    }
}

public sealed class SystemsApiOnSqlite(SqliteApp app) : SystemsApiTests(app), IClassFixture<SqliteApp>;
public sealed class SystemsApiOnPostgres(PostgresApp app) : SystemsApiTests(app), IClassFixture<PostgresApp>;
