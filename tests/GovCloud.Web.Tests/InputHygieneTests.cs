using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovCloud.Domain.Applications;
using GovCloud.Domain.DataCenters;
using GovCloud.Domain.Organisations;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Features.DataCenters;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Features.Users;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Data;
using GovCloud.Web.Tests.Support;

namespace GovCloud.Web.Tests;

/// <summary>
/// What users type and upload, as an attacker would type it: invisible and control characters, dates of year 1 and
/// 9999, and names that a spreadsheet program would run as formulas.
/// </summary>
public abstract class InputHygieneTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object System(string name) => new
    {
        name, vendor = "广西某软件有限公司", kind = SystemKind.New, location = SystemLocation.OnCloud,
    };

    [Theory]
    [InlineData("\u200B\u200B")]      // zero-width spaces
    [InlineData("\u202E\u202C")]      // a bidi override and its end
    [InlineData("\u0000\r\n\t")]      // NUL and line breaks
    [InlineData("\uFEFF \u3000")]     // a byte-order mark and spaces
    public async Task A_name_of_only_invisible_or_control_characters_is_no_name(string name)
    {
        var edu = await app.SignInAsync("edu");
        var problem = await (await edu.PostJsonAsync("/api/v1/systems", System(name))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("系统名称不能为空", problem.FieldError("name"));
    }

    [Fact]
    public async Task Control_and_format_characters_are_taken_out_of_names_and_line_breaks_made_spaces()
    {
        var edu = await app.SignInAsync("edu");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var created = await (await edu.PostJsonAsync("/api/v1/systems", System($"\u202E智慧\u0000校园\r\n平台\u200B{tag}")))
            .ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        Assert.Equal($"智慧校园 平台{tag}", created.Name);

        var admin = await app.SignInAsync("admin");
        var org = (await (await admin.GetAsync("/api/v1/organisations?q=" + Uri.EscapeDataString("市教育局"), Ct)).ReadAsync<Paged<OrganisationDto>>()).Items.First();
        var user = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "clean" + tag, displayName = "\u202E王\u200B五\n", organisationId = org.Id, roles = new[] { Role.AgencyOperator },
        })).ReadAsync<UserWithPassword>(HttpStatusCode.Created);
        Assert.Equal("王五", user.User.DisplayName);
    }

    [Fact]
    public async Task A_file_name_with_a_bidi_override_is_kept_as_what_it_really_is()
    {
        var (edu, a) = await app.DraftAsync();
        // Displayed, "\u202Egpj.exe.pdf" reads "fdp.exe.jpg"-like nonsense that hides the real extension.
        var added = await (await edu.PostAsync($"/api/v1/applications/{a.Id}/attachments",
            ApplicationKit.File(ApplicationKit.Pdf, "\u202Egpj.exe.pdf\u0000", kind: AttachmentKind.MigrationPlan), Ct)).ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal("gpj.exe.pdf", added.FileName);
        Assert.All(added.FileName, c => Assert.False(char.IsControl(c) || char.GetUnicodeCategory(c) == global::System.Globalization.UnicodeCategory.Format));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Dates_of_year_1_or_9999_are_refused_wherever_they_are_typed(string date)
    {
        var edu = await app.SignInAsync("edu");
        var centre = await (await edu.PostJsonAsync("/api/v1/datacenters", new
        {
            name = "机房" + Guid.NewGuid().ToString("N")[..6], kind = DataCenterKind.Leased, address = "柳州", areaM2 = 30m, existingRacks = 3, usableRacks = 3,
            roomClass = RoomClass.C, lessor = "某 IDC 公司", leaseStart = date, leaseEnd = date, lastAssessmentOn = date,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("须在 1990-01-01 至", centre.FieldErrors("leaseStart"));
        Assert.Contains("须在 1990-01-01 至", centre.FieldErrors("leaseEnd"));
        Assert.Contains("须在 1990-01-01 至", centre.FieldErrors("lastAssessmentOn"));

        var bureau = await app.SignInAsync("bureau");
        var eduOrg = await app.WithDbAsync(db => Task.FromResult(db.Organisations.Single(o => o.Name == "市教育局").Id));
        var violation = await (await bureau.PostJsonAsync("/api/v1/datacenters/violations", new
        {
            organisationId = eduOrg, kind = ViolationKind.LeaseExtension, occurredOn = date, description = "续租",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("须在 1990-01-01 至", violation.FieldErrors("occurredOn"));

        var price = await (await bureau.PostJsonAsync("/api/v1/catalog/load-balancer/prices", new
        {
            component = "instance", unitPrice = 100m, effectiveFrom = date,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(price.FieldError("effectiveFrom"));
        if (date.StartsWith("9999")) Assert.Contains("须在 1990-01-01 至", price.FieldErrors("effectiveFrom"));
    }

    [Fact]
    public async Task No_export_holds_a_cell_that_a_spreadsheet_program_would_run_as_a_formula()
    {
        var evil = "=HYPERLINK(\"http://evil.example\",\"点击\")";
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await app.SignInAsync("admin");
        await (await admin.PostJsonAsync("/api/v1/organisations", new
        {
            name = "@市测试局" + tag, type = OrganisationType.Agency, creditCode = DemoData.SampleCreditCode("450200", Random.Shared.Next(6000, 9000)),
            fundingType = FundingType.FullyFunded, contactName = "+张三",
        })).ReadAsync<OrganisationDto>(HttpStatusCode.Created);
        var edu = await app.SignInAsync("edu");
        var system = await (await edu.PostJsonAsync("/api/v1/systems", System(evil + tag))).ReadAsync<InfoSystemDto>(HttpStatusCode.Created);
        var a = await (await edu.PostJsonAsync("/api/v1/applications", new { systemId = system.Id, purpose = "-新建", contacts = ApplicationKit.Contacts }))
            .ReadAsync<ApplicationDto>(HttpStatusCode.Created);
        a = await ApplicationKit.ImportAsync(edu, a, ApplicationKit.Vm(1, system.Name) with { Remarks = "+1+1", SubsystemName = "-门户" }, ApplicationKit.Vm(2, system.Name));
        await (await edu.PostJsonAsync("/api/v1/datacenters", new
        {
            name = "-机房" + tag, kind = DataCenterKind.SelfBuilt, address = "=A1", areaM2 = 30m, existingRacks = 3, usableRacks = 3, roomClass = RoomClass.C,
            inServiceSince = "2015-01-01",
        })).ReadAsync<DataCenterDto>(HttpStatusCode.Created);
        await app.InTrialAsync();

        var auditor = await app.SignInAsync("auditor");
        var center = await app.SignInAsync("center");
        var bureau = await app.SignInAsync("bureau");
        var files = new Dictionary<string, (HttpClient Client, string Url)>
        {
            ["单位"] = (admin, "/api/v1/organisations/export"),
            ["用户"] = (admin, "/api/v1/users/export"),
            ["台账"] = (edu, "/api/v1/systems/export"),
            ["申请"] = (edu, "/api/v1/applications/export"),
            ["需求表"] = (edu, $"/api/v1/applications/{a.Id}/request-form.xlsx"),
            ["数据中心"] = (edu, "/api/v1/datacenters/export"),
            ["资源台账"] = (center, "/api/v1/inventory/vms/export"),
            ["时限看板"] = (bureau, "/api/v1/deadlines/dashboard/export"),
            ["审计"] = (auditor, "/api/v1/audit/export"),
        };
        var found = new List<string>();
        foreach (var (what, (client, url)) in files)
        {
            var response = await client.GetAsync(url, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode}");
            using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
            var strings = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            foreach (var sheet in document.WorkbookPart.WorksheetParts)
                foreach (var cell in sheet.Worksheet.Descendants<Cell>())
                {
                    Assert.True(cell.CellFormula is null, $"{what} {cell.CellReference}: formula");
                    var text = cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text)]
                        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                        : cell.DataType?.Value == CellValues.String ? cell.CellValue?.Text ?? "" : "";
                    Assert.False(text.Length > 0 && text[0] is '=' or '+' or '-' or '@', $"{what} {cell.CellReference}: {text}");
                    if (text.StartsWith('\'')) found.Add(what);
                }
        }
        // The hostile names did reach the files, behind the apostrophe.
        Assert.Superset(new HashSet<string> { "单位", "台账", "申请", "需求表", "数据中心" }, found.ToHashSet());
    }
}

public sealed class InputHygieneOnSqlite(SqliteApp app) : InputHygieneTests(app), IClassFixture<SqliteApp>;
public sealed class InputHygieneOnPostgres(PostgresApp app) : InputHygieneTests(app), IClassFixture<PostgresApp>;
