using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Supervision;

public static class SecurityEventsApi
{
    public static IEndpointRouteBuilder MapSecurityEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/security-events").WithTags("云平台安全状况");
        events.MapPost("/", Record).WithName("RecordSecurityEvent").Allow(Role.CenterOperator)
            .WithSummary("信息化中心登记安全事件：title、kind（MaliciousCode/NetworkAttack/InformationDestruction/ContentSecurity/EquipmentFailure/Disaster/Other）、severity（Critical/Major/Significant/General）、occurredAt、description、受影响的 organisationIds/systemIds/vmIds；即时通知受影响单位和大数据局，较大及以上同时通知监管部门；返回 id、number")
            .ProducesValidationProblem().ProducesProblem(403);
        events.MapGet("/", List).WithName("ListSecurityEvents").Allow(Access.Supervision)
            .WithSummary("安全事件列表：state（Handling/Closed）、kind、severity、organisationId、from/to（发生日期）、q 筛选，新的在前；使用单位只看到涉及本单位的事件及其中本单位的部分");
        events.MapGet("/export", Export).WithName("ExportSecurityEvents").Allow(Access.Supervision).WithSummary("按同样的筛选条件导出安全事件 Excel");
        events.MapGet("/affectable", Affectable).WithName("AffectableBySecurityEvents").Allow(Role.CenterOperator)
            .WithSummary("登记事件时可选的受影响单位、信息系统及其虚拟机");
        events.MapGet("/{id:guid}", Get).WithName("GetSecurityEvent").Allow(Access.Supervision).WithSummary("一个安全事件：受影响对象、处置措施、处置结果").ProducesProblem(404);
        events.MapPost("/{id:guid}/steps", Step).WithName("AddSecurityEventStep").Allow(Role.CenterOperator)
            .WithSummary("登记一条处置措施（text、version）").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        events.MapPost("/{id:guid}/close", Close).WithName("CloseSecurityEvent").Allow(Role.CenterOperator)
            .WithSummary("处置完毕（conclusion 处置结果、version；须已有处置措施）；通知受影响单位").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var bulletins = app.MapGroup("/api/v1/security-bulletins").WithTags("云平台安全状况");
        bulletins.MapGet("/", Bulletins).WithName("ListSecurityBulletins").Allow(Access.Supervision).WithSummary("已发布的云安全状况通报（year 可选），新的在前");
        bulletins.MapGet("/preview", Preview).WithName("PreviewSecurityBulletin").Allow(Role.CenterOperator)
            .WithSummary("发布前预览某一期间（from、to）的通报数据：事件按类别和级别统计、整改情况、存在问题的单位").ProducesValidationProblem();
        bulletins.MapPost("/", Publish).WithName("PublishSecurityBulletin").Allow(Role.CenterOperator)
            .WithSummary("信息化中心发布云安全状况通报（periodFrom、periodTo、summary 总体情况）：按年度编文号，数据在发布时固定，通知各使用单位、监管部门和大数据局")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        bulletins.MapGet("/{id:guid}", Bulletin).WithName("GetSecurityBulletin").Allow(Access.Supervision).WithSummary("一期通报及其数据").ProducesProblem(404);
        bulletins.MapGet("/{id:guid}.pdf", Pdf).WithName("SecurityBulletinPdf").Allow(Access.Supervision)
            .WithSummary("云安全状况通报 PDF（GB/T 9704 公文格式，嵌入中文字体）").ProducesProblem(404).ProducesProblem(503);
        bulletins.MapGet("/{id:guid}.docx", Docx).WithName("SecurityBulletinDocx").Allow(Access.Supervision)
            .WithSummary("云安全状况通报 Word 版（.docx）").ProducesProblem(404);
        return app;
    }

    private static async Task<Created<SecurityEventCreated>> Record(SecurityEventInput input, HttpContext http, SecurityEventService service, CancellationToken ct)
    {
        var created = await service.RecordAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/security-events/{created.Id}", created);
    }

    private static async Task<Ok<Paged<SecurityEventRowDto>>> List(HttpContext http, SecurityEventService service, SecurityEventState? state,
        SecurityEventKind? kind, SecuritySeverity? severity, Guid? organisationId, DateOnly? from, DateOnly? to, string? q, int? page, int? pageSize,
        CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new SecurityEventQuery(state, kind, severity, organisationId, from, to, q, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, SecurityEventService service, TimeProvider clock, SecurityEventState? state,
        SecurityEventKind? kind, SecuritySeverity? severity, Guid? organisationId, DateOnly? from, DateOnly? to, string? q, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new SecurityEventQuery(state, kind, severity, organisationId, from, to, q), ct),
            ExcelExport.ContentType, ExcelExport.FileName("安全事件", clock));

    private static async Task<Ok<AffectableDto>> Affectable(HttpContext http, SecurityEventService service, CancellationToken ct) =>
        TypedResults.Ok(await service.AffectableAsync(Actor.From(http), ct));

    private static async Task<Ok<SecurityEventDto>> Get(Guid id, HttpContext http, SecurityEventService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<SecurityEventDto>> Step(Guid id, SecurityEventStepInput input, HttpContext http, SecurityEventService service, CancellationToken ct) =>
        TypedResults.Ok(await service.AddStepAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<SecurityEventDto>> Close(Guid id, SecurityEventClosing input, HttpContext http, SecurityEventService service, CancellationToken ct) =>
        TypedResults.Ok(await service.CloseAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<IReadOnlyList<BulletinRowDto>>> Bulletins(SecurityEventService service, int? year, CancellationToken ct) =>
        TypedResults.Ok(await service.BulletinsAsync(year, ct));

    private static async Task<Ok<BulletinFacts>> Preview(HttpContext http, SecurityEventService service, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (from is null || to is null || to < from || to.Value.DayNumber - from.Value.DayNumber >= SecurityEventRules.MaxBulletinDays)
            throw ProblemException.Invalid("to", "请给出不超过一年的通报期间（from、to）");
        return TypedResults.Ok(await service.PreviewAsync(Actor.From(http), from.Value, to.Value, ct));
    }

    private static async Task<Created<BulletinRowDto>> Publish(BulletinInput input, HttpContext http, SecurityEventService service, CancellationToken ct)
    {
        var published = await service.PublishAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/security-bulletins/{published.Id}", published);
    }

    private static async Task<Ok<BulletinDto>> Bulletin(Guid id, SecurityEventService service, CancellationToken ct) =>
        TypedResults.Ok(await service.BulletinAsync(id, ct));

    private static async Task<FileContentHttpResult> Pdf(Guid id, SecurityEventService service, CancellationToken ct)
    {
        var (document, name) = await service.BulletinDocumentAsync(id, ct);
        return TypedResults.File(OfficialPdf.Render(document), "application/pdf", name + ".pdf");
    }

    private static async Task<FileContentHttpResult> Docx(Guid id, SecurityEventService service, CancellationToken ct)
    {
        var (document, name) = await service.BulletinDocumentAsync(id, ct);
        return TypedResults.File(OfficialDocx.Render(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
    }
}
