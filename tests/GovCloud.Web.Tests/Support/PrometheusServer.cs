using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GovCloud.Web.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's package) for one test: history written into its database by promtool beforehand (OpenMetrics text with
/// timestamps, as an operator backfills), and/or a target it scrapes every second. Stopped and removed on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Process _process;
    public string Url { get; }

    private PrometheusServer(string dir, Process process, string url) => (_dir, _process, Url) = (dir, process, url);

    /// <param name="scrapeToken">Sent as a bearer token with each scrape (GovCloud's own /metrics asks for one).</param>
    public static async Task<PrometheusServer> StartAsync(string? history = null, string? scrapeTarget = null, CancellationToken ct = default,
        string? scrapeToken = null, string scrapeJob = "vms")
    {
        var dir = Path.Combine(Path.GetTempPath(), "govcloud-prom-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        if (history is not null)
        {
            var input = Path.Combine(dir, "history.om");
            await File.WriteAllTextAsync(input, history, ct);
            await RunAsync("promtool", $"tsdb create-blocks-from openmetrics {input} {data}", ct);
        }
        var config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n");
        if (scrapeTarget is not null)
        {
            config.Append($"  - job_name: {scrapeJob}\n    scrape_interval: 1s\n");
            if (scrapeToken is not null) config.Append($"    authorization:\n      credentials: '{scrapeToken}'\n");
            config.Append($"    static_configs:\n      - targets: ['{scrapeTarget}']\n");
        }
        else
            config.Append("  - job_name: none\n    static_configs: []\n");
        var configFile = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, config.ToString(), ct);
        var port = FreePort();
        var psi = new ProcessStartInfo("prometheus",
            $"--config.file={configFile} --storage.tsdb.path={data} --storage.tsdb.retention.time=10y --web.listen-address=127.0.0.1:{port} --log.level=warn")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(dir, process, $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"prometheus exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync($"{server.Url}/-/ready", ct)).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100, ct);
        }
        await server.DisposeAsync();
        throw new TimeoutException("prometheus did not become ready in 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* best effort */ }
    }

    private static async Task RunAsync(string file, string args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}): {await stdout} {await stderr}");
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
