using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("审计日志");
        group.MapGet("/", Search).WithName("SearchAudit").Allow(Access.Audit)
            .WithSummary("查询审计日志（审计管理员；按操作人、单位、操作、对象、时间段筛选，分页，最新在前）").ProducesProblem(403);
        group.MapGet("/export", Export).WithName("ExportAudit").Allow(Access.Audit)
            .WithSummary("按同样的筛选条件导出 Excel（审计管理员）").ProducesProblem(403);
        group.MapGet("/verify", Verify).WithName("VerifyAudit").Allow(Access.Audit)
            .WithSummary("校验审计日志哈希链是否完整（审计管理员）：valid=false 时给出第一条被篡改的序号").ProducesProblem(403);
        return app;
    }

    private static AuditQuery Query(string? actor, Guid? organisationId, string? action, string? entityType, string? entityId,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize) =>
        new(actor, organisationId, action, entityType, entityId, from, to, page, pageSize);

    private static async Task<Ok<Paged<AuditEntryDto>>> Search(HttpContext http, AuditService service, string? actor, Guid? organisationId,
        string? action, string? entityType, string? entityId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.SearchAsync(Actor.From(http), Query(actor, organisationId, action, entityType, entityId, from, to, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, AuditService service, string? actor, Guid? organisationId,
        string? action, string? entityType, string? entityId, DateTimeOffset? from, DateTimeOffset? to, TimeProvider clock, CancellationToken ct)
    {
        var bytes = await service.ExportAsync(Actor.From(http), Query(actor, organisationId, action, entityType, entityId, from, to, null, null), ct);
        return TypedResults.File(bytes, ExcelExport.ContentType, ExcelExport.FileName("审计日志", clock));
    }

    private static async Task<Ok<AuditVerification>> Verify(HttpContext http, AuditService service, CancellationToken ct) =>
        TypedResults.Ok(await service.VerifyAsync(Actor.From(http), ct));
}
