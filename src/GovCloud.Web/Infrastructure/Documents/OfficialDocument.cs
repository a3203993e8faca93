namespace GovCloud.Web.Infrastructure.Documents;

/// <summary>
/// A Chinese official document (公文) as GB/T 9704 lays it out: the issuer's name in red as the 版头 with the 文号 under it
/// and a red rule, the title, the addressee, the body, the issuer and date (with room for the seal), and the 版记 of who
/// receives copies and who printed it when. The same content is printed as PDF (<see cref="OfficialPdf"/>) and as .docx
/// for offices that edit it in WPS or Word (<see cref="OfficialDocx"/>).
/// </summary>
/// <param name="Paragraphs">The body, one string a paragraph; each is indented two characters as 正文 is.</param>
/// <param name="Figures">Charts in the body (PDF only: a document with charts is not offered as .docx).</param>
public sealed record OfficialDocument(
    string IssuerName, string Number, string Title, string Addressee, IReadOnlyList<string> Paragraphs, DateOnly Date,
    string? CopyTo, string PrintedBy, IReadOnlyList<OfficialFigure>? Figures = null)
{
    /// <summary>2026年12月2日: the date as a 公文 writes it (Arabic numerals, no leading zeros).</summary>
    public static string ChineseDate(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}

/// <summary>A chart after the paragraph numbered <paramref name="AfterParagraph"/> (from 0), the text block's width, with its caption under it.</summary>
public sealed record OfficialFigure(int AfterParagraph, string Caption, byte[] Png);

/// <summary>Line breaking as Chinese typesetting does it (避头尾): no line starts with closing punctuation, none ends with an opening one.</summary>
public static class ChineseLines
{
    private const string NoStart = "，。、；：？！）》」』”’〕】％…—,.;:?!)]%";
    private const string NoEnd = "（《「『“‘〔【([";

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/> (the first line narrower by
    /// <paramref name="firstIndent"/>), measuring with <paramref name="measure"/>. A run of Latin letters and digits stays whole
    /// when it fits on a line.
    /// </summary>
    public static IReadOnlyList<string> Break(string text, double width, double firstIndent, Func<string, double> measure)
    {
        var lines = new List<string>();
        var tokens = Tokens(text).ToList();
        var line = new System.Text.StringBuilder();
        var lineWidth = 0.0;
        double Limit() => lines.Count == 0 ? width - firstIndent : width;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var w = measure(token);
            if (lineWidth + w > Limit() && line.Length > 0)
            {
                // A closing mark hangs at the end of the line rather than starting the next one.
                if (token.Length == 1 && NoStart.Contains(token[0]))
                {
                    line.Append(token);
                    continue;
                }
                // An opening mark moves down with what it opens.
                var carry = "";
                while (line.Length > 1 && NoEnd.Contains(line[^1]))
                {
                    carry = line[^1] + carry;
                    line.Length--;
                }
                lines.Add(line.ToString());
                line.Clear().Append(carry);
                lineWidth = carry.Length == 0 ? 0 : measure(carry);
            }
            line.Append(token);
            lineWidth += w;
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }

    // A character a token, but a run of Latin letters, digits and their joiners one (a phone number is not broken).
    private static IEnumerable<string> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (IsWordChar(text[i]))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i]) && i - start < 24) i++;
                yield return text[start..i];
            }
            else
            {
                var n = char.IsSurrogatePair(text, i) ? 2 : 1;
                yield return text.Substring(i, n);
                i += n;
            }
        }
    }

    private static bool IsWordChar(char c) => c < 128 && (char.IsLetterOrDigit(c) || c is '-' or '.' or '_' or '@' or '/' or ':');
}
