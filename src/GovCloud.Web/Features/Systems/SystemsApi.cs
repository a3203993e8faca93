using GovCloud.Domain.Security;
using GovCloud.Domain.Applications;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Systems;

public static class SystemsApi
{
    public static IEndpointRouteBuilder MapSystemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/systems").WithTags("信息系统台账");
        group.MapGet("/", List).WithName("ListSystems").Allow(Access.Systems)
            .WithSummary("信息系统台账（大数据局看全部，使用单位看本单位，县区看其部门；可按名称/开发商、单位、生命周期、类型筛选，分页）");
        group.MapGet("/export", Export).WithName("ExportSystems").Allow(Access.Systems).WithSummary("按同样的筛选条件导出信息系统台账 Excel");
        group.MapGet("/migration-rates", Rates).WithName("MigrationRates").Allow(Access.MigrationRates).WithSummary("各单位迁移上云率（已认定自建数据中心中的系统暂视为已迁移）");
        group.MapPost("/import", Import).WithName("ImportSystems").Allow(Role.AgencyOperator, Role.BureauApprover)
            .WithSummary("导入信息系统台账 .xlsx（表单字段 file；格式同导出，按单位+系统名称新增或更新）；有误时返回 422，errors 为 {row,column,header,message} 列表，且不做任何更改")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesProblem(422).ProducesProblem(403);
        group.MapGet("/migration-rates/history", History).WithName("MigrationRateHistory").Allow(Access.MigrationRates)
            .WithSummary("各单位月度迁移上云率记录（from、to 为 yyyy-MM；每月初自动记录上月）");
        group.MapPost("/migration-rates/snapshot", Snapshot).WithName("TakeMigrationSnapshot").Allow(Role.BureauApprover)
            .WithSummary("立即记录本月各单位迁移上云率（大数据局；覆盖本月已有记录）").ProducesProblem(403);
        group.MapGet("/{id:guid}", Get).WithName("GetSystem").Allow(Access.Systems).WithSummary("信息系统详情").ProducesProblem(404);
        group.MapPost("/", Create).WithName("RegisterSystem").Allow(Role.AgencyOperator, Role.BureauApprover).WithSummary("登记信息系统（使用单位经办人为本单位登记；审批人员可为任一使用单位登记）")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", Update).WithName("UpdateSystem").Allow(Role.AgencyOperator, Role.BureauApprover).WithSummary("修改信息系统（须带 version）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<Paged<InfoSystemDto>>> List(HttpContext http, InfoSystemService service, string? q, Guid? organisationId,
        SystemLifecycle? lifecycle, SystemKind? kind, int? page, int? pageSize, bool? offCloud, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new InfoSystemQuery(q, organisationId, lifecycle, kind, page, pageSize, offCloud), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, InfoSystemService service, TimeProvider clock, string? q,
        Guid? organisationId, SystemLifecycle? lifecycle, SystemKind? kind, bool? offCloud, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new InfoSystemQuery(q, organisationId, lifecycle, kind, OffCloud: offCloud), ct),
            ExcelExport.ContentType, ExcelExport.FileName("信息系统台账", clock));

    private static async Task<Ok<IReadOnlyList<MigrationRateDto>>> Rates(HttpContext http, InfoSystemService service, CancellationToken ct) =>
        TypedResults.Ok(await service.MigrationRatesAsync(Actor.From(http), ct));

    private static async Task<Ok<SystemImportResult>> Import(IFormFile? file, HttpContext http, InfoSystemService service, FileStore files, CancellationToken ct) =>
        TypedResults.Ok(await service.ImportAsync(Actor.From(http), await files.ReadAllAsync(file, "请选择台账文件（.xlsx）", ct), ct));

    private static async Task<Ok<IReadOnlyList<MigrationSnapshotDto>>> History(HttpContext http, MigrationSnapshots snapshots, string? from, string? to, CancellationToken ct) =>
        TypedResults.Ok(await snapshots.HistoryAsync(Actor.From(http), from, to, ct));

    private static async Task<Ok<int>> Snapshot(HttpContext http, MigrationSnapshots snapshots, CancellationToken ct) =>
        TypedResults.Ok((await snapshots.TakeNowAsync(Actor.From(http), ct)).Organisations);

    private static async Task<Ok<InfoSystemDto>> Get(Guid id, HttpContext http, InfoSystemService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Created<InfoSystemDto>> Create(InfoSystemInput input, HttpContext http, InfoSystemService service, CancellationToken ct)
    {
        var created = await service.CreateAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/systems/{created.Id}", created);
    }

    private static async Task<Ok<InfoSystemDto>> Update(Guid id, InfoSystemInput input, HttpContext http, InfoSystemService service, CancellationToken ct) =>
        TypedResults.Ok(await service.UpdateAsync(Actor.From(http), id, input, ct));
}
