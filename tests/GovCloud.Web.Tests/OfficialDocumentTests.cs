using GovCloud.Web.Infrastructure.Documents;

namespace GovCloud.Web.Tests;

/// <summary>How official documents set Chinese text (GB/T 9704 as offices print it).</summary>
public class OfficialDocumentTests
{
    // Every character one unit wide: lines of five.
    private static IReadOnlyList<string> Break(string text, double firstIndent = 0) => ChineseLines.Break(text, 5, firstIndent, s => s.Length);

    [Fact]
    public void A_line_never_starts_with_closing_punctuation_nor_ends_with_an_opening_one()
    {
        Assert.Equal(["一二三四五，", "六七八九", "（十"], Break("一二三四五，六七八九（十"));
    }

    [Fact]
    public void A_number_stays_whole_and_the_first_line_leaves_room_for_its_indent()
    {
        Assert.Equal(["电话", "0772-2801234"], Break("电话0772-2801234"));
        Assert.Equal(["一二三", "四五六七八", "九"], Break("一二三四五六七八九", firstIndent: 2));
    }

    [Theory]
    [InlineData(2026, 12, 3, "2026年12月3日")]
    [InlineData(2027, 1, 10, "2027年1月10日")]
    public void A_date_is_written_as_a_document_writes_it(int y, int m, int d, string expected) =>
        Assert.Equal(expected, OfficialDocument.ChineseDate(new DateOnly(y, m, d)));
}
