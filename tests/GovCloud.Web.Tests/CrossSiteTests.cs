using System.Net;
using System.Net.Http.Json;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Systems;
using GovCloud.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Tests;

/// <summary>
/// A page of another site cannot ride the sign-in cookie: a state-changing API call made with the cookie needs this
/// site as its Origin and the antiforgery token; calls with a bearer token do not (no browser adds one by itself).
/// </summary>
public abstract class CrossSiteTests(GovCloudApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Evil = "https://evil.example";

    private static HttpRequestMessage Request(HttpMethod method, string url, HttpContent? content, string? origin, string? token = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (token is not null) request.Headers.Add("X-CSRF-TOKEN", token);
        return request;
    }

    private static JsonContent NewSystem(string name) =>
        JsonContent.Create(new { name, vendor = "某公司", kind = SystemKind.New, location = SystemLocation.OnCloud }, options: Http.Json);

    [Fact]
    public async Task A_cookie_write_from_another_site_or_without_the_token_is_refused_and_changes_nothing()
    {
        var (browser, _) = await app.SignInWithFormAsync("edu");
        var name = "跨站" + Guid.NewGuid().ToString("N")[..6];
        var attempts = new (string What, Func<HttpRequestMessage> Make)[]
        {
            ("read all, evil origin", () => Request(HttpMethod.Post, "/api/v1/inbox/read-all", null, Evil)),
            ("create, evil origin", () => Request(HttpMethod.Post, "/api/v1/systems", NewSystem(name), Evil)),
            ("create, evil referer", () => { var r = Request(HttpMethod.Post, "/api/v1/systems", NewSystem(name), null); r.Headers.Referrer = new Uri(Evil + "/page"); return r; }),
            ("create, no origin at all", () => Request(HttpMethod.Post, "/api/v1/systems", NewSystem(name), null)),
            ("create, our origin but no token", () => Request(HttpMethod.Post, "/api/v1/systems", NewSystem(name), "http://localhost")),
            ("upload, evil origin", () => Request(HttpMethod.Post, "/api/v1/systems/import", ApplicationKit.File(Packages.Workbook1(Packages.OneCell), "台账.xlsx"), Evil)),
        };
        foreach (var (what, make) in attempts)
        {
            var response = await browser.SendAsync(make(), Ct);
            var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
            Assert.True(Http.HasChinese(problem.Detail), what);
        }
        Assert.False(await app.WithDbAsync(db => db.InfoSystems.AnyAsync(s => s.Name == name, Ct)));
    }

    [Fact]
    public async Task A_cookie_write_from_this_site_with_the_token_goes_through()
    {
        var (browser, _) = await app.SignInWithFormAsync("edu");
        var token = await (await browser.GetAsync("/api/v1/auth/antiforgery", Ct)).ReadAsync<Features.Auth.AuthApi.AntiforgeryToken>();
        Assert.Equal("X-CSRF-TOKEN", token.HeaderName);
        var name = "本站" + Guid.NewGuid().ToString("N")[..6];
        var response = await browser.SendAsync(Request(HttpMethod.Post, "/api/v1/systems", NewSystem(name), "http://localhost", token.RequestToken), Ct);
        Assert.Equal(name, (await response.ReadAsync<InfoSystemDto>(HttpStatusCode.Created)).Name);
    }

    [Fact]
    public async Task Bearer_token_clients_are_not_affected_whatever_their_origin()
    {
        var edu = await app.SignInAsync("edu");
        var name = "令牌" + Guid.NewGuid().ToString("N")[..6];
        var response = await edu.SendAsync(Request(HttpMethod.Post, "/api/v1/systems", NewSystem(name), Evil), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edu.PostAsync("/api/v1/inbox/read-all", null, Ct)).StatusCode);
    }
}

public sealed class CrossSiteOnSqlite(SqliteApp app) : CrossSiteTests(app), IClassFixture<SqliteApp>;
public sealed class CrossSiteOnPostgres(PostgresApp app) : CrossSiteTests(app), IClassFixture<PostgresApp>;
