using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GovCloud.Domain.Monitoring;
using GovCloud.Web.Features.Audit;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>
/// Reads each closed day of the configured monitoring sources (Prometheus-compatible, R-22.1) into the VMs' daily figures, and the
/// days missed while GovCloud or a source was down, up to <see cref="MonitoringOptions.PullBackfillDays"/> back. Each figure is
/// worked out by Prometheus itself over the day (avg_over_time, quantile_over_time, max_over_time of the metric's query as a
/// subquery at the source's step), one value per VM: a city's cloud returns one number per VM and metric, not every point.
/// Runs under a lease, once across instances; a source that fails is tried again <see cref="MonitoringOptions.PullRetryMinutes"/> later.
/// </summary>
public sealed class PrometheusPull(GovCloudDbContext db, AuditLog audit, VmDirectory vms, IHttpClientFactory http, TimeProvider clock,
    IOptions<GovCloudOptions> options, ILogger<PrometheusPull> log)
{
    public const string HttpClientName = "monitoring";
    private const string Lease = "Usage pull";
    private const int ListedUnmatched = 20;

    /// <summary>When each source last failed, in this process: the lease keeps the job on one instance, so this is enough to space retries.</summary>
    private static readonly ConcurrentDictionary<string, DateTimeOffset> LastFailure = new();

    private MonitoringOptions Options => options.Value.Monitoring;

    public sealed record PulledDay(string Source, DateOnly Day, int Vms, int Unmatched);

    /// <summary>Pulls every day not yet pulled of every source; returns what was pulled.</summary>
    public async Task<IReadOnlyList<PulledDay>> RunAsync(CancellationToken ct)
    {
        if (Options.Sources.Count == 0) return [];
        var now = clock.GetUtcNow();
        if (!await JobLeases.TryAcquireAsync(db, Lease, JobLeases.Instance, TimeSpan.FromMinutes(30), now, ct)) return [];
        var pulled = new List<PulledDay>();
        try
        {
            var lastDay = UsageDays.EarliestOpenDay(now, Options.PushGraceHours).AddDays(-1);
            var firstDay = lastDay.AddDays(1 - Math.Max(1, Options.PullBackfillDays));
            foreach (var source in Options.Sources)
            {
                if (LastFailure.TryGetValue(source.Name + " " + source.Url, out var failed) && now - failed < TimeSpan.FromMinutes(Options.PullRetryMinutes)) continue;
                var done = await db.UsagePulls.AsNoTracking().Where(p => p.Source == source.Name && p.Day >= firstDay && p.Day <= lastDay)
                    .Select(p => p.Day).ToListAsync(ct);
                for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
                {
                    if (done.Contains(day)) continue;
                    try
                    {
                        pulled.Add(await PullAsync(source, day, ct));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or MonitoringSourceException && !ct.IsCancellationRequested)
                    {
                        LastFailure[source.Name + " " + source.Url] = clock.GetUtcNow();
                        log.LogWarning(e, "Monitoring source {Source} could not be read for {Day}", source.Name, day);
                        break;
                    }
                }
            }
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, Lease, JobLeases.Instance, CancellationToken.None);
        }
        return pulled;
    }

    /// <summary>Reads one day of one source and replaces that day's figures of the VMs it reports.</summary>
    public async Task<PulledDay> PullAsync(MonitoringSourceOptions source, DateOnly day, CancellationToken ct)
    {
        var (label, matchBy, queries) = MonitoringPresets.Resolve(source);
        // Evaluated at the day's last second, a subquery over [1d:step] covers 00:00 to the last step before midnight.
        var at = UsageDays.StartSeconds(day.AddDays(1)) - 1;
        var step = Math.Max(1, source.StepSeconds);
        var window = $"[1d:{step}s]";
        var figures = new Dictionary<string, Dictionary<UsageMetric, (double? Avg, double? P95, double? Max)>>();
        var points = new Dictionary<string, int>();
        var counted = false;
        foreach (var (metric, query) in queries)
        {
            var avg = await QueryAsync(source, $"avg_over_time(({query}){window})", at, label, ct);
            var p95 = await QueryAsync(source, $"quantile_over_time(0.95, ({query}){window})", at, label, ct);
            var max = await QueryAsync(source, $"max_over_time(({query}){window})", at, label, ct);
            if (!counted)
            {
                // How many steps of the day had a value, read once (from the first metric's query).
                foreach (var (series, count) in await QueryAsync(source, $"count_over_time(({query}){window})", at, label, ct)) points[series] = (int)count;
                counted = true;
            }
            foreach (var series in avg.Keys.Concat(p95.Keys).Concat(max.Keys).Distinct())
            {
                if (!figures.TryGetValue(series, out var byMetric)) figures[series] = byMetric = [];
                byMetric[metric] = (Value(avg, series, metric), Value(p95, series, metric), Value(max, series, metric));
            }
        }

        var matched = await vms.ResolveAsync(figures.Keys, matchBy, ct);
        var rows = new Dictionary<Guid, VmDailyUsage>();
        var unmatched = new List<string>();
        foreach (var (series, byMetric) in figures)
        {
            if (!matched.TryGetValue(series, out var vm) || (!string.IsNullOrWhiteSpace(source.Zone) && vm.Zone != source.Zone))
            {
                unmatched.Add(series);
                continue;
            }
            // Two series naming one VM (its two addresses): the first stands.
            if (rows.ContainsKey(vm.Id)) continue;
            var row = DailyUsageStore.WithFacts(new VmDailyUsage { VmId = vm.Id, Day = day, Zone = vm.Zone, Source = Clip(source.Name, 64), Points = points.GetValueOrDefault(series) }, vm);
            foreach (var (metric, f) in byMetric)
                row.Set(metric, f.Avg is { } a && f.P95 is { } p && f.Max is { } m ? new DailyFigure(Round(a), Round(p), Round(m)) : null);
            rows[vm.Id] = row;
        }
        unmatched.Sort(StringComparer.Ordinal);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DailyUsageStore.ReplaceAsync(db, day, rows.Values.ToList(), ct);
        db.UsagePulls.Add(new UsagePull
        {
            Source = Clip(source.Name, 64), Day = day, PulledAt = clock.GetUtcNow(), Vms = rows.Count, UnmatchedCount = unmatched.Count,
            Unmatched = unmatched.Count == 0 ? null : Clip(string.Join(", ", unmatched.Take(ListedUnmatched)), 1000),
        });
        audit.Record(Actor.System, AuditActions.UsagePulled, "UsagePull", $"{source.Name} {day:yyyy-MM-dd}",
            after: new { source = source.Name, day = day.ToString("yyyy-MM-dd"), vms = rows.Count, unmatched = unmatched.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Usage: {Day} pulled from {Source}: {Vms} VMs, {Unmatched} series of no VM", day, source.Name, rows.Count, unmatched.Count);
        return new PulledDay(source.Name, day, rows.Count, unmatched.Count);
    }

    private static double? Value(Dictionary<string, double> values, string series, UsageMetric metric) =>
        values.TryGetValue(series, out var v) && UsageRules.Accept(metric, v) is { } accepted ? accepted : null;

    private static double Round(double value) => Math.Round(value, 2);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>One value per series at <paramref name="at"/> (query_range with one step), keyed by the label that names the VM.</summary>
    private async Task<Dictionary<string, double>> QueryAsync(MonitoringSourceOptions source, string query, long at, string label, CancellationToken ct)
    {
        var client = http.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(Options.PullTimeoutSeconds);
        var url = $"{source.Url.TrimEnd('/')}/api/v1/query_range";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["query"] = query, ["start"] = at.ToString(CultureInfo.InvariantCulture), ["end"] = at.ToString(CultureInfo.InvariantCulture), ["step"] = "60",
            }),
        };
        if (!string.IsNullOrEmpty(source.BearerToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", source.BearerToken);
        else if (!string.IsNullOrEmpty(source.Username))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{source.Username}:{source.Password}")));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode || root.GetProperty("status").GetString() != "success")
            throw new MonitoringSourceException($"{source.Name}: {(int)response.StatusCode} {(root.TryGetProperty("error", out var error) ? error.GetString() : "")}");
        var values = new Dictionary<string, double>();
        foreach (var series in root.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            if (!series.GetProperty("metric").TryGetProperty(label, out var name) || name.GetString() is not { Length: > 0 } key) continue;
            var last = series.GetProperty("values").EnumerateArray().LastOrDefault();
            if (last.ValueKind != JsonValueKind.Array) continue;
            if (double.TryParse(last[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                values[key] = value;
        }
        return values;
    }
}

/// <summary>A monitoring source answered, but not with data (an error of its own, a query it refused).</summary>
public sealed class MonitoringSourceException(string message) : Exception(message);
