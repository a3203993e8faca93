namespace GovCloud.Web.Infrastructure;

/// <summary>Users read times in Beijing time whatever the server's zone.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToChina(this DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    public static string Format(DateTimeOffset? time) => time is null ? "" : time.Value.ToChina().ToString("yyyy-MM-dd HH:mm:ss");
}
