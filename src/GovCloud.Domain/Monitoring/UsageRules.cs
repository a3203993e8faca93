namespace GovCloud.Domain.Monitoring;

/// <summary>What the cloud's monitoring reports of a VM: CPU, memory and disk used in per cent, network in and out in Mbps.</summary>
public enum UsageMetric
{
    Cpu,
    Memory,
    Disk,
    NetworkIn,
    NetworkOut,
}

/// <summary>One day's figure of one metric: the mean, the 95th percentile (what a VM needs, not counting short peaks) and the peak.</summary>
public readonly record struct DailyFigure(double Avg, double P95, double Max);

public static class UsageRules
{
    public static string DisplayName(this UsageMetric metric) => metric switch
    {
        UsageMetric.Cpu => "CPU使用率",
        UsageMetric.Memory => "内存使用率",
        UsageMetric.Disk => "磁盘使用率",
        UsageMetric.NetworkIn => "网络流入",
        UsageMetric.NetworkOut => "网络流出",
        _ => metric.ToString(),
    };

    /// <summary>Per cent for CPU, memory and disk; Mbps for the network.</summary>
    public static string Unit(this UsageMetric metric) => metric is UsageMetric.NetworkIn or UsageMetric.NetworkOut ? "Mbps" : "%";

    /// <summary>
    /// The day's mean, 95th percentile and peak of the points reported (nearest rank, as monitoring systems count it: the value
    /// that 95 % of the points do not exceed); null when nothing was reported. Values that are not numbers are left out.
    /// </summary>
    public static DailyFigure? Summarise(IEnumerable<double> points)
    {
        var values = points.Where(double.IsFinite).ToArray();
        if (values.Length == 0) return null;
        Array.Sort(values);
        var rank = (int)Math.Ceiling(0.95 * values.Length);
        return new DailyFigure(Round(values.Average()), Round(values[Math.Max(0, rank - 1)]), Round(values[^1]));
    }

    /// <summary>
    /// The most a VM's network can carry, in Mbps (400 Gbit/s, above any virtual NIC): a figure beyond it is a fault of the reporter,
    /// and a year of such figures would add up past what a double holds.
    /// </summary>
    public const double MaxMbps = 400_000;

    /// <summary>
    /// Whether a reported value is one the metric can take: a percentage 0–100 (a little over 100 is rounding on the platform's side,
    /// kept as 100), a bandwidth 0–<see cref="MaxMbps"/>. Null when it cannot; else the value as stored.
    /// </summary>
    public static double? Accept(UsageMetric metric, double value)
    {
        if (!double.IsFinite(value) || value < 0) return null;
        if (metric is UsageMetric.NetworkIn or UsageMetric.NetworkOut) return value > MaxMbps ? null : value;
        return value > 101 ? null : Math.Min(100, value);
    }

    /// <summary>Why a value was refused, in the words of the platform's operator.</summary>
    public static string Refusal(UsageMetric metric, double value) => metric.Unit() == "%"
        ? $"{metric.DisplayName()} {value} 不在 0–100 之间"
        : $"{metric.DisplayName()} {value} 不在 0–{MaxMbps:0} Mbps 之间";

    private static double Round(double value) => Math.Round(value, 2);
}
