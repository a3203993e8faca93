using System.Net;
using System.Text;
using System.Text.Json;
using GovCloud.Web.Tests.Support;

namespace GovCloud.Web.Tests;

/// <summary>Health, OpenAPI, problem details for every error, security headers.</summary>
public abstract class PlatformTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live", Ct));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready", Ct));
    }

    [Fact]
    public async Task The_openapi_document_names_summarises_and_tags_every_endpoint()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out _));
        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).ToList();
        Assert.True(operations.Count >= 15, $"only {operations.Count} operations");
        foreach (var op in operations)
        {
            Assert.True(op.Value.TryGetProperty("operationId", out _), $"{op.Name} has no name");
            Assert.True(Http.HasChinese(op.Value.GetProperty("summary").GetString()), $"{op.Name} has no Chinese summary");
            Assert.True(op.Value.GetProperty("tags").GetArrayLength() > 0);
        }
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/scalar", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_chinese_404()
    {
        var client = await app.SignInAsync("edu");
        var problem = await (await client.GetAsync("/api/v1/no-such-thing", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("未找到", problem.Title);
    }

    [Fact]
    public async Task Malformed_json_is_a_chinese_400_never_a_500()
    {
        var client = await app.SignInAsync("admin");
        var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");
        var problem = await (await client.PostAsync("/api/v1/organisations", content, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请求格式不正确", problem.Title);

        var wrongType = new StringContent("{\"name\": 42, \"type\": \"NoSuchType\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/v1/organisations", wrongType, Ct)).StatusCode);

        var badQuery = await client.GetAsync("/api/v1/organisations?type=NoSuchType", Ct);
        Assert.True(Http.HasChinese((await badQuery.ProblemAsync(HttpStatusCode.BadRequest)).Title));
    }

    [Fact]
    public async Task Every_api_call_needs_a_signed_in_user()
    {
        var client = app.CreateClient();
        foreach (var url in new[] { "/api/v1/me", "/api/v1/organisations", "/api/v1/users", "/api/v1/audit" })
            Assert.Equal("未登录或登录已过期", (await (await client.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.Unauthorized)).Title);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/account/login", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        // Script from the site only; of inline script, only AntDesign's tab handler by its hash (no 'unsafe-inline').
        Assert.Contains("script-src 'self' 'unsafe-hashes' 'sha256-3TGu3MXeXy11eUrHvptBo1UVsvdEkIojBrR41fi1sqM=';", csp);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src")));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_page_that_needs_sign_in_redirects_to_the_sign_in_page()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/users", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }
}

public sealed class PlatformOnSqlite(SqliteApp app) : PlatformTests(app), IClassFixture<SqliteApp>;
public sealed class PlatformOnPostgres(PostgresApp app) : PlatformTests(app), IClassFixture<PostgresApp>;

/// <summary>Sign-in attempts are rate limited per client address.</summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_in_chinese()
    {
        await using var app = new GovCloudApp(Provider.Sqlite, settings: new Dictionary<string, string?> { ["GovCloud:Security:SignInAttemptsPerMinute"] = "3" });
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/v1/auth/token", new { userName = "x", password = "Wrong#Pass123" })).StatusCode);
        var limited = await (await client.PostJsonAsync("/api/v1/auth/token", new { userName = "x", password = "Wrong#Pass123" }))
            .ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("请求过于频繁，请稍后再试", limited.Title);
    }

    [Fact]
    public async Task Showing_the_sign_in_page_is_not_an_attempt_and_a_person_over_the_limit_is_told_in_chinese()
    {
        await using var app = new GovCloudApp(Provider.Sqlite, settings: new Dictionary<string, string?> { ["GovCloud:Security:SignInAttemptsPerMinute"] = "3" });
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login", TestContext.Current.CancellationToken)).StatusCode);
        for (var i = 0; i < 3; i++) await app.SignInWithFormAsync("edu", "Wrong#Pass123");
        var (_, limited) = await app.SignInWithFormAsync("edu");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("登录尝试过于频繁", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>R-A3.6: any signed-in user downloads the official request form, with the configured zones.</summary>
public sealed class RequestFormTemplateTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_template_downloads_with_the_configured_zones_and_reads_back_as_empty()
    {
        var client = await app.SignInAsync("edu");
        var response = await client.GetAsync("/api/v1/applications/request-form-template.xlsx", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("云资源使用需求表", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.FileNameStar!));
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var read = GovCloud.Web.Features.Applications.RequestFormReader.Read(bytes, new GovCloud.Domain.Applications.VmLimits());
        Assert.Equal("至少填写一台虚拟机", Assert.Single(read.Errors).Message);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/applications/request-form-template.xlsx", TestContext.Current.CancellationToken)).StatusCode);
    }
}

/// <summary>`dotnet run` without a launch profile runs as Production: the browser must still get the framework's and AntDesign's files.</summary>
public sealed class ProductionRunTests
{
    [Fact]
    public async Task Running_from_the_build_output_outside_development_serves_the_ui_files()
    {
        await using var app = new ProductionApp();
        var client = app.CreateClient();
        foreach (var path in new[] { "/_framework/blazor.web.js", "/_content/AntDesign/css/ant-design-blazor.css" })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }

    private sealed class ProductionApp() : GovCloudApp(Provider.Sqlite, demo: false)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseEnvironment(builder, "Production");
        }
    }
}
