using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GovCloud.Domain.Clocks;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Platform;

/// <summary>
/// GovCloud's own health for the Center's monitoring, besides the request rate, latency and errors per route that ASP.NET Core
/// reports: background job runs and failures, imports (rows and time), and — counted once a minute by each instance, so a scrape
/// never queries the database — open deadline clocks by state and the unread inbox.
/// </summary>
public sealed class GovCloudMetrics
{
    public const string MeterName = "GovCloud";

    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobSeconds;
    private readonly Histogram<long> _importRows;
    private readonly Histogram<double> _importSeconds;
    private volatile Counts _counts = new(new Dictionary<ClockState, long>(), 0);

    private sealed record Counts(IReadOnlyDictionary<ClockState, long> OpenClocks, long UnreadMessages);

    public GovCloudMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _jobRuns = meter.CreateCounter<long>("govcloud.job.runs", "{run}", "Background job runs, by task (the job's name: Prometheus keeps \"job\" for the scrape) and outcome (ok, failed)");
        // Buckets in seconds and rows: the exporter's defaults are milliseconds' (5, 10 … 10000).
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300] };
        _jobSeconds = meter.CreateHistogram("govcloud.job.duration", "s", "Background job run time", null, seconds);
        _importRows = meter.CreateHistogram("govcloud.import.rows", "{row}", "Rows in an uploaded spreadsheet, by kind", null,
            new InstrumentAdvice<long> { HistogramBucketBoundaries = [10, 100, 1_000, 5_000, 10_000, 50_000] });
        _importSeconds = meter.CreateHistogram("govcloud.import.duration", "s", "Time to check and take an uploaded spreadsheet, by kind", null, seconds);
        meter.CreateObservableGauge("govcloud.clocks.open", () => _counts.OpenClocks
            .Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("state", c.Key.ToString().ToLowerInvariant()))),
            "{clock}", "Deadline clocks not yet met or cancelled, by state (running, paused, overdue)");
        meter.CreateObservableGauge("govcloud.inbox.unread", () => _counts.UnreadMessages, "{message}", "Inbox messages not yet read");
    }

    public void JobRan(string job, bool ok, TimeSpan took)
    {
        var tags = new System.Diagnostics.TagList { { "task", job }, { "outcome", ok ? "ok" : "failed" } };
        _jobRuns.Add(1, tags);
        _jobSeconds.Record(took.TotalSeconds, tags);
    }

    public void Imported(string kind, int rows, TimeSpan took)
    {
        _importRows.Record(rows, new KeyValuePair<string, object?>("kind", kind));
        _importSeconds.Record(took.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }

    /// <summary>The counts the gauges report, taken afresh.</summary>
    public async Task CountAsync(GovCloudDbContext db, CancellationToken ct)
    {
        ClockState[] open = [ClockState.Running, ClockState.Paused, ClockState.Overdue];
        var clocks = await db.DeadlineClocks.AsNoTracking().Where(c => open.Contains(c.State)).GroupBy(c => c.State)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var unread = await db.Notifications.AsNoTracking().LongCountAsync(n => n.ReadAt == null, ct);
        _counts = new Counts(open.ToDictionary(s => s, s => clocks.FirstOrDefault(c => c.Key == s)?.Count ?? 0), unread);
    }
}

/// <summary>
/// Who may read <c>/metrics</c>: a scraper with the configured token (Authorization: Bearer …) or from a configured address or
/// network. With neither configured the endpoint does not exist (404), as it answers anyone it lets in without a sign-in.
/// </summary>
public sealed class MetricsOptions
{
    public string? ScrapeToken { get; set; }
    /// <summary>Addresses or networks (10.0.0.5, 10.0.0.0/24) of the Prometheus servers.</summary>
    public string[] AllowedAddresses { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(ScrapeToken) || AllowedAddresses.Length > 0;

    public bool Allows(string? authorization, IPAddress? remote)
    {
        if (!string.IsNullOrWhiteSpace(ScrapeToken) && authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(ScrapeToken.Trim())))
            return true;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        foreach (var allowed in AllowedAddresses)
        {
            var text = allowed.Trim();
            if (IPNetwork.TryParse(text.Contains('/') ? text : text + (text.Contains(':') ? "/128" : "/32"), out var network) && network.Contains(remote)) return true;
        }
        return false;
    }
}
