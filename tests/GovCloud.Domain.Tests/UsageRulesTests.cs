using GovCloud.Domain.Monitoring;

namespace GovCloud.Domain.Tests;

// the Center monitors and evaluates utilisation — one day's figures, idle VMs and VMs given more than they use.
public class UsageRulesTests
{
    private static readonly RightSizingPolicy Policy = new();
    private static readonly DateOnly Yesterday = new(2026, 11, 30);

    [Fact]
    public void R_22_1_a_day_is_summarised_as_mean_95th_percentile_and_peak()
    {
        // 1..100: the 95th value of 100 is 95 (nearest rank), the peak 100, the mean 50.5.
        Assert.Equal(new DailyFigure(50.5, 95, 100), UsageRules.Summarise(Enumerable.Range(1, 100).Select(i => (double)i)));
        // A short peak does not make the 95th percentile: 288 five-minute points at 10 %, 5 at 90 %.
        var day = Enumerable.Repeat(10.0, 283).Concat(Enumerable.Repeat(90.0, 5));
        Assert.Equal(10, UsageRules.Summarise(day)!.Value.P95);
        Assert.Equal(90, UsageRules.Summarise(day)!.Value.Max);
        Assert.Equal(new DailyFigure(7, 7, 7), UsageRules.Summarise([7]));
        Assert.Null(UsageRules.Summarise([]));
        Assert.Null(UsageRules.Summarise([double.NaN]));
    }

    [Fact]
    public void R_22_1_a_percentage_outside_0_to_100_or_a_negative_bandwidth_is_not_taken()
    {
        Assert.Equal(100, UsageRules.Accept(UsageMetric.Cpu, 100.4));
        Assert.Null(UsageRules.Accept(UsageMetric.Cpu, 250));
        Assert.Null(UsageRules.Accept(UsageMetric.Memory, -1));
        Assert.Null(UsageRules.Accept(UsageMetric.Disk, double.NaN));
        Assert.Equal(900, UsageRules.Accept(UsageMetric.NetworkIn, 900));
        Assert.Null(UsageRules.Accept(UsageMetric.NetworkOut, -0.5));
    }

    private static IEnumerable<DayNeed> Days(int count, double cpu, double memory) =>
        Enumerable.Range(0, count).Select(i => new DayNeed(Yesterday.AddDays(-i), cpu, memory));

    [Fact]
    public void R_22_1_a_vm_below_5_percent_cpu_and_20_percent_memory_for_30_days_is_idle()
    {
        var advice = RightSizing.Advise(Days(30, 3, 15), Yesterday, 8, 16, Policy);
        Assert.Equal(SizingVerdict.Idle, advice.Verdict);
        Assert.Equal("近30天CPU使用率（P95）均低于5%、内存使用率（P95）均低于20%，建议回收", advice.Reason(Policy));
    }

    [Fact]
    public void R_22_1_one_busy_day_in_the_30_keeps_a_vm_from_being_idle()
    {
        var days = Days(29, 3, 15).Append(new DayNeed(Yesterday.AddDays(-29), 40, 15));
        Assert.NotEqual(SizingVerdict.Idle, RightSizing.Advise(days, Yesterday, 8, 16, Policy).Verdict);
    }

    [Fact]
    public void R_22_1_too_few_days_reported_say_nothing()
    {
        var advice = RightSizing.Advise(Days(20, 1, 5), Yesterday, 8, 16, Policy);
        Assert.Equal(SizingVerdict.Fits, advice.Verdict);
        Assert.Equal("近30天仅20天有监测数据，不作判断", advice.Reason(Policy));
        // Days before the window do not count towards it.
        var old = Days(20, 1, 5).Concat(Enumerable.Range(40, 20).Select(i => new DayNeed(Yesterday.AddDays(-i), 1, 5)));
        Assert.Equal(SizingVerdict.Fits, RightSizing.Advise(old, Yesterday, 8, 16, Policy).Verdict);
    }

    [Fact]
    public void R_22_1_an_oversized_vm_gets_the_smallest_size_that_holds_its_busiest_day_at_70_percent()
    {
        // 16 cores at 20 % on the busiest day keep 3.2 cores busy, which at 70 % need 4.6 cores → 8; 64 GB at 30 % need 27.4 GB → 32.
        var days = Days(29, 10, 25).Append(new DayNeed(Yesterday.AddDays(-29), 20, 30));
        var advice = RightSizing.Advise(days, Yesterday, 16, 64, Policy);
        Assert.Equal(SizingVerdict.Oversized, advice.Verdict);
        Assert.Equal((8, 32), (advice.ProposedVcpu, advice.ProposedMemoryGb));
        Assert.Equal("近30天CPU使用率（P95）最高20%、内存使用率（P95）最高30%，按70%目标使用率建议调整为8核32GB", advice.Reason(Policy));
    }

    [Fact]
    public void R_22_1_a_vm_that_uses_what_it_has_is_left_alone_and_a_proposal_never_grows_a_vm()
    {
        Assert.Equal(SizingVerdict.Fits, RightSizing.Advise(Days(30, 60, 65), Yesterday, 4, 8, Policy).Verdict);
        // Memory could shrink, CPU is busy: only memory goes down; CPU stays at what it is, never more.
        var advice = RightSizing.Advise(Days(30, 95, 20), Yesterday, 4, 32, Policy);
        Assert.Equal(SizingVerdict.Oversized, advice.Verdict);
        Assert.Equal((4, 16), (advice.ProposedVcpu, advice.ProposedMemoryGb));
    }

    [Fact]
    public void R_22_1_the_thresholds_are_configuration()
    {
        var county = Policy with { Days = 14, MinDaysReported = 14, IdleCpuP95Below = 10, IdleMemoryP95Below = 30 };
        Assert.Equal(SizingVerdict.Idle, RightSizing.Advise(Days(14, 8, 25), Yesterday, 2, 4, county).Verdict);
        Assert.NotEqual(SizingVerdict.Idle, RightSizing.Advise(Days(30, 8, 25), Yesterday, 2, 4, Policy).Verdict);
    }
}
