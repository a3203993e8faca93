using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Pools;

public static class PoolsApi
{
    public static IEndpointRouteBuilder MapPoolsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pools").WithTags("资源池");
        group.MapGet("/", List).WithName("ListPools").Allow(Access.Pools)
            .WithSummary("各网络分区资源池：硬件容量、按超分比可分配量、已开通、已预留（已批准未开通）、剩余（vCPU 核、内存 GB、存储 GB）");
        group.MapGet("/trend", Trend).WithName("PoolTrend").Allow(Access.Pools)
            .WithSummary("各分区近 months 个月（默认 12）的可分配量与已占用量：每月末记录，本月为当前值");
        group.MapGet("/{zoneId:guid}/capacity-changes", History).WithName("PoolCapacityHistory").Allow(Access.Pools).WithSummary("某分区容量的增减记录及来源");
        group.MapPost("/{zoneId:guid}/capacity-changes", Add).WithName("AddPoolCapacity").Allow(Role.BureauApprover)
            .WithSummary("增加（或以“更正”减少）分区容量，注明来源：新购、撤销数据中心统筹利用等（大数据局）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<PoolDto>>> List(PoolService pools, CancellationToken ct) => TypedResults.Ok(await pools.PoolsAsync(ct));

    private static async Task<Ok<IReadOnlyList<PoolMonthDto>>> Trend(PoolService pools, int? months, CancellationToken ct) =>
        TypedResults.Ok(await pools.TrendAsync(months ?? 12, ct));

    private static async Task<Ok<IReadOnlyList<CapacityChangeDto>>> History(Guid zoneId, PoolService pools, CancellationToken ct) =>
        TypedResults.Ok(await pools.HistoryAsync(zoneId, ct));

    private static async Task<Ok<PoolDto>> Add(Guid zoneId, CapacityInput input, HttpContext http, PoolService pools, CancellationToken ct) =>
        TypedResults.Ok(await pools.AddCapacityAsync(Actor.From(http), zoneId, input, ct));
}
