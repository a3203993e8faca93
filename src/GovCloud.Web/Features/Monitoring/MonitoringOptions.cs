using GovCloud.Domain.Monitoring;

namespace GovCloud.Web.Features.Monitoring;

/// <summary>
/// Where the cloud's monitoring is read from and how its figures are judged (R-22.1). Sources are Prometheus-compatible
/// HTTP APIs, one or more per zone (GovCloud__Monitoring__Sources__0__Url=…); platforms that push use POST /api/v1/metrics.
/// </summary>
public sealed class MonitoringOptions
{
    public List<MonitoringSourceOptions> Sources { get; set; } = [];

    /// <summary>How long daily figures are kept (years).</summary>
    public int RetentionYears { get; set; } = 3;

    /// <summary>
    /// A day's pushed points are summarised this many hours after the day ends (Beijing time); points for a day already
    /// summarised are refused as late, so a summary never changes behind the reader's back.
    /// </summary>
    public int PushGraceHours { get; set; } = 2;

    public int MaxPointsPerCall { get; set; } = 10_000;

    /// <summary>How many days back the pull fills days missed while GovCloud or a source was down.</summary>
    public int PullBackfillDays { get; set; } = 7;

    /// <summary>After a source failed, the next try waits this long.</summary>
    public int PullRetryMinutes { get; set; } = 10;

    public int PullTimeoutSeconds { get; set; } = 60;

    // 闲置 / 配置过高 (the defaults are those of RightSizingPolicy).
    public int IdleDays { get; set; } = 30;
    public int IdleMinDaysReported { get; set; } = 27;
    public double IdleCpuP95Below { get; set; } = 5;
    public double IdleMemoryP95Below { get; set; } = 20;
    public double RightSizeTargetUse { get; set; } = 70;
    public int[] VcpuSizes { get; set; } = [1, 2, 4, 8, 16, 32, 64];
    public int[] MemoryGbSizes { get; set; } = [1, 2, 4, 8, 16, 32, 64, 128, 256];
    /// <summary>可用率 the cloud promises each month (服务水平); a zone or system below it is marked in the report and the bulletin.</summary>
    public double AvailabilityTargetPercent { get; set; } = 99.9;

    public RightSizingPolicy Policy => new()
    {
        Days = IdleDays, MinDaysReported = IdleMinDaysReported, IdleCpuP95Below = IdleCpuP95Below, IdleMemoryP95Below = IdleMemoryP95Below,
        TargetUse = RightSizeTargetUse, VcpuSizes = VcpuSizes, MemoryGbSizes = MemoryGbSizes,
    };
}

/// <summary>How a series of the monitoring names its VM.</summary>
public enum VmMatch
{
    /// <summary>An address of the VM; a port after it (node_exporter's instance="10.1.2.3:9100") is ignored.</summary>
    Ip,
    HostName,
    /// <summary>The platform's own id of the VM (OpenStack's instance id, libvirt's domain UUID).</summary>
    ExternalId,
}

