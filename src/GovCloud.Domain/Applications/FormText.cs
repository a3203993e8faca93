using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GovCloud.Domain.Applications;

/// <summary>
/// What people really type into the Annex 3 form (R-A3.6): full-width spaces and digits, numbers with
/// units ("8G", "8GB", "4核"), lists split by any of 、，,；;/ or new lines, 是/否/Y/N.
/// </summary>
public static partial class FormText
{
    /// <summary>Trimmed, with full-width characters folded to their ASCII forms and runs of spaces made one.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
            folded.Append(c switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' when c is not ('\uFF0C' or '\uFF1B') => (char)(c - 0xFEE0), // full-width ASCII, keeping ， and ； for lists
                _ => c,
            });
        return Spaces().Replace(folded.ToString(), " ").Trim();
    }

    /// <summary>A whole number, allowing a unit after it: "8", "8G", "8 GB", "8g", "4核", "4C", "100GB".</summary>
    public static int? Integer(string? text, params string[] units)
    {
        var t = Clean(text);
        foreach (var unit in units.OrderByDescending(u => u.Length))
            if (t.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) { t = t[..^unit.Length].TrimEnd(); break; }
        if (t.EndsWith(".0")) t = t[..^2]; // a number cell that Excel stored as 8.0
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>是/否, Y/N, yes/no, true/false, 1/0; null when it is none of them (or empty).</summary>
    public static bool? YesNo(string? text) => Clean(text).ToLowerInvariant() switch
    {
        "是" or "y" or "yes" or "true" or "1" => true,
        "否" or "n" or "no" or "false" or "0" => false,
        _ => null,
    };

    /// <summary>The items of a list cell, in order, empty ones dropped.</summary>
    public static IReadOnlyList<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Separators().Split(text).Select(Clean).Where(s => s.Length > 0).ToList();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[、，,；;/／\r\n]+")]
    private static partial Regex Separators();
}
