using System.Globalization;
using System.Text;

namespace GovCloud.Domain;

/// <summary>
/// What is kept of text a user typed or uploaded. Control characters (NUL, escape…) and invisible
/// format characters (zero-width spaces, the bidi overrides that make "‮gpj.exe.pdf" display as
/// "…exe.pdf", byte-order marks) are removed everywhere; a one-line text (a name, a file name) also
/// loses its line breaks. A text that is empty afterwards was never really filled in.
/// </summary>
public static class TextRules
{
    /// <summary>The text without control and format characters; line breaks become "\n", a tab a space.</summary>
    public static string Visible(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '\r' when i + 1 < text.Length && text[i + 1] == '\n' => "",
                '\r' or '\n' or '\u2028' or '\u2029' or '\u0085' => "\n",
                '\t' => " ",
                _ when IsInvisible(c) => "",
                _ => null,
            };
            if (replacement is null)
            {
                kept?.Append(c);
                continue;
            }
            kept ??= new StringBuilder(text, 0, i, text.Length);
            kept.Append(replacement);
        }
        return kept?.ToString() ?? text;
    }

    /// <summary>One line of visible text: line breaks and runs of spaces made one space, trimmed.</summary>
    public static string OneLine(string? text)
    {
        var visible = Visible(text);
        if (visible.Length == 0) return "";
        var line = new StringBuilder(visible.Length);
        var space = false;
        foreach (var c in visible)
        {
            if (char.IsWhiteSpace(c)) { space = line.Length > 0; continue; }
            if (space) line.Append(' ');
            space = false;
            line.Append(c);
        }
        return line.ToString();
    }

    /// <summary>Several lines of visible text (an opinion, a reason, remarks), trimmed at both ends.</summary>
    public static string MultiLine(string? text) => Visible(text).Trim();

    /// <summary>Nothing visible: empty, spaces, or only invisible characters. What a required field may not be.</summary>
    public static bool IsBlank([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? text) => OneLine(text).Length == 0;

    /// <summary>Control (Cc) and format (Cf) characters: nothing a person means to write.</summary>
    public static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}
