using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovCloud.Domain.Organisations;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GovCloud.Bench;

/// <summary>The whole product in process (as the tests host it) on a given database, with the demo city and its users.</summary>
public static class BenchHost
{
    public const string Password = "Bench#Pass2026";

    public static WebApplicationFactory<GovCloudOptions> Create(string provider, string connectionString)
    {
        // The web project's folder, as the test projects find it through their build metadata.
        var root = Directory.GetCurrentDirectory();
        while (!Directory.Exists(Path.Combine(root, "src", "GovCloud.Web"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("运行目录须在仓库内");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GOVCLOUD_WEB", Path.Combine(root, "src", "GovCloud.Web"));
        // Any type of the web assembly names its entry point (this project has a Program of its own).
        return new WebApplicationFactory<GovCloudOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("GovCloud:Database:Provider", provider);
            b.UseSetting("ConnectionStrings:GovCloud", connectionString);
            b.UseSetting("GovCloud:Demo:Enabled", "true");
            b.UseSetting("GovCloud:Demo:Applications", "false");
            b.UseSetting("GovCloud:Demo:Password", Password);
            b.UseSetting("GovCloud:Deadlines:SweepIntervalSeconds", "86400");
            b.UseSetting("GovCloud:Security:SignInAttemptsPerMinute", "100000");
            // The scenarios sign in with a password alone, as the tests do: no role is asked for a one-time code here.
            b.UseSetting("GovCloud:Security:SecondFactorRoles", "");
            b.UseSetting("GovCloud:Demo:SecondFactorSecret", "");
            b.UseSetting("GovCloud:Files:Root", Path.Combine(Path.GetTempPath(), "govcloud-bench-files"));
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
    }

    /// <summary>A client signed in with a bearer token as a demo user.</summary>
    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<GovCloudOptions> app, string user)
    {
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password })).Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record TokenBody(string AccessToken);

    /// <summary>Each call as its user: once to warm up, then <paramref name="runs"/> times; prints "| provider | size | name | p50 | p95 |".</summary>
    public static async Task TimeAsync(WebApplicationFactory<GovCloudOptions> app, string provider, int size, IEnumerable<(string User, string Name, string Url)> calls,
        int runs)
    {
        foreach (var (user, name, url) in calls)
        {
            using var client = await ClientAsync(app, user);
            (await client.GetAsync(url)).EnsureSuccessStatusCode(); // warm-up
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {provider} | {size:N0} | {name} | {Percentile(times, 0.50):F0} ms | {Percentile(times, 0.95):F0} ms |");
        }
    }

    /// <summary>The demo city's agencies and county departments, topped up with generated ones to <paramref name="count"/>.</summary>
    public static async Task<List<Guid>> AgenciesAsync(GovCloudDbContext db, int count)
    {
        var agencies = await db.Organisations.Where(o => o.Type == OrganisationType.Agency || o.Type == OrganisationType.CountyDepartment).Select(o => o.Id).ToListAsync();
        for (var i = agencies.Count; i < count; i++)
        {
            var org = new Organisation { Name = $"测试单位{i:D4}", Type = OrganisationType.Agency };
            db.Organisations.Add(org);
            agencies.Add(org.Id);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return agencies;
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
