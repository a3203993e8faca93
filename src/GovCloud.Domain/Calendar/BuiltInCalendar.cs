namespace GovCloud.Domain.Calendar;

/// <summary>The notices that ship with the product (cn-statutory-calendar.csv, State Council 2019–2026).</summary>
public static class BuiltInCalendar
{
    private static readonly Lazy<StatutoryCalendarFile> File = new(() =>
    {
        using var stream = typeof(BuiltInCalendar).Assembly.GetManifestResourceStream("cn-statutory-calendar.csv")
                           ?? throw new InvalidOperationException("cn-statutory-calendar.csv is not embedded");
        using var reader = new StreamReader(stream);
        var (file, errors) = StatutoryCalendarCsv.Parse(reader.ReadToEnd());
        return file ?? throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")));
    });

    public static StatutoryCalendarFile Notices => File.Value;

    public static WorkCalendar Create() => new(Notices.Adjustments, Notices.Years);
}
