namespace GovCloud.Web.Infrastructure;

/// <summary>Users read times in Beijing time whatever the server's zone.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToChina(this DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    /// <summary>Today's date in Beijing.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToChina().DateTime);

    /// <summary>The date an instant falls on in Beijing.</summary>
    public static DateOnly DateOf(DateTimeOffset time) => DateOnly.FromDateTime(time.ToChina().DateTime);

    /// <summary>24:00 Beijing time at the end of <paramref name="day"/>: when a deadline on that day runs out.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    /// <summary>A moment as every page and export writes it: 2026-12-01 08:49 (a day alone is 2026-12-01).</summary>
    public static string Format(DateTimeOffset? time) => time is null ? "" : time.Value.ToChina().ToString("yyyy-MM-dd HH:mm");

    /// <summary>To the second, for the audit log, where the order of events within a minute matters.</summary>
    public static string FormatPrecise(DateTimeOffset? time) => time is null ? "" : time.Value.ToChina().ToString("yyyy-MM-dd HH:mm:ss");
}