/// <summary>One Prometheus-compatible API (Prometheus, Thanos, VictoriaMetrics …) and the PromQL that gives each metric per VM.</summary>
public sealed class MonitoringSourceOptions
{
    /// <summary>Its name in the product (kept with each day pulled from it).</summary>
    public string Name { get; set; } = "";
    /// <summary>The zone whose VMs it watches; empty for all zones.</summary>
    public string? Zone { get; set; }
    /// <summary>The API's base address, e.g. http://10.0.0.5:9090 (…/api/v1/query_range is added).</summary>
    public string Url { get; set; } = "";
    public string? BearerToken { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>node_exporter (inside each VM) or libvirt (the hosts' libvirt exporter): the queries and matching used unless set below.</summary>
    public string Preset { get; set; } = MonitoringPresets.NodeExporter;
    /// <summary>The label that names the VM in each series; the preset's when empty.</summary>
    public string? MatchLabel { get; set; }
    public VmMatch? MatchBy { get; set; }
    /// <summary>Seconds between the points asked for (a day at 300 s is 288 points).</summary>
    public int StepSeconds { get; set; } = 300;
    /// <summary>PromQL per metric (Cpu, Memory, Disk, NetworkIn, NetworkOut) in place of the preset's; an empty query leaves the metric out.</summary>
    public Dictionary<string, string> Queries { get; set; } = [];
}

/// <summary>The PromQL of the exporters a government cloud usually runs. Percentages 0–100, bandwidth in Mbps.</summary>
public static class MonitoringPresets
{
    public const string NodeExporter = "node_exporter";
    public const string Libvirt = "libvirt";

    private const string RealFileSystems = "fstype!~\"tmpfs|overlay|squashfs|ramfs\"";

    public static readonly IReadOnlyDictionary<string, (string Label, VmMatch By, IReadOnlyDictionary<UsageMetric, string> Queries)> All =
        new Dictionary<string, (string, VmMatch, IReadOnlyDictionary<UsageMetric, string>)>
        {
            [NodeExporter] = ("instance", VmMatch.Ip, new Dictionary<UsageMetric, string>
            {
                [UsageMetric.Cpu] = "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))",
                [UsageMetric.Memory] = "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)",
                [UsageMetric.Disk] = $"100 * (1 - sum by (instance) (node_filesystem_avail_bytes{{{RealFileSystems}}}) / sum by (instance) (node_filesystem_size_bytes{{{RealFileSystems}}}))",
                [UsageMetric.NetworkIn] = "sum by (instance) (rate(node_network_receive_bytes_total{device!=\"lo\"}[5m])) * 8 / 1000000",
                [UsageMetric.NetworkOut] = "sum by (instance) (rate(node_network_transmit_bytes_total{device!=\"lo\"}[5m])) * 8 / 1000000",
            }),
            [Libvirt] = ("domain", VmMatch.HostName, new Dictionary<UsageMetric, string>
            {
                [UsageMetric.Cpu] = "100 * sum by (domain) (rate(libvirt_domain_info_cpu_time_seconds_total[5m])) / sum by (domain) (libvirt_domain_info_virtual_cpus)",
                [UsageMetric.Memory] = "100 * (1 - sum by (domain) (libvirt_domain_memory_stats_usable_bytes) / sum by (domain) (libvirt_domain_memory_stats_available_bytes))",
                [UsageMetric.Disk] = "100 * sum by (domain) (libvirt_domain_block_stats_allocation) / sum by (domain) (libvirt_domain_block_stats_capacity_bytes)",
                [UsageMetric.NetworkIn] = "sum by (domain) (rate(libvirt_domain_interface_stats_receive_bytes_total[5m])) * 8 / 1000000",
                [UsageMetric.NetworkOut] = "sum by (domain) (rate(libvirt_domain_interface_stats_transmit_bytes_total[5m])) * 8 / 1000000",
            }),
        };

    /// <summary>The label, matching and queries a source uses: its preset's, with what the source sets itself in their place.</summary>
    public static (string Label, VmMatch By, IReadOnlyDictionary<UsageMetric, string> Queries) Resolve(MonitoringSourceOptions source)
    {
        if (!All.TryGetValue(source.Preset, out var preset))
            throw new InvalidOperationException($"监测来源“{source.Name}”的预设“{source.Preset}”不存在：可用 {string.Join("、", All.Keys)}");
        var queries = new Dictionary<UsageMetric, string>(preset.Queries);
        foreach (var (name, query) in source.Queries)
        {
            if (!Enum.TryParse<UsageMetric>(name, ignoreCase: true, out var metric))
                throw new InvalidOperationException($"监测来源“{source.Name}”的查询名“{name}”不是指标：可用 Cpu、Memory、Disk、NetworkIn、NetworkOut");
            if (string.IsNullOrWhiteSpace(query)) queries.Remove(metric);
            else queries[metric] = query;
        }
        return (string.IsNullOrWhiteSpace(source.MatchLabel) ? preset.Label : source.MatchLabel, source.MatchBy ?? preset.By, queries);
    }
}
