using GovCloud.Domain.Calendar;

namespace GovCloud.Domain.Tests;

// Calendar import: a new year's notice is read, and every problem is reported by line and column.
public class CalendarFileTests
{
    [Fact]
    public void A_notice_file_gives_its_days_and_the_years_named_in_its_source_lines()
    {
        const string text = """
            # source 2027: https://www.gov.cn/…
            date,kind,holiday
            2027-01-01,off,元旦
            2027-02-06,off,春节
            2027-02-07,work,春节
            """;
        var (file, errors) = StatutoryCalendarCsv.Parse(text);
        Assert.Empty(errors);
        Assert.Equal([2027], file!.Years);
        Assert.Equal(3, file.Adjustments.Count);
        Assert.True(file.Adjustments.Single(a => a.Date == new DateOnly(2027, 2, 7)).IsWorkingDay);
    }

    [Fact]
    public void Years_can_be_given_when_the_file_has_no_source_lines()
    {
        var (file, _) = StatutoryCalendarCsv.Parse("2027-10-01,off,国庆节\n", years: [2027]);
        Assert.Equal([2027], file!.Years);
    }

    [Fact]
    public void Every_bad_line_is_reported_with_its_line_and_column()
    {
        const string text = "date,kind,holiday\n2027-13-01,off,元旦\n2027-02-06,rest,春节\n2027-02-07,work,\n2027-02-07,off,春节\nonly-one-cell\n";
        var (file, errors) = StatutoryCalendarCsv.Parse(text);
        Assert.Null(file);
        Assert.Contains(errors, e => e is { Line: 2, Column: "date" } && e.Message.Contains("yyyy-MM-dd"));
        Assert.Contains(errors, e => e is { Line: 3, Column: "kind" } && e.Message.Contains("off（放假）或 work（调休上班）"));
        Assert.Contains(errors, e => e is { Line: 4, Column: "holiday" });
        Assert.Contains(errors, e => e is { Line: 5, Column: "date" } && e.Message.Contains("重复"));
        Assert.Contains(errors, e => e is { Line: 6, Column: "全行" });
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        Assert.Contains(StatutoryCalendarCsv.Parse("date,kind,holiday\n").Errors, e => e.Message == "文件中没有任何日期");
}
