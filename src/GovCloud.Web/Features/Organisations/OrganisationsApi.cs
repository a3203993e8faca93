using GovCloud.Domain.Security;
using GovCloud.Domain.Organisations;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Organisations;

public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organisations").WithTags("单位");

        group.MapGet("/", List).WithName("ListOrganisations").Allow(Access.Organisations)
            .WithSummary("单位列表（按权限范围；可按名称/信用代码、类型、上级、状态筛选，分页）");
        group.MapGet("/export", Export).WithName("ExportOrganisations").Allow(Role.SystemAdmin).WithSummary("按同样的筛选条件导出单位列表 Excel");
        group.MapGet("/{id:guid}", Get).WithName("GetOrganisation").Allow(Access.Organisations).WithSummary("单位详情").ProducesProblem(404);
        group.MapPost("/", Create).WithName("CreateOrganisation").Allow(Role.SystemAdmin).WithSummary("新建单位（系统管理员）")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", Update).WithName("UpdateOrganisation").Allow(Role.SystemAdmin).WithSummary("修改单位（系统管理员；须带 version，过期返回 409）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<Paged<OrganisationDto>>> List(
        HttpContext http, OrganisationService service, string? q, OrganisationType? type, Guid? parentId, bool? isActive,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new OrganisationQuery(q, type, parentId, isActive, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, OrganisationService service, TimeProvider clock,
        string? q, OrganisationType? type, Guid? parentId, bool? isActive, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new OrganisationQuery(q, type, parentId, isActive), ct),
            ExcelExport.ContentType, ExcelExport.FileName("单位列表", clock));

    private static async Task<Ok<OrganisationDto>> Get(Guid id, HttpContext http, OrganisationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Created<OrganisationDto>> Create(OrganisationInput input, HttpContext http, OrganisationService service, CancellationToken ct)
    {
        var created = await service.CreateAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/organisations/{created.Id}", created);
    }

    private static async Task<Ok<OrganisationDto>> Update(Guid id, OrganisationInput input, HttpContext http, OrganisationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.UpdateAsync(Actor.From(http), id, input, ct));
}
