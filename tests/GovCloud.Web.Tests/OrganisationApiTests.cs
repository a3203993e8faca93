using System.Net;
using GovCloud.Domain.Organisations;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Data;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>The organisation tree: validation in Chinese, optimistic concurrency, and scope .</summary>
public abstract class OrganisationApiTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<OrganisationDto> FindAsync(HttpClient client, string name) =>
        (await (await client.GetAsync($"/api/v1/organisations?q={Uri.EscapeDataString(name)}", Ct)).ReadAsync<Paged<OrganisationDto>>())
        .Items.Single(o => o.Name == name);

    [Fact]
    public async Task The_admin_creates_an_agency_and_the_change_is_audited()
    {
        var admin = await app.SignInAsync("admin");
        var code = DemoData.SampleCreditCode("450200", 900);
        var created = await (await admin.PostJsonAsync("/api/v1/organisations", new
        {
            name = "市体育局", type = OrganisationType.Agency, creditCode = code, fundingType = FundingType.FullyFunded,
            contactName = "张三", contactPhone = "13800000000",
        })).ReadAsync<OrganisationDto>(HttpStatusCode.Created);
        Assert.Equal("市直使用单位", created.TypeName);
        Assert.Equal("财政全额拨款", created.FundingTypeName);

        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == created.Id.ToString()).ToListAsync(Ct));
        var entry = Assert.Single(audited);
        Assert.Equal("OrganisationCreated", entry.Action);
        Assert.Equal("admin", entry.ActorName);
        Assert.Contains("市体育局", entry.After);
    }

    [Fact]
    public async Task A_bad_credit_code_is_refused_by_field_in_chinese_and_nothing_is_saved()
    {
        var admin = await app.SignInAsync("admin");
        var before = await app.WithDbAsync(db => db.Organisations.CountAsync(Ct));
        var problem = await (await admin.PostJsonAsync("/api/v1/organisations", new
        {
            name = "市测试局", type = OrganisationType.Agency, creditCode = "91350100M000100Y44", fundingType = FundingType.Other,
            contactEmail = "not-an-email",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("统一社会信用代码校验位不正确", problem.FieldError("creditCode"));
        Assert.Equal("邮箱格式不正确", problem.FieldError("contactEmail"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Organisations.CountAsync(Ct)));
    }

    [Fact]
    public async Task Missing_name_type_and_funding_are_all_reported_at_once()
    {
        var admin = await app.SignInAsync("admin");
        var problem = await (await admin.PostJsonAsync("/api/v1/organisations", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("单位名称不能为空", problem.FieldError("name"));
        Assert.Equal("请选择单位类型", problem.FieldError("type"));
    }

    [Fact]
    public async Task A_county_department_needs_its_county()
    {
        var admin = await app.SignInAsync("admin");
        var bureau = await FindAsync(admin, "市大数据发展局");
        var problem = await (await admin.PostJsonAsync("/api/v1/organisations", new
        {
            name = "某县某局", type = OrganisationType.CountyDepartment, parentId = bureau.Id, creditCode = DemoData.SampleCreditCode("450223", 99),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("县区部门须选择所属县区", problem.FieldError("parentId"));
    }

    [Fact]
    public async Task Duplicate_names_and_codes_are_refused()
    {
        var admin = await app.SignInAsync("admin");
        var edu = await FindAsync(admin, "市教育局");
        var problem = await (await admin.PostJsonAsync("/api/v1/organisations", new
        {
            name = "市教育局", type = OrganisationType.Agency, creditCode = edu.CreditCode, fundingType = FundingType.FullyFunded,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("单位名称“市教育局”已存在", problem.FieldError("name"));
        Assert.Equal("该统一社会信用代码已被其他单位使用", problem.FieldError("creditCode"));
    }

    [Fact]
    public async Task A_stale_version_gets_409_and_changes_nothing()
    {
        var admin = await app.SignInAsync("admin");
        var org = await FindAsync(admin, "市水利局");
        var input = new
        {
            name = org.Name, type = org.Type, creditCode = org.CreditCode, fundingType = org.FundingType,
            contactName = "第一次修改", isActive = true, version = org.Version,
        };
        var first = await (await admin.PutJsonAsync($"/api/v1/organisations/{org.Id}", input)).ReadAsync<OrganisationDto>();
        Assert.Equal(org.Version + 1, first.Version);

        var stale = await (await admin.PutJsonAsync($"/api/v1/organisations/{org.Id}", input with { contactName = "第二次修改" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", stale.Detail);
        Assert.Equal("第一次修改", (await FindAsync(admin, "市水利局")).ContactName);
    }

    [Fact]
    public async Task An_agency_sees_only_itself_and_another_agency_is_not_found()
    {
        var edu = await app.SignInAsync("edu");
        var list = await (await edu.GetAsync("/api/v1/organisations", Ct)).ReadAsync<Paged<OrganisationDto>>();
        Assert.Equal(["市教育局"], list.Items.Select(o => o.Name));

        var health = await FindAsync(await app.SignInAsync("health"), "市卫生健康委员会");
        var crossing = await edu.GetAsync($"/api/v1/organisations/{health.Id}", Ct);
        Assert.Equal("未找到", (await crossing.ProblemAsync(HttpStatusCode.NotFound)).Title);
    }

    [Fact]
    public async Task A_county_sees_its_departments_and_not_the_other_county()
    {
        var county = await app.SignInAsync("liujiang");
        var names = (await (await county.GetAsync("/api/v1/organisations", Ct)).ReadAsync<Paged<OrganisationDto>>()).Items.Select(o => o.Name).ToList();
        Assert.Contains("柳江区人民政府", names);
        Assert.Contains("柳江区教育局", names);
        Assert.DoesNotContain("鹿寨县教育局", names);
        Assert.DoesNotContain("市教育局", names);
    }

    [Fact]
    public async Task Only_the_system_administrator_changes_organisations()
    {
        var bureau = await app.SignInAsync("bureau");
        var problem = await (await bureau.PostJsonAsync("/api/v1/organisations", new { name = "市某局", type = OrganisationType.Agency }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("只有系统管理员可以使用此功能", problem.Detail);
    }

    [Fact]
    public async Task The_list_exports_to_excel_with_chinese_headers()
    {
        var admin = await app.SignInAsync("admin");
        var response = await admin.GetAsync("/api/v1/organisations/export?type=County", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["柳江区人民政府", "鹿寨县人民政府"], rows.Select(r => r["单位名称"]?.ToString()).Order());
        Assert.All(rows, r => Assert.Equal("县区政府", r["类型"]));
    }
}

public sealed class OrganisationApiOnSqlite(SqliteApp app) : OrganisationApiTests(app), IClassFixture<SqliteApp>;
public sealed class OrganisationApiOnPostgres(PostgresApp app) : OrganisationApiTests(app), IClassFixture<PostgresApp>;
