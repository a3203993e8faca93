namespace GovCloud.Domain.Calendar;

/// <summary>What kind of day a date is on the statutory calendar.</summary>
public enum DayKind
{
    Workday,
    Weekend,
    Holiday,
    MakeUpWorkday,
}

/// <summary>One line of a State Council holiday notice: a day off (holiday) or a make-up working day (调休上班).</summary>
public sealed record CalendarAdjustment(DateOnly Date, bool IsWorkingDay, string Holiday);

public sealed record CalendarDay(DateOnly Date, bool IsWorkingDay, DayKind Kind, string? Holiday, bool Provisional)
{
    public string KindName => Kind switch
    {
        DayKind.Workday => "工作日",
        DayKind.Weekend => "周末",
        DayKind.Holiday => "法定节假日",
        DayKind.MakeUpWorkday => "调休上班日",
        _ => Kind.ToString(),
    };
}

/// <summary>
/// The working-day calendar (工作日): Monday–Friday unless a statutory holiday, plus make-up working
/// days on weekends. Every question is answered in O(1) from ordinals computed once: for each
/// date, how many working days there are up to it, and the date of the k-th working day.
/// A year without a loaded notice follows the weekend rule alone and is marked provisional.
/// </summary>
public sealed class WorkCalendar
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2099, 12, 31);

    private readonly Dictionary<DateOnly, CalendarAdjustment> _adjustments;
    private readonly HashSet<int> _loadedYears;
    private readonly int[] _workingUpTo;      // [day index] = working days in [First, day]
    private readonly DateOnly[] _workingDays; // [k] = the (k+1)-th working day from First

    public WorkCalendar(IEnumerable<CalendarAdjustment> adjustments, IEnumerable<int> loadedYears)
    {
        _adjustments = adjustments.ToDictionary(a => a.Date);
        _loadedYears = loadedYears.ToHashSet();
        var days = Last.DayNumber - First.DayNumber + 1;
        _workingUpTo = new int[days];
        var working = new List<DateOnly>(days * 5 / 7 + 16);
        var count = 0;
        for (var i = 0; i < days; i++)
        {
            var date = First.AddDays(i);
            if (IsWorkingDayUncached(date))
            {
                working.Add(date);
                count++;
            }
            _workingUpTo[i] = count;
        }
        _workingDays = working.ToArray();
    }

    public IReadOnlySet<int> LoadedYears => _loadedYears;
    public IReadOnlyCollection<CalendarAdjustment> Adjustments => _adjustments.Values;

    public bool IsProvisional(int year) => !_loadedYears.Contains(year);

    public bool IsWorkingDay(DateOnly date)
    {
        var i = Index(date);
        return _workingUpTo[i] != (i == 0 ? 0 : _workingUpTo[i - 1]);
    }

    public CalendarDay Day(DateOnly date)
    {
        Index(date);
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var provisional = IsProvisional(date.Year);
        // A "work" line on a weekday (2020-02-03 after the extended 春节) only confirms a working day.
        if (_adjustments.TryGetValue(date, out var a))
            return new CalendarDay(date, a.IsWorkingDay,
                a.IsWorkingDay ? (weekend ? DayKind.MakeUpWorkday : DayKind.Workday) : DayKind.Holiday, a.Holiday, provisional);
        return new CalendarDay(date, !weekend, weekend ? DayKind.Weekend : DayKind.Workday, null, provisional);
    }

    /// <summary>The <paramref name="n"/>-th working day after <paramref name="day"/> (n ≥ 1); the day itself never counts.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), "工作日数须为正数");
        var k = _workingUpTo[Index(day)] + n - 1;
        if (k >= _workingDays.Length) throw new ArgumentOutOfRangeException(nameof(n), $"超出日历范围（{Last:yyyy}年之后）");
        return _workingDays[k];
    }

    /// <summary>Working days d with <paramref name="after"/> &lt; d &lt; <paramref name="before"/>.</summary>
    public int WorkingDaysStrictlyBetween(DateOnly after, DateOnly before) =>
        before.DayNumber - after.DayNumber <= 1 ? 0 : _workingUpTo[Index(before.AddDays(-1))] - _workingUpTo[Index(after)];

    /// <summary>The day itself when it is a working day, otherwise the next working day.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day) => IsWorkingDay(day) ? day : AddWorkingDays(day, 1);

    private bool IsWorkingDayUncached(DateOnly date) =>
        _adjustments.TryGetValue(date, out var a) ? a.IsWorkingDay : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static int Index(DateOnly date)
    {
        if (date < First || date > Last) throw new ArgumentOutOfRangeException(nameof(date), $"日期须在 {First:yyyy} 至 {Last:yyyy} 年之间");
        return date.DayNumber - First.DayNumber;
    }
}
