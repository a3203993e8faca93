using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Infrastructure;

/// <summary>
/// Case numbers as people quote them on the phone: a two-letter kind, the year and a running number (SQ2026-0001).
/// Called inside the transaction that holds the write turn, so two cases never get the same number; the unique
/// index on the number is the last guard.
/// </summary>
public static class CaseNumbers
{
    public static async Task<string> NextAsync(IQueryable<string> numbers, string kind, TimeProvider clock, CancellationToken ct)
    {
        var prefix = $"{kind}{ChinaTime.Today(clock).Year}-";
        var last = await numbers.Where(n => n.StartsWith(prefix)).OrderByDescending(n => n).FirstOrDefaultAsync(ct);
        return $"{prefix}{(last is null ? 1 : int.Parse(last[prefix.Length..]) + 1):D4}";
    }
}
