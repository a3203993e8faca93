using GovCloud.Domain.Security;
using GovCloud.Domain.Clocks;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Deadlines;

public static class DeadlinesApi
{
    public static IEndpointRouteBuilder MapDeadlinesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deadlines").WithTags("时限");
        group.MapGet("/", List).WithName("ListDeadlines").Allow(Access.Deadlines)
            .WithSummary("时限列表（按权限范围；state：Running 计时中、Paused 已暂停、Met 按时完成、Overdue 已超期、Cancelled 已取消；dueSoon=true 只看即将到期），按截止时间排序，分页");
        group.MapGet("/{id:guid}", Get).WithName("GetDeadline").Allow(Access.Deadlines).WithSummary("时限详情，含剩余工作日和红黄绿").ProducesProblem(404);
        group.MapGet("/dashboard", Dashboard).WithName("DeadlineDashboard").Allow(Access.DeadlineDashboard)
            .WithSummary("时限看板（大数据局、信息化中心）：按单位和环节统计超期与即将到期，按环节按月统计按时率").ProducesProblem(403);
        group.MapGet("/dashboard/export", Export).WithName("ExportDeadlineDashboard").Allow(Access.DeadlineDashboard).WithSummary("时限看板导出 Excel").ProducesProblem(403);
        return app;
    }

    private static async Task<Ok<Paged<ClockDto>>> List(HttpContext http, DeadlineClockService service, ClockState? state, string? step,
        Guid? organisationId, string? caseType, string? caseId, bool? dueSoon, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new ClockQuery(state, step, organisationId, caseType, caseId, dueSoon, page, pageSize), ct));

    private static async Task<Ok<ClockDto>> Get(Guid id, HttpContext http, DeadlineClockService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<DeadlineDashboard>> Dashboard(HttpContext http, DeadlineDashboardService service, int? months, CancellationToken ct) =>
        TypedResults.Ok(await service.DashboardAsync(Actor.From(http), months ?? 12, ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, DeadlineDashboardService service, TimeProvider clock, int? months, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), months ?? 12, ct), ExcelExport.ContentType, ExcelExport.FileName("时限看板", clock));
}
