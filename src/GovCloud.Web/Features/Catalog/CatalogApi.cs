using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Catalog;

public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/v1/catalog").WithTags("服务目录与网络分区");
        catalog.MapGet("/", Items).WithName("ListCatalog").Allow(Access.Catalog)
            .WithSummary("云资源服务目录（附件4）：各项服务及 on 当日（默认今天）适用的单价，以及已设定的未来单价");
        catalog.MapGet("/{code}/prices", History).WithName("CatalogPriceHistory").Allow(Access.Catalog).WithSummary("某项服务的全部历史单价").ProducesProblem(404);
        catalog.MapPost("/", CreateItem).WithName("CreateCatalogItem").Allow(Role.BureauApprover).WithSummary("新增服务目录项（大数据局）")
            .ProducesValidationProblem().ProducesProblem(403);
        catalog.MapPut("/{code}", UpdateItem).WithName("UpdateCatalogItem").Allow(Role.BureauApprover).WithSummary("修改服务名称、规格、是否启用（须带 version）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        catalog.MapPost("/{code}/prices", SetPrice).WithName("SetCatalogPrice").Allow(Role.BureauApprover)
            .WithSummary("设定某计费项自某日起的单价（生效日期不早于今天；历史单价保留，可查询任一日期适用的价格）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        var zones = app.MapGroup("/api/v1/zones").WithTags("服务目录与网络分区");
        zones.MapGet("/", Zones).WithName("ListNetworkZones").Allow(Access.Catalog).WithSummary("网络分区：允许的服务器类型、操作系统镜像、容量");
        zones.MapPost("/", CreateZone).WithName("CreateNetworkZone").Allow(Role.BureauApprover).WithSummary("新增网络分区（大数据局）").ProducesValidationProblem().ProducesProblem(403);
        zones.MapPut("/{id:guid}", UpdateZone).WithName("UpdateNetworkZone").Allow(Role.BureauApprover).WithSummary("修改网络分区（须带 version）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CatalogItemDto>>> Items(CatalogService service, DateOnly? on, bool? includeInactive, CancellationToken ct) =>
        TypedResults.Ok(await service.ItemsAsync(on, includeInactive ?? false, ct));

    private static async Task<Ok<IReadOnlyList<CatalogPriceDto>>> History(string code, CatalogService service, CancellationToken ct) =>
        TypedResults.Ok(await service.HistoryAsync(code, ct));

    private static async Task<Created<CatalogItemDto>> CreateItem(CatalogItemInput input, HttpContext http, CatalogService service, CancellationToken ct)
    {
        var item = await service.CreateItemAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/catalog/{item.Code}", item);
    }

    private static async Task<Ok<CatalogItemDto>> UpdateItem(string code, CatalogItemInput input, HttpContext http, CatalogService service, CancellationToken ct) =>
        TypedResults.Ok(await service.UpdateItemAsync(Actor.From(http), code, input, ct));

    private static async Task<Ok<CatalogItemDto>> SetPrice(string code, CatalogPriceInput input, HttpContext http, CatalogService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SetPriceAsync(Actor.From(http), code, input, ct));

    private static async Task<Ok<IReadOnlyList<NetworkZoneDto>>> Zones(CatalogService service, bool? includeInactive, CancellationToken ct) =>
        TypedResults.Ok(await service.ZonesAsync(includeInactive ?? false, ct));

    private static async Task<Created<NetworkZoneDto>> CreateZone(NetworkZoneInput input, HttpContext http, CatalogService service, CancellationToken ct)
    {
        var zone = await service.CreateZoneAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/zones/{zone.Id}", zone);
    }

    private static async Task<Ok<NetworkZoneDto>> UpdateZone(Guid id, NetworkZoneInput input, HttpContext http, CatalogService service, CancellationToken ct) =>
        TypedResults.Ok(await service.UpdateZoneAsync(Actor.From(http), id, input, ct));
}
