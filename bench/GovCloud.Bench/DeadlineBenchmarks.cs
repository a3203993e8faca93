using BenchmarkDotNet.Attributes;
using GovCloud.Domain.Calendar;

namespace GovCloud.Bench;

/// <summary>
/// Deadline computation through the precomputed working-day ordinals against a day-by-day loop,
/// on the same 1,000 (start, N) questions: starts spread over 2019–2026, N from 1 to MaxDays working days
/// (30: the SLA steps of Art. 14 and 21; 500: about two years of working days).
/// </summary>
[MemoryDiagnoser]
public class DeadlineBenchmarks
{
    private WorkCalendar _calendar = null!;
    private (DateOnly Start, int Days)[] _questions = null!;
    private Dictionary<DateOnly, bool> _adjusted = null!;

    [Params(30, 500)]
    public int MaxDays { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BuiltInCalendar.Create();
        _adjusted = BuiltInCalendar.Notices.Adjustments.ToDictionary(a => a.Date, a => a.IsWorkingDay);
        var random = new Random(20261125);
        _questions = Enumerable.Range(0, 1000)
            .Select(_ => (new DateOnly(2019, 1, 1).AddDays(random.Next(0, 8 * 365)), random.Next(1, MaxDays + 1)))
            .ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1000)]
    public int NaiveLoop()
    {
        var sum = 0;
        foreach (var (start, days) in _questions)
        {
            var d = start;
            for (var left = days; left > 0;)
            {
                d = d.AddDays(1);
                // The straightforward rule: a notice line decides, otherwise Monday–Friday.
                var working = _adjusted.TryGetValue(d, out var w) ? w : d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
                if (working) left--;
            }
            sum += d.DayNumber;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public int Ordinals()
    {
        var sum = 0;
        foreach (var (start, days) in _questions)
            sum += DeadlineRules.Compute(_calendar, start, Period.WorkingDays(days)).LastDay.DayNumber;
        return sum;
    }
}
