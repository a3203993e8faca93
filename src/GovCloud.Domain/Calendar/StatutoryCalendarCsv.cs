namespace GovCloud.Domain.Calendar;

/// <summary>A parsed holiday notice file: the adjusted days and the years whose notices it holds.</summary>
public sealed record StatutoryCalendarFile(IReadOnlyList<CalendarAdjustment> Adjustments, IReadOnlyList<int> Years);

/// <summary>A problem in an imported file, by line and column, in Chinese.</summary>
public sealed record CalendarFileError(int Line, string Column, string Message);

/// <summary>
/// Reads the notice format shipped in data/cn-statutory-calendar.csv: "date,kind,holiday" rows with
/// kind off (holiday) or work (make-up working day); "# source YYYY: …" comments name the years covered.
/// </summary>
public static class StatutoryCalendarCsv
{
    public static (StatutoryCalendarFile? File, IReadOnlyList<CalendarFileError> Errors) Parse(string text, IReadOnlyCollection<int>? years = null)
    {
        var adjustments = new List<CalendarAdjustment>();
        var sourceYears = new SortedSet<int>();
        var errors = new List<CalendarFileError>();
        var seen = new HashSet<DateOnly>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            var number = i + 1;
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                // "# source 2026: https://…"
                var parts = line.TrimStart('#').Trim().Split(' ', 3);
                if (parts.Length >= 2 && parts[0] == "source" && int.TryParse(parts[1].TrimEnd(':'), out var y)) sourceYears.Add(y);
                continue;
            }
            if (line.StartsWith("date,", StringComparison.OrdinalIgnoreCase)) continue;
            var cells = line.Split(',', 3);
            if (cells.Length < 3)
            {
                errors.Add(new CalendarFileError(number, "全行", "每行须有 date,kind,holiday 三列"));
                continue;
            }
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", out var date))
            {
                errors.Add(new CalendarFileError(number, "date", $"日期“{cells[0].Trim()}”格式不正确，应为 yyyy-MM-dd"));
                continue;
            }
            var kind = cells[1].Trim().ToLowerInvariant();
            if (kind is not ("off" or "work"))
            {
                errors.Add(new CalendarFileError(number, "kind", $"类型“{cells[1].Trim()}”不正确，应为 off（放假）或 work（调休上班）"));
                continue;
            }
            var holiday = cells[2].Trim();
            if (holiday.Length == 0) errors.Add(new CalendarFileError(number, "holiday", "节日名称不能为空"));
            if (!seen.Add(date)) errors.Add(new CalendarFileError(number, "date", $"日期 {date:yyyy-MM-dd} 重复"));
            adjustments.Add(new CalendarAdjustment(date, kind == "work", holiday));
        }
        var covered = years?.ToList() ?? sourceYears.ToList();
        if (covered.Count == 0)
            covered = adjustments.GroupBy(a => a.Date.Year).Where(g => g.Count() >= 5).Select(g => g.Key).Order().ToList();
        if (errors.Count == 0 && adjustments.Count == 0) errors.Add(new CalendarFileError(0, "全文", "文件中没有任何日期"));
        return errors.Count > 0 ? (null, errors) : (new StatutoryCalendarFile(adjustments, covered), errors);
    }
}
