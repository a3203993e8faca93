using System.Net;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Provisioning;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task R_4_2_a_new_or_upgraded_system_is_built_on_the_cloud_unless_the_Bureau_records_an_exception()
    {
        // Art. 4: 新建、升级改造的非涉密信息系统原则上部署在柳州市政务云.
        var edu = await app.SignInAsync("edu");
        var tag = Guid.NewGuid().ToString("N")[..6];
        object New(string name, SystemKind kind, SystemLocation location, string? offCloudReason = null, Guid? organisationId = null) =>
            new { organisationId, name, vendor = "广西某软件公司", kind, location, offCloudReason };
        var refused = await (await edu.PostJsonAsync("/api/v1/systems", New("视频会商" + tag, SystemKind.New, SystemLocation.Elsewhere))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("新建的系统须部署在政务云（细则第四条）", refused.FieldError("location"));
        var selfExcused = await (await edu.PostJsonAsync("/api/v1/systems", New("视频会商" + tag, SystemKind.Upgraded, SystemLocation.UncertifiedDataCenter, "我们自己机房够用")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("例外由大数据局审批人员登记", selfExcused.FieldError("offCloudReason"));
        var onCloud = await (await edu.PostJsonAsync("/api/v1/systems", New("智慧教育" + tag, SystemKind.New, SystemLocation.OnCloud))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        Assert.Equal(SystemLifecycle.PendingMigration, onCloud.Lifecycle); // to be built there: not yet on the cloud
        await (await edu.PostJsonAsync("/api/v1/systems", New("老系统" + tag, SystemKind.Existing, SystemLocation.Elsewhere))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);

        // The Bureau records the exception, with its reason; the agency keeps editing the system afterwards.
        var bureau = await app.SignInAsync("bureau");
        var me = await (await edu.GetAsync($"/api/v1/systems/{onCloud.Id}", Ct)).ReadAsync<InfoSystemDto>();
        var excused = await (await bureau.PostJsonAsync("/api/v1/systems", New("涉敏视频会商" + tag, SystemKind.New, SystemLocation.UncertifiedDataCenter,
            "与公安专网物理隔离，经研究暂不上云", me.OrganisationId))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        Assert.Equal(("与公安专网物理隔离，经研究暂不上云", "bureau"), (excused.OffCloudReason, excused.OffCloudBy));
        var edited = await (await edu.PutJsonAsync($"/api/v1/systems/{excused.Id}", new
        {
            name = excused.Name, vendor = "另一家公司", kind = SystemKind.New, location = SystemLocation.UncertifiedDataCenter, version = excused.Version,
        })).ReadAsync<InfoSystemDto>();
        Assert.Equal(("另一家公司", "与公安专网物理隔离，经研究暂不上云"), (edited.Vendor, edited.OffCloudReason));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "SystemOffCloudException" && a.EntityId == excused.Id.ToString(), Ct)));
        // Every exception is listed for the Bureau.
        var listed = await (await bureau.GetAsync("/api/v1/systems?offCloud=true&pageSize=200", Ct)).ReadAsync<Paged<InfoSystemDto>>();
        Assert.Contains(listed.Items, x => x.Id == excused.Id);
        Assert.All(listed.Items, x => Assert.NotNull(x.OffCloudReason));
    }

    [Fact]
    public async Task R_30_1_the_migration_rate_counts_what_the_inventory_shows_not_what_a_system_says_of_itself()
    {
        // Art. 30 evaluates 迁移上云率: a system entered as "on the cloud" with nothing in the inventory is not migrated.
        var bureau = await app.SignInAsync("bureau");
        var agency = await OrgAsync("市水利局");
        var said = await (await bureau.PostJsonAsync("/api/v1/systems", System("水情监测", SystemLocation.OnCloud, agency))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        await (await bureau.PostJsonAsync("/api/v1/systems", System("防汛指挥", SystemLocation.UncertifiedDataCenter, agency))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var rates = await (await bureau.GetAsync("/api/v1/systems/migration-rates", Ct)).ReadAsync<List<MigrationRateDto>>();
        var water = rates.Single(r => r.OrganisationName == "市水利局");
        Assert.Equal((2, 0, 0.0), (water.Systems, water.Migrated, water.Rate));
        Assert.Equal((SystemLocation.OnCloud, (SystemLocation?)null, false), (said.Location, said.VerifiedLocation, said.Migrated));

        // A system whose VMs go into formal use counts from that day; in trial it does not yet.
        var (edu, center, a, trial) = await app.InTrialAsync();
        Assert.False((await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}", Ct)).ReadAsync<InfoSystemDto>()).Migrated);
        var trialUrl = $"/api/v1/applications/{a.Id}/trial";
        trial = await (await (await app.SignInAsync("edusec")).PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await center.PostJsonAsync($"{trialUrl}/agreement", new { version = trial.Version })).ReadAsync<TrialDto>();
        trial = await (await edu.PostJsonAsync($"{trialUrl}/result", new { result = "Passed", version = trial.Version })).ReadAsync<TrialDto>();
        await (await center.PostJsonAsync($"{trialUrl}/go-live", new { version = trial.Version })).ReadAsync<TrialDto>();
        var live = await (await edu.GetAsync($"/api/v1/systems/{a.SystemId}", Ct)).ReadAsync<InfoSystemDto>();
        Assert.Equal((true, (SystemLocation?)SystemLocation.OnCloud, "政务云"), (live.Migrated, live.VerifiedLocation, live.VerifiedLocationName));

        var export = await bureau.GetAsync($"/api/v1/systems/export?organisationId={agency}", Ct);
        await using var stream = await export.Content.ReadAsStreamAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["水情监测", "防汛指挥"], rows.Select(r => r["系统名称"]?.ToString()).Order());
        Assert.Contains(rows, r => (string)r["状态"] == "已上云");
        Assert.All(rows, r => Assert.Equal(("未核实", "否"), ((string)r["核实部署位置"], (string)r["计入已迁移"])));
    }

    private static async Task<MultipartFormDataContent> SheetAsync(params Dictionary<string, object?>[] rows)
    {
        var content = new MultipartFormDataContent();
        var bytes = await ExcelExport.ToXlsxAsync(rows.Select(r => (IDictionary<string, object?>)r), "信息系统台账", Ct);
        content.Add(new ByteArrayContent(bytes), "file", "台账.xlsx");
        return content;
    }

    private static Dictionary<string, object?> Row(string name, string kind = "存量", string location = "未认定的自建数据中心", object? level = null,
        string? mobile = null, string? org = null) => new()
    {
        ["所属单位"] = org, ["系统名称"] = name, ["子系统"] = null, ["类型"] = kind, ["等保级别"] = level, ["部署位置"] = location, ["状态"] = null,
        ["开发商"] = "广西某软件公司", ["开发商联系人"] = "赵六", ["联系人手机"] = mobile, ["联系人邮箱"] = null,
    };

    [Fact]
    public async Task R_4_2_the_register_is_imported_from_excel_or_refused_by_row_and_column_without_change()
    {
        var health = await app.SignInAsync("health");
        var existing = await (await health.PostJsonAsync("/api/v1/systems", System("医保结算平台"))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);

        var bad = await health.PostAsync("/api/v1/systems/import", await SheetAsync(
            Row("新系统甲"), Row("新系统乙", kind: "外购", mobile: "123"), Row("越权系统", org: "市教育局"), Row("新系统甲")), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        using (var body = global::System.Text.Json.JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)))
        {
            var errors = body.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString()!)).ToList();
            Assert.Contains(errors, e => e.Item1 == 3 && e.Item2 == "D" && e.Item3.StartsWith("类型“外购”"));
            Assert.Contains(errors, e => e.Item1 == 3 && e.Item2 == "J" && e.Item3 == "开发商联系人手机号码须为 11 位数字");
            Assert.Contains(errors, e => e.Item1 == 4 && e.Item2 == "A" && e.Item3.Contains("市教育局"));
            Assert.Contains(errors, e => e.Item1 == 5 && e.Item2 == "B" && e.Item3 == "表中“新系统甲”重复出现");
        }
        var names = (await (await health.GetAsync("/api/v1/systems?pageSize=200", Ct)).ReadAsync<Paged<InfoSystemDto>>()).Items.Select(x => x.Name).ToList();
        Assert.DoesNotContain("新系统甲", names);

        var result = await (await health.PostAsync("/api/v1/systems/import", await SheetAsync(
            Row("新系统甲", level: "二级"), Row("医保结算平台", location: "政务云", level: 3)), Ct)).ReadAsync<SystemImportResult>();
        Assert.Equal(new SystemImportResult(1, 1, 0), result);
        var updated = await (await health.GetAsync($"/api/v1/systems/{existing.Id}", Ct)).ReadAsync<InfoSystemDto>();
        Assert.Equal((SystemLocation.OnCloud, 3, existing.Version + 1), (updated.Location, updated.MlpsLevel, updated.Version));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SystemsImported", Ct)));

        var xls = new MultipartFormDataContent { { new ByteArrayContent([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]]), "file", "台账.xls" } };
        Assert.Contains("另存为", await (await health.PostAsync("/api/v1/systems/import", xls, Ct)).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task R_30_1_the_rates_are_kept_per_month_once_and_each_agency_reads_its_own()
    {
        var bureau = await app.SignInAsync("bureau");
        var agency = await OrgAsync("市商务局");
        await (await bureau.PostJsonAsync("/api/v1/systems", System("外贸监测", SystemLocation.OnCloud, agency))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        Assert.True(await (await bureau.PostAsync("/api/v1/systems/migration-rates/snapshot", null, Ct)).ReadAsync<int>() >= 1);
        var month = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM");
        var history = await (await bureau.GetAsync($"/api/v1/systems/migration-rates/history?from={month}&to={month}", Ct)).ReadAsync<List<MigrationSnapshotDto>>();
        // Entered as on the cloud, not in the inventory: recorded as not migrated.
        Assert.Equal((1, 0, 0.0), history.Where(h => h.OrganisationName == "市商务局").Select(h => (h.Systems, h.Migrated, h.Rate!.Value)).Single());

        var edu = await app.SignInAsync("edu");
        Assert.Equal(HttpStatusCode.Forbidden, (await edu.PostAsync("/api/v1/systems/migration-rates/snapshot", null, Ct)).StatusCode);
        Assert.All((await (await edu.GetAsync("/api/v1/systems/migration-rates/history", Ct)).ReadAsync<List<MigrationSnapshotDto>>()), h => Assert.Equal("市教育局", h.OrganisationName));

        // The job records last month once, whichever instance runs first.
        await using var scope = app.Services.CreateAsyncScope();
        var snapshots = scope.ServiceProvider.GetRequiredService<MigrationSnapshots>();
        await snapshots.EnsureLastMonthAsync(Ct);
        Assert.Equal(0, await snapshots.EnsureLastMonthAsync(Ct));
        var last = ChinaTime.Today(TimeProvider.System).AddMonths(-1).ToString("yyyy-MM");
        Assert.True(await app.WithDbAsync(db => db.MigrationRateSnapshots.AnyAsync(s => s.Month == last, Ct)));
    }
}

public sealed class SystemsApiOnSqlite(SqliteApp app) : SystemsApiTests(app), IClassFixture<SqliteApp>;
public sealed class SystemsApiOnPostgres(PostgresApp app) : SystemsApiTests(app), IClassFixture<PostgresApp>;
