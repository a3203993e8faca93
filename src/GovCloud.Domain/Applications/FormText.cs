using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GovCloud.Domain.Applications;

/// <summary>
/// What people really type into the Annex 3 form (R-A3.6): full-width spaces and digits, numbers with
/// units ("8G", "8GB", "4核"), lists split by any of 、，,；;/ or new lines, 是/否/Y/N, invisible
/// characters pasted from web pages and chat programs.
/// <see cref="Clean"/> is what is kept of free text; <see cref="Fold"/> is only for comparing and
/// reading numbers, so a name written with full-width brackets keeps them.
/// </summary>
public static partial class FormText
{
    /// <summary>
    /// The visible text: invisible and control characters removed (<see cref="TextRules.Visible"/>), every kind of space made
    /// one ordinary space, trimmed. Line breaks inside stay.
    /// </summary>
    public static string Clean(string? text)
    {
        var visible = TextRules.Visible(text);
        return visible.Length == 0 ? "" : Spaces().Replace(visible, " ").Trim();
    }

    /// <summary>
    /// <see cref="Clean"/>, then full-width ASCII folded to its ordinary form (Ａ→A, ８→8, （→( ), for comparing with
    /// a list or reading a number. Never stored in place of what the user wrote.
    /// </summary>
    public static string Fold(string? text)
    {
        var clean = Clean(text);
        if (clean.Length == 0) return "";
        var folded = new StringBuilder(clean.Length);
        foreach (var c in clean)
            folded.Append(c is >= '\uFF01' and <= '\uFF5E' and not ('\uFF0C' or '\uFF1B') ? (char)(c - 0xFEE0) : c); // keeping ， and ； for lists
        return folded.ToString();
    }

    /// <summary>The marks a form uses for "nothing here" in an optional cell: 无, /, -, —, N/A.</summary>
    public static bool IsNothing(string? text) => Fold(text) is "" or "无" or "/" or "-" or "—" or "——" or "－" or "N/A" or "n/a" or "NA";

    /// <summary>A whole number, allowing a unit after it: "8", "8G", "8 GB", "8g", "4核", "4C", "100GB".</summary>
    public static int? Integer(string? text, params string[] units)
    {
        var t = Fold(text);
        foreach (var unit in units.OrderByDescending(u => u.Length))
            if (t.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) { t = t[..^unit.Length].TrimEnd(); break; }
        if (t.EndsWith(".0")) t = t[..^2]; // a number cell that Excel stored as 8.0
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>是/否, Y/N, yes/no, true/false, 1/0, a tick or a cross as forms are marked; null when it is none of them (or empty).</summary>
    public static bool? YesNo(string? text) => Fold(text).ToLowerInvariant() switch
    {
        "是" or "y" or "yes" or "true" or "1" or "√" or "✓" or "✔" or "有" => true,
        "否" or "n" or "no" or "false" or "0" or "×" or "✗" or "✘" or "x" or "无" => false,
        _ => null,
    };

    /// <summary>The items of a list cell, in order, empty ones dropped.</summary>
    public static IReadOnlyList<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Separators().Split(text).Select(Clean).Where(s => s.Length > 0).ToList();

    /// <summary>Every kind of space but the line break (tabs, no-break, ideographic, en/em spaces…), runs made one.</summary>
    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[、，,；;/／\r\n]+")]
    private static partial Regex Separators();
}
