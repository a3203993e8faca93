namespace GovCloud.Domain.Calendar;

/// <summary>
/// The dates a person may type anywhere in the product: not before <see cref="Earliest"/> (nothing in a city's
/// cloud records is older) and not after <see cref="Latest"/>. 0001-01-01 and 9999-12-31 are slips or probes,
/// never facts; stored, they break every period computed from them. Each form may narrow this further
/// ("not after today", "not before today"); none may widen it.
/// </summary>
public sealed record PlausibleDates(DateOnly Earliest, DateOnly Latest)
{
    /// <summary>From a fixed first day to so many years after today.</summary>
    public static PlausibleDates Around(DateOnly today, DateOnly earliest, int yearsAhead) => new(earliest, today.AddYears(yearsAhead));

    /// <summary>Why the date is refused, in Chinese; null when it is plausible.</summary>
    public string? Check(DateOnly date, string label) =>
        date < Earliest || date > Latest ? $"{label}须在 {Earliest:yyyy-MM-dd} 至 {Latest:yyyy-MM-dd} 之间" : null;
}
