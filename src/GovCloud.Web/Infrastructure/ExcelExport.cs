using MiniExcelLibs;

namespace GovCloud.Web.Infrastructure;

/// <summary>Lists leave the system as .xlsx with Chinese column headers, in the order given, written as Excel writes (<see cref="XlsxPackage"/>).</summary>
public static class ExcelExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Task<byte[]> ToXlsxAsync(IEnumerable<IDictionary<string, object?>> rows, string sheetName, CancellationToken ct) =>
        WriteAsync(Safe(rows), sheetName, ct);

    private static async Task<byte[]> WriteAsync(IEnumerable<IDictionary<string, object?>> safeRows, string sheetName, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(safeRows, sheetName: sheetName, cancellationToken: ct);
        return XlsxPackage.AsExcelWrites(stream.GetBuffer().AsMemory(0, (int)stream.Length));
    }

    /// <summary>
    /// A list as a sheet, one column per <paramref name="columns"/> entry. Rows are read as they are written (a query
    /// streams); a list with no rows still has its header row, so an empty result reads as "none", not as a broken file.
    /// </summary>
    public static Task<byte[]> ToXlsxAsync<T>(IEnumerable<T> items, IReadOnlyList<ExcelColumn<T>> columns, string sheetName, CancellationToken ct) =>
        WriteAsync(Sheet(items, columns), sheetName, ct);

    /// <summary>The rows of one sheet (for a workbook of several), each cell already safe; with no items, the header row alone.</summary>
    public static IEnumerable<IDictionary<string, object?>> Sheet<T>(IEnumerable<T> items, IReadOnlyList<ExcelColumn<T>> columns)
    {
        var headers = columns.Select(c => SpreadsheetText.Neutralise(c.Header)).ToArray();
        var any = false;
        foreach (var item in items)
        {
            any = true;
            var row = new Dictionary<string, object?>(columns.Count);
            for (var i = 0; i < columns.Count; i++) row[headers[i]] = SpreadsheetText.Neutralise(columns[i].Value(item));
            yield return row;
        }
        // The writer takes its headers from the first row: an empty one carries them.
        if (!any) yield return headers.ToDictionary(h => h, _ => (object?)null);
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
        return XlsxPackage.AsExcelWrites(stream.GetBuffer().AsMemory(0, (int)stream.Length));
    }

    /// <summary>A file name users recognise: what it is and when it was made (Beijing time).</summary>
    public static string FileName(string what, TimeProvider clock) => $"{what}-{clock.GetUtcNow().ToChina():yyyyMMddHHmm}.xlsx";
}

/// <summary>One column of an exported list: its Chinese header and how a row's cell is read.</summary>
public sealed record ExcelColumn<T>(string Header, Func<T, object?> Value);
