using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GovCloud.Web.Tests.Support;
using Microsoft.Playwright;

namespace GovCloud.E2E;

/// <summary>
/// The published output as operators run it: `dotnet /opt/govcloud/GovCloud.Web.dll` started from another directory
/// (a systemd unit's WorkingDirectory). It must find its own pages, scripts and settings, and keep its data in the
/// working directory, as documented.
/// </summary>
public sealed class PublishedAppTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_published_app_started_from_another_directory_serves_its_pages_reads_its_settings_and_signs_in()
    {
        await using var published = await PublishedProcess.StartAsync(new Dictionary<string, string>(), Ct);
        var (url, workDir) = (published.Url, published.WorkDir);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        // Its own static files, with their content (not 200 with 0 bytes), and HEAD answered like GET.
        foreach (var file in new[] { "/css/govcloud.css", "/js/govcloud.js", "/_framework/blazor.web.js", "/_content/AntDesign/js/ant-design-blazor.js" })
        {
            var response = await http.GetAsync(file, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 100, $"{file} is empty");
        }
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/account/login"), Ct);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);

        // Its data where the documentation says: data/ of the working directory.
        Assert.True(File.Exists(Path.Combine(workDir, "data", "govcloud.db")));

        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = url, Locale = "zh-CN" });
        await BrowserApp.SignInAsync(page, "edu");
        await page.WaitForURLAsync(url + "/");
        await page.GetByText("您好，").First.WaitForAsync();
        await page.CloseAsync();

        // Its appsettings.json was read: SQL commands are not logged at Information there.
        Assert.DoesNotContain("Executed DbCommand", published.Log);
    }
}

/// <summary>
/// The published output started as operators start it (`dotnet GovCloud.Web.dll --demo` in a working directory of its own), ready
/// when /health/ready answers; stopped and its directory removed when disposed.
/// </summary>
internal sealed class PublishedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    public string Url { get; }
    public string WorkDir { get; }

    private PublishedProcess(Process process, StringBuilder output, string url, string workDir) => (_process, _output, Url, WorkDir) = (process, output, url, workDir);

    public string Log
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>scripts/test.sh publishes before the tests; run alone, the test publishes for itself.</summary>
    private static async Task<string> PublishedAsync(CancellationToken ct)
    {
        var root = Repository.Root();
        var output = Path.Combine(root, "artifacts", "publish");
        if (File.Exists(Path.Combine(output, "GovCloud.Web.dll"))) return output;
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "src", "GovCloud.Web"), "-c", "Release", "-o", output, "-nologo"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var log = publish.StandardOutput.ReadToEndAsync(ct);
        await publish.WaitForExitAsync(ct);
        Assert.True(publish.ExitCode == 0, await log);
        return output;
    }

    /// <param name="environment">Settings as environment variables (GovCloud__…), besides the demo password.</param>
    public static async Task<PublishedProcess> StartAsync(IDictionary<string, string> environment, CancellationToken ct)
    {
        var published = await PublishedAsync(ct);
        var workDir = Directory.CreateTempSubdirectory("govcloud-srv-").FullName;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(published, "GovCloud.Web.dll"), "--demo", "--urls", url])
        {
            WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["GovCloud__Demo__Password"] = GovCloudApp.DemoPassword;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new PublishedProcess(process, output, url, workDir);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            for (var waited = 0; ; waited++)
            {
                try
                {
                    if ((await http.GetAsync("/health/ready", ct)).IsSuccessStatusCode) return app;
                }
                catch (HttpRequestException) when (waited < 120) { }
                Assert.False(process.HasExited, "the app stopped:\n" + app.Log);
                Assert.True(waited < 120, "not ready in 60 s:\n" + app.Log);
                await Task.Delay(500, ct);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        _process.Dispose();
        try { Directory.Delete(WorkDir, recursive: true); } catch (IOException) { }
    }
}
