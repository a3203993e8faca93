namespace GovCloud.Web.Infrastructure;

/// <summary>
/// Text cells that leave the product and come back. A cell starting with = + - or @ is a formula to
/// a spreadsheet program the moment someone edits it (or, in a CSV, at once): a name such as
/// "=HYPERLINK(…)" typed by one agency must not run on the Bureau's desk. Every export writes such a
/// text behind an apostrophe, which Excel, WPS and LibreOffice all show and keep as text; every
/// import takes the apostrophe off again, so an export imports back unchanged.
/// </summary>
public static class SpreadsheetText
{
    private static bool StartsLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text as an export writes it.</summary>
    public static string Neutralise(string text) => StartsLikeFormula(text) ? "'" + text : text;

    /// <summary>Any value of an export row: text is neutralised, numbers and dates stay what they are.</summary>
    public static object? Neutralise(object? value) => value is string text ? Neutralise(text) : value;

    /// <summary>The text as it was before <see cref="Neutralise(string)"/>.</summary>
    public static string Restore(string text) => text.Length > 1 && text[0] == '\'' && StartsLikeFormula(text[1..]) ? text[1..] : text;
}
