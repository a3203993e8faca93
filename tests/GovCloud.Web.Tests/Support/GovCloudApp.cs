using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GovCloud.Web.Tests.Support;

public enum Provider { Sqlite, PostgreSql }

/// <summary>The real app on a real database of its own (a temp SQLite file or a fresh PostgreSQL database), with demo data.</summary>
public partial class GovCloudApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo#Pass2026";
    public const string PersonalDataKey1 = "MDEyMzQ1Njc4OWFiY2RlZg==";
    public const string PersonalDataIndexKey = "aW5kZXgta2V5LWZvci10ZXN0cy0wMTIzNDU2Nzg5YWI=";

    public Provider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>Leave the temp database for another app started after this one (a restart).</summary>
    public bool KeepDatabase { get; set; }
    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings;

    private readonly TimeProvider? _clock;

    public GovCloudApp(Provider provider, string? connectionString = null, bool demo = true, IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null)
    {
        Provider = provider;
        _clock = clock;
        _ownsDatabase = connectionString is null;
        ConnectionString = connectionString ?? (provider == Provider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), "govcloud-test-" + Guid.NewGuid().ToString("N")[..12] + ".db")}"
            : PostgresServer.Instance.CreateDatabase());
        _settings = new Dictionary<string, string?>
        {
            ["GovCloud:Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:GovCloud"] = ConnectionString,
            ["GovCloud:Demo:Enabled"] = demo ? "true" : "false",
            ["GovCloud:Demo:Password"] = DemoPassword,
            // Tests count what they make; the sample applications have a test of their own (DemoDataTests).
            ["GovCloud:Demo:Applications"] = "false",
            // Many sign-ins from one test client; the limit itself has its own test.
            ["GovCloud:Security:SignInAttemptsPerMinute"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Tests sweep deadlines themselves, at the moments they choose.
            ["GovCloud:Deadlines:SweepIntervalSeconds"] = "86400",
            ["GovCloud:Files:Root"] = Path.Combine(Path.GetTempPath(), "govcloud-files-" + Guid.NewGuid().ToString("N")[..12]),
            // Tests sign in as each demo user many times a minute; the second factor (one code per 30 seconds, never twice)
            // has tests of its own, with the product's default roles (SecondFactorTests).
            ["GovCloud:Security:SecondFactorRoles"] = "",
            ["GovCloud:Demo:SecondFactorSecret"] = "",
            // Personal data is sealed with keys from configuration, as in production (no key file left in the source tree).
            ["GovCloud:PersonalData:Keys:1"] = PersonalDataKey1,
            ["GovCloud:PersonalData:CurrentKey"] = "1",
            ["GovCloud:PersonalData:IndexKey"] = PersonalDataIndexKey,
        };
        // A null value takes the default out (e.g. a key no longer configured).
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
            if (v is null) _settings.Remove(k); else _settings[k] = v;
    }

    /// <summary>The temp database file and file store go with the app that made them: a test run leaves nothing behind in the temp folder.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (Provider == Provider.Sqlite && _ownsDatabase && !KeepDatabase)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        }
        if (_settings["GovCloud:Files:Root"] is { } root && root.Contains("govcloud-files-") && Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_clock is not null) builder.ConfigureTestServices(s => s.AddSingleton(_clock));
    }

    /// <summary>
    /// A client signed in through the real sign-in form (antiforgery token and all), holding the
    /// cookie as a browser would.
    /// </summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInWithFormAsync(string userName, string? password = null, string? returnUrl = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = "/account/login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var form = await client.GetStringAsync(page);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password ?? DemoPassword,
        }));
        return (client, response);
    }

    /// <summary>The antiforgery token a page gives the signed-in browser, for a form post or an unsafe API call with the cookie.</summary>
    public async Task<string> AntiforgeryTokenAsync(HttpClient browser) =>
        AntiforgeryField().Match(await browser.GetStringAsync("/account/login")).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A client signed in with a bearer token as a demo user.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string? password = null)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = password ?? DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);

    /// <summary>Direct access to the database, for arranging what the API cannot and for tampering on purpose.</summary>
    public async Task WithDbAsync(Func<GovCloudDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<GovCloudDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<T> WithDbAsync<T>(Func<GovCloudDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GovCloudDbContext>());
    }
}

public sealed class SqliteApp() : GovCloudApp(Provider.Sqlite);

/// <summary>The real clock plus an offset the test moves forward.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan _offset;

    public MovableClock() { }

    /// <summary>A clock that reads <paramref name="now"/> at creation and runs on from there.</summary>
    public MovableClock(DateTimeOffset now) => _offset = now - System.GetUtcNow();

    public void Advance(TimeSpan by) => _offset += by;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
public sealed class PostgresApp() : GovCloudApp(Provider.PostgreSql);
