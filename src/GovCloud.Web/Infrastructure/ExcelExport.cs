using MiniExcelLibs;

namespace GovCloud.Web.Infrastructure;

/// <summary>Lists leave the system as .xlsx with Chinese column headers, in the order given.</summary>
public static class ExcelExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<byte[]> ToXlsxAsync(IEnumerable<IDictionary<string, object?>> rows, string sheetName, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(Safe(rows), sheetName: sheetName, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>Every text cell written so that no spreadsheet program takes it for a formula (<see cref="SpreadsheetText"/>).</summary>
    public static IEnumerable<IDictionary<string, object?>> Safe(IEnumerable<IDictionary<string, object?>> rows) =>
        rows.Select(row => (IDictionary<string, object?>)row.ToDictionary(c => SpreadsheetText.Neutralise(c.Key), c => SpreadsheetText.Neutralise(c.Value)));

    /// <summary>Several sheets in one workbook, in the order given.</summary>
    public static async Task<byte[]> ToXlsxAsync(IDictionary<string, IEnumerable<IDictionary<string, object?>>> sheets, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        var workbook = sheets.ToDictionary(s => s.Key, s => (object)Safe(s.Value).ToList());
        await stream.SaveAsAsync(workbook, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>A file name users recognise: what it is and when it was made (Beijing time).</summary>
    public static string FileName(string what, TimeProvider clock) => $"{what}-{clock.GetUtcNow().ToChina():yyyyMMddHHmm}.xlsx";
}
