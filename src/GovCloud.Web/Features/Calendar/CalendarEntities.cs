namespace GovCloud.Web.Features.Calendar;

/// <summary>A day the State Council notice (or an administrator) makes a holiday or a make-up working day.</summary>
public sealed class HolidayAdjustment
{
    public DateOnly Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public required string Holiday { get; set; }

    /// <summary>内置 (shipped), 导入 (a notice file), 手工 (edited in the UI).</summary>
    public required string Source { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A year whose notice is loaded; days of other years are provisional (weekend rule only).</summary>
public sealed class CalendarYear
{
    public int Year { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}

/// <summary>
/// One row whose version goes up with every calendar change, so each app instance knows when its
/// cached <see cref="Domain.Calendar.WorkCalendar"/> is stale.
/// </summary>
public sealed class CalendarState
{
    public int Id { get; set; } = 1;
    public long Version { get; set; }
}

public static class CalendarSources
{
    public const string BuiltIn = "内置";
    public const string Imported = "导入";
    public const string Manual = "手工";
}
