namespace GovCloud.Web.Infrastructure;

/// <summary>One page of a list, with the total the pager needs.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>The last page asked for that a list can reach: page × size stays an int, so a huge page number is an empty page, not page 1.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static (int Page, int PageSize) Normalise(int? page, int? pageSize) =>
        (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? 20, 1, MaxPageSize));
}
