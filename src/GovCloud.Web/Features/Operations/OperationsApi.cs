using GovCloud.Domain.Operations;
using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Operations;

public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/v1/incidents").WithTags("运行保障");
        incidents.MapPost("", Record).WithName("RecordIncident").Allow(Role.CenterOperator)
            .WithSummary("信息化中心运维人员登记运行故障：title、kind（Outage 服务中断 / Degradation 性能下降）、startedAt、endedAt（已恢复时填写）、" +
                         "zones（受影响的网络分区名称）、systemIds（受影响的信息系统）、cause、handling；通知受影响单位经办人和大数据局；服务中断计入可用率")
            .ProducesValidationProblem().ProducesProblem(403);
        incidents.MapGet("", List).WithName("ListIncidents").Allow(Access.Utilisation)
            .WithSummary("运行故障列表：kind、open（true 未恢复 / false 已恢复）、zone、from/to（开始日期）、q 筛选，新的在前；使用单位只看到涉及本单位系统或其所在网络分区的故障");
        incidents.MapGet("/export", Export).WithName("ExportIncidents").Allow(Access.Utilisation).WithSummary("按同样的筛选条件导出运行故障 Excel");
        incidents.MapGet("/affectable", Affectable).WithName("IncidentTargets").Allow(Role.CenterOperator).WithSummary("登记故障时可选的网络分区和信息系统");
        incidents.MapGet("/{id:guid}", Get).WithName("GetIncident").Allow(Access.Utilisation).WithSummary("一次运行故障").ProducesProblem(404);
        incidents.MapPost("/{id:guid}/close", Close).WithName("CloseIncident").Allow(Role.CenterOperator)
            .WithSummary("登记恢复：endedAt、handling（处置情况）、cause（可补充）、version；通知受影响单位")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        app.MapGet("/api/v1/availability", Availability).WithTags("运行保障").WithName("GetAvailability").Allow(Access.Utilisation)
            .WithSummary("月度可用率：month=yyyy-MM（默认上月），按网络分区和信息系统，由服务中断计算；低于服务水平目标的标出；使用单位看各网络分区和本单位的系统")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Created<IncidentDto>> Record(IncidentInput input, HttpContext http, IncidentService incidents, CancellationToken ct)
    {
        var created = await incidents.RecordAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/incidents/{created.Id}", created);
    }

    private static async Task<Ok<Paged<IncidentRowDto>>> List(HttpContext http, IncidentService incidents, IncidentKind? kind, bool? open, string? zone,
        DateOnly? from, DateOnly? to, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await incidents.ListAsync(Actor.From(http), new IncidentQuery(kind, open, zone, from, to, q, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, IncidentService incidents, TimeProvider clock, IncidentKind? kind, bool? open,
        string? zone, DateOnly? from, DateOnly? to, string? q, CancellationToken ct) =>
        TypedResults.File(await incidents.ExportAsync(Actor.From(http), new IncidentQuery(kind, open, zone, from, to, q), ct), ExcelExport.ContentType,
            ExcelExport.FileName("运行故障", clock));

    private static async Task<Ok<IncidentTargetsDto>> Affectable(HttpContext http, IncidentService incidents, CancellationToken ct) =>
        TypedResults.Ok(await incidents.AffectableAsync(Actor.From(http), ct));

    private static async Task<Ok<IncidentDto>> Get(Guid id, HttpContext http, IncidentService incidents, CancellationToken ct) =>
        TypedResults.Ok(await incidents.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<IncidentDto>> Close(Guid id, IncidentClosing input, HttpContext http, IncidentService incidents, CancellationToken ct) =>
        TypedResults.Ok(await incidents.CloseAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AvailabilityReport>> Availability(HttpContext http, IncidentService incidents, string? month, CancellationToken ct) =>
        TypedResults.Ok(await incidents.AvailabilityAsync(Actor.From(http), month, ct));
}
