using System.Text;
using GovCloud.Domain.Calendar;

namespace GovCloud.Web.Features.Calendar;

/// <summary>
/// Reads an uploaded notice: the CSV format of the shipped file, or iCalendar (.ics) with one
/// all-day event per holiday span whose summary says 休 (off) or 班 (make-up working day).
/// </summary>
public static class CalendarFiles
{
    /// <summary>The longest span one event may give: the longest statutory holiday is 8 days; a month is generous.</summary>
    private const int MaxEventDays = 31;

    public static (StatutoryCalendarFile? File, IReadOnlyList<CalendarFileError> Errors) Read(string fileName, byte[] content, int? year, int maxLines = 200_000)
    {
        // A year's notice is a few dozen lines; a file of hundreds of thousands is not one, and is not parsed.
        if (content.AsSpan().Count((byte)'\n') > maxLines) return (null, [new CalendarFileError(0, "全文", $"文件超过 {maxLines} 行，不是节假日安排文件")]);
        var text = Encoding.UTF8.GetString(content);
        IReadOnlyCollection<int>? years = year is { } y ? [y] : null;
        return fileName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? ReadIcs(text, years) : StatutoryCalendarCsv.Parse(text, years);
    }

    private static (StatutoryCalendarFile?, IReadOnlyList<CalendarFileError>) ReadIcs(string text, IReadOnlyCollection<int>? years)
    {
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception)
        {
            calendar = null;
        }
        if (calendar is null) return (null, [new CalendarFileError(0, "全文", "不是有效的 iCalendar (.ics) 文件")]);

        var adjustments = new Dictionary<DateOnly, CalendarAdjustment>();
        var errors = new List<CalendarFileError>();
        var index = 0;
        foreach (var e in calendar.Events.OrderBy(e => e.Start?.Date))
        {
            index++;
            var summary = (e.Summary ?? "").Trim();
            if (e.Start is null || e.Start.HasTime)
            {
                errors.Add(new CalendarFileError(index, "DTSTART", $"第 {index} 个事件“{summary}”须为全天事件（VALUE=DATE）"));
                continue;
            }
            var working = summary.Contains('班');
            if (!working && !summary.Contains('休') && !summary.Contains("假"))
            {
                errors.Add(new CalendarFileError(index, "SUMMARY", $"第 {index} 个事件“{summary}”须注明“休”或“班”"));
                continue;
            }
            var name = summary.Replace("调休上班", "").Replace("上班", "").Replace("放假", "").Replace("休", "").Replace("班", "")
                .Trim(' ', '(', ')', '（', '）', '-', '·');
            if (name.Length == 0) name = working ? "调休上班" : "节假日";
            var first = e.Start.Date;
            // A notice covers the years the work calendar knows, and a holiday is days, not years: checked before any day is made.
            if (first < WorkCalendar.First || first >= WorkCalendar.Last)
            {
                errors.Add(new CalendarFileError(index, "DTSTART", $"第 {index} 个事件的日期 {first:yyyy-MM-dd} 不在 {WorkCalendar.First.Year}—{WorkCalendar.Last.Year} 年之间"));
                continue;
            }
            var end = e.End is { } last && last.Date > first ? last.Date : first.AddDays(1); // DTEND is exclusive
            if (end.DayNumber - first.DayNumber > MaxEventDays)
            {
                errors.Add(new CalendarFileError(index, "DTEND", $"第 {index} 个事件“{summary}”长达 {end.DayNumber - first.DayNumber} 天，一段假期或调休最多 {MaxEventDays} 天"));
                continue;
            }
            for (var d = first; d < end; d = d.AddDays(1))
                adjustments[d] = new CalendarAdjustment(d, working, name);
        }
        if (errors.Count > 0) return (null, errors);
        if (adjustments.Count == 0) return (null, [new CalendarFileError(0, "全文", "文件中没有任何日期")]);
        var covered = years?.ToList()
            ?? adjustments.Keys.GroupBy(d => d.Year).Where(g => g.Count() >= 5).Select(g => g.Key).Order().ToList();
        return (new StatutoryCalendarFile(adjustments.Values.OrderBy(a => a.Date).ToList(), covered), []);
    }
}
