namespace GovCloud.Domain.Calendar;

public enum PeriodUnit
{
    WorkingDays,
    CalendarDays,
    Months,
    Years,
}

/// <summary>A time limit of the rules: "within 7 working days", "15–30 calendar days", "2 years".</summary>
public readonly record struct Period(int Length, PeriodUnit Unit)
{
    public static Period WorkingDays(int n) => new(n, PeriodUnit.WorkingDays);
    public static Period CalendarDays(int n) => new(n, PeriodUnit.CalendarDays);
    public static Period Months(int n) => new(n, PeriodUnit.Months);
    public static Period Years(int n) => new(n, PeriodUnit.Years);

    public override string ToString() => Unit switch
    {
        PeriodUnit.WorkingDays => $"{Length}个工作日",
        PeriodUnit.CalendarDays => $"{Length}个自然日",
        PeriodUnit.Months => $"{Length}个月",
        PeriodUnit.Years => $"{Length}年",
        _ => $"{Length} {Unit}",
    };
}

/// <summary>A span during which a clock stood still (e.g. an application returned to the agency for revision).</summary>
public readonly record struct Pause(DateOnly From, DateOnly? Until);
