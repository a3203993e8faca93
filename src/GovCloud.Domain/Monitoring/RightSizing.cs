namespace GovCloud.Domain.Monitoring;

/// <summary>One day of a VM as the idle and right-size rules read it: its CPU and memory 95th percentiles (null when not reported).</summary>
public readonly record struct DayNeed(DateOnly Day, double? CpuP95, double? MemoryP95);

/// <summary>What the rules need of a VM's window: the days that reported both CPU and memory, and the highest P95 of each over them.</summary>
public readonly record struct SizingEvidence(int DaysReported, double? PeakCpuP95, double? PeakMemoryP95);

/// <summary>
/// The thresholds of 闲置 and 配置过高 (configuration, so a county can set its own). Idle: every reported day of the last
/// <see cref="Days"/> below <see cref="IdleCpuP95Below"/> % CPU and <see cref="IdleMemoryP95Below"/> % memory, with at least
/// <see cref="MinDaysReported"/> days reported. Oversized: the busiest day's need fits a smaller size at <see cref="TargetUse"/> %.
/// </summary>
public sealed record RightSizingPolicy
{
    public int Days { get; init; } = 30;
    public int MinDaysReported { get; init; } = 27;
    public double IdleCpuP95Below { get; init; } = 5;
    public double IdleMemoryP95Below { get; init; } = 20;
    /// <summary>How full a right-sized VM may run on its busiest day (95th percentile).</summary>
    public double TargetUse { get; init; } = 70;
    public IReadOnlyList<int> VcpuSizes { get; init; } = [1, 2, 4, 8, 16, 32, 64];
    public IReadOnlyList<int> MemoryGbSizes { get; init; } = [1, 2, 4, 8, 16, 32, 64, 128, 256];
}

/// <summary>What the Center proposes for a VM: take it back (idle) or give it a smaller size. The agency decides.</summary>
public enum SizingVerdict
{
    /// <summary>用得恰当, or too little reported to say.</summary>
    Fits,
    /// <summary>闲置: propose reclaiming it.</summary>
    Idle,
    /// <summary>配置过高: propose the smaller size.</summary>
    Oversized,
}

public sealed record SizingAdvice(SizingVerdict Verdict, int DaysReported, double? PeakCpuP95, double? PeakMemoryP95, int ProposedVcpu, int ProposedMemoryGb)
{
    /// <summary>The reason in the words the Center and the agency read.</summary>
    public string Reason(RightSizingPolicy policy) => Verdict switch
    {
        SizingVerdict.Idle => $"近{policy.Days}天CPU使用率（P95）均低于{policy.IdleCpuP95Below:0.##}%、内存使用率（P95）均低于{policy.IdleMemoryP95Below:0.##}%，建议回收",
        SizingVerdict.Oversized => $"近{policy.Days}天CPU使用率（P95）最高{PeakCpuP95:0.##}%、内存使用率（P95）最高{PeakMemoryP95:0.##}%，" +
                                   $"按{policy.TargetUse:0.##}%目标使用率建议调整为{ProposedVcpu}核{ProposedMemoryGb}GB",
        _ => DaysReported < policy.MinDaysReported ? $"近{policy.Days}天仅{DaysReported}天有监测数据，不作判断" : "配置与使用相当",
    };
}

public static class RightSizing
{
    /// <summary>
    /// Reads the last <see cref="RightSizingPolicy.Days"/> days up to <paramref name="lastDay"/> of one VM of <paramref name="vcpu"/> cores and
    /// <paramref name="memoryGb"/> GB. Too few days reported, or a day without CPU or memory, says nothing (<see cref="SizingVerdict.Fits"/>):
    /// the Center proposes only on evidence.
    /// </summary>
    public static SizingAdvice Advise(IEnumerable<DayNeed> days, DateOnly lastDay, int vcpu, int memoryGb, RightSizingPolicy policy)
    {
        var first = lastDay.AddDays(1 - policy.Days);
        var window = days.Where(d => d.Day >= first && d.Day <= lastDay && d.CpuP95 is not null && d.MemoryP95 is not null)
            .DistinctBy(d => d.Day).ToList();
        return window.Count == 0
            ? Advise(new SizingEvidence(0, null, null), vcpu, memoryGb, policy)
            : Advise(new SizingEvidence(window.Count, window.Max(d => d.CpuP95!.Value), window.Max(d => d.MemoryP95!.Value)), vcpu, memoryGb, policy);
    }

    /// <summary>
    /// The same rules on the window's evidence already counted (the database counts it for the whole city: one row per VM, not per day).
    /// </summary>
    public static SizingAdvice Advise(SizingEvidence evidence, int vcpu, int memoryGb, RightSizingPolicy policy)
    {
        if (evidence.DaysReported < policy.MinDaysReported || evidence.DaysReported == 0 || evidence.PeakCpuP95 is not { } peakCpu || evidence.PeakMemoryP95 is not { } peakMemory)
            return new SizingAdvice(SizingVerdict.Fits, evidence.DaysReported, null, null, vcpu, memoryGb);
        if (peakCpu < policy.IdleCpuP95Below && peakMemory < policy.IdleMemoryP95Below)
            return new SizingAdvice(SizingVerdict.Idle, evidence.DaysReported, peakCpu, peakMemory, 0, 0);
        var proposedVcpu = Smallest(policy.VcpuSizes, vcpu * peakCpu / policy.TargetUse, vcpu);
        var proposedMemory = Smallest(policy.MemoryGbSizes, memoryGb * peakMemory / policy.TargetUse, memoryGb);
        return proposedVcpu < vcpu || proposedMemory < memoryGb
            ? new SizingAdvice(SizingVerdict.Oversized, evidence.DaysReported, peakCpu, peakMemory, proposedVcpu, proposedMemory)
            : new SizingAdvice(SizingVerdict.Fits, evidence.DaysReported, peakCpu, peakMemory, vcpu, memoryGb);
    }

    /// <summary>The smallest size that holds <paramref name="needed"/>, never more than what the VM has now.</summary>
    private static int Smallest(IReadOnlyList<int> sizes, double needed, int current)
    {
        foreach (var size in sizes.Order())
            if (size >= needed) return Math.Min(size, current);
        return current;
    }
}
