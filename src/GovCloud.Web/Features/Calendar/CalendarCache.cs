using GovCloud.Domain.Calendar;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Calendar;

/// <summary>
/// The built <see cref="WorkCalendar"/> of this instance, rebuilt when the database's calendar
/// version moves (one tiny query per use), so every instance answers from the same calendar.
/// </summary>
public sealed class CalendarCache
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Version, WorkCalendar Calendar)? _current;

    public async Task<WorkCalendar> GetAsync(GovCloudDbContext db, CancellationToken ct)
    {
        var version = await db.CalendarStates.AsNoTracking().Select(s => s.Version).FirstOrDefaultAsync(ct);
        if (_current is { } c && c.Version == version) return c.Calendar;
        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Version == version) return again.Calendar;
            var adjustments = await db.HolidayAdjustments.AsNoTracking()
                .Select(a => new CalendarAdjustment(a.Date, a.IsWorkingDay, a.Holiday)).ToListAsync(ct);
            var years = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
            var calendar = new WorkCalendar(adjustments, years);
            _current = (version, calendar);
            return calendar;
        }
        finally
        {
            _gate.Release();
        }
    }
}
