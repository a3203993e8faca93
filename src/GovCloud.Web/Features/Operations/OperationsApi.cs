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

        var onFile = app.MapGroup("/api/v1/systems/{id:guid}/operations").WithTags("运行保障");
        onFile.MapGet("", GetOnFile).WithName("GetSystemOperations").Allow(Access.Supervision)
            .WithSummary("一个信息系统的运维日志与预案：日志保存位置与期限、运维管理制度、应急处置预案、应急演练及报告，缺少或过期的事项（problems）").ProducesProblem(404);
        onFile.MapPut("", SaveOnFile).WithName("SaveSystemOperations").Allow(Access.Agency)
            .WithSummary("系统所属使用单位登记日志保存位置（logLocation）与期限（logRetentionMonths，少于 6 个月列为问题）；修改须带 version")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        onFile.MapPost("/drills", AddDrill).WithName("AddEmergencyDrill").Allow(Access.Agency)
            .WithSummary("登记一次应急演练：heldOn、scenario（场景）、result（结果）").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        onFile.MapPost("/documents", AddOnFileDocument).WithName("AddOperationsDocument").Allow(Access.Agency)
            .WithSummary("上传运维材料（multipart 表单：kind Rules 运维管理制度 / EmergencyPlan 应急处置预案（须 issuedOn 印发日期）/ DrillReport 应急演练报告（须 drillId）、file）")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);
        onFile.MapGet("/documents/{documentId:guid}", OnFileDocument).WithName("DownloadOperationsDocument").Allow(Access.Supervision)
            .WithSummary("下载运维材料").ProducesProblem(404);
        app.MapGet("/api/v1/operations/gaps", Gaps).WithTags("运行保障").WithName("ListOperationsGaps").Allow(Access.Supervision)
            .WithSummary("运维日志与预案缺少或过期的上云信息系统（日志少于 6 个月、未备案或超期未修订的制度与预案、超过一年未演练），问题多的在前；使用单位只看本单位");

        var bulletins = app.MapGroup("/api/v1/bulletins").WithTags("运行保障");
        bulletins.MapGet("", Bulletins).WithName("ListOperationsBulletins").Allow(Access.Utilisation)
            .WithSummary("月度运行情况通报，新的在前：已发布的所有人可见，待审核的草稿只有信息化中心和大数据局可见；使用单位看到的数字是本单位部分");
        bulletins.MapGet("/{month}", Bulletin).WithName("GetOperationsBulletin").Allow(Access.Utilisation)
            .WithSummary("一个月的运行情况通报及其数据（facts）：使用单位只得到本单位部分和全市合计数（own = true）").ProducesProblem(404);
        bulletins.MapGet("/{month}.pdf", BulletinPdf).WithName("OperationsBulletinPdf").Allow(Access.Utilisation)
            .WithSummary("运行情况通报 PDF（GB/T 9704 版式，含图表，嵌入中文字体）；使用单位得到本单位部分和全市合计数").ProducesProblem(404).ProducesProblem(503);
        bulletins.MapGet("/{month}.xlsx", BulletinExcel).WithName("OperationsBulletinExcel").Allow(Access.Utilisation)
            .WithSummary("运行情况通报 Excel（每项一张工作表，全部明细）；使用单位得到本单位部分和全市合计数").ProducesProblem(404);
        bulletins.MapPost("/{month}/count", CountBulletin).WithName("CountOperationsBulletin").Allow(Role.CenterOperator)
            .WithSummary("信息化中心统计（或重新统计）已结束月份的通报数据，生成待审核的草稿；已发布的月份不再统计（409）。每月第一个工作日系统自动统计上月")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        bulletins.MapPost("/{month}/publish", PublishBulletin).WithName("PublishOperationsBulletin").Allow(Role.CenterOperator)
            .WithSummary("信息化中心审核后发布：summary（总体情况）、version；编号后通知各使用单位、大数据局和财政局")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<OperationsBulletinRowDto>>> Bulletins(HttpContext http, OperationsBulletinService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), ct));

    private static async Task<Ok<OperationsBulletinDto>> Bulletin(string month, HttpContext http, OperationsBulletinService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), month, ct));

    private static async Task<FileContentHttpResult> BulletinPdf(string month, HttpContext http, OperationsBulletinService service, CancellationToken ct)
    {
        var (pdf, name) = await service.PdfAsync(Actor.From(http), month, ct);
        return TypedResults.File(pdf, "application/pdf", name);
    }

    private static async Task<FileContentHttpResult> BulletinExcel(string month, HttpContext http, OperationsBulletinService service, CancellationToken ct)
    {
        var (xlsx, name) = await service.ExcelAsync(Actor.From(http), month, ct);
        return TypedResults.File(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private static async Task<Ok<OperationsBulletinDto>> CountBulletin(string month, HttpContext http, OperationsBulletinService service, CancellationToken ct) =>
        TypedResults.Ok(await service.CountAsync(Actor.From(http), month, ct));

    private static async Task<Ok<OperationsBulletinDto>> PublishBulletin(string month, OperationsBulletinPublishing input, HttpContext http,
        OperationsBulletinService service, CancellationToken ct) =>
        TypedResults.Ok(await service.PublishAsync(Actor.From(http), month, input, ct));

    private static async Task<Ok<SystemOperationsDto>> GetOnFile(Guid id, HttpContext http, SystemOperationsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<SystemOperationsDto>> SaveOnFile(Guid id, SystemOperationsInput input, HttpContext http, SystemOperationsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SaveAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<SystemOperationsDto>> AddDrill(Guid id, DrillInput input, HttpContext http, SystemOperationsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.AddDrillAsync(Actor.From(http), id, input, ct));

    // The form's fields are read as text so that a wrong one is said at its field, in Chinese, rather than as a binding failure.
    private static async Task<Ok<SystemOperationsDto>> AddOnFileDocument(Guid id, HttpContext http, SystemOperationsService service,
        [Microsoft.AspNetCore.Mvc.FromForm] string? kind, [Microsoft.AspNetCore.Mvc.FromForm] string? issuedOn, [Microsoft.AspNetCore.Mvc.FromForm] string? drillId,
        IFormFile? file, CancellationToken ct)
    {
        var v = new Validation();
        OperationsDocumentKind? parsedKind = Enum.TryParse<OperationsDocumentKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;
        if (!string.IsNullOrWhiteSpace(kind) && parsedKind is null) v.Add("kind", "材料类别须为 Rules（运维管理制度）、EmergencyPlan（应急处置预案）或 DrillReport（应急演练报告）");
        DateOnly? parsedDate = DateOnly.TryParseExact(issuedOn?.Trim(), "yyyy-MM-dd", out var d) ? d : null;
        if (!string.IsNullOrWhiteSpace(issuedOn) && parsedDate is null) v.Add("issuedOn", "印发日期格式为 yyyy-MM-dd");
        Guid? parsedDrill = Guid.TryParse(drillId, out var g) ? g : null;
        if (!string.IsNullOrWhiteSpace(drillId) && parsedDrill is null) v.Add("drillId", "所属应急演练的编号格式不正确");
        v.ThrowIfInvalid();
        await using var content = file?.OpenReadStream();
        return TypedResults.Ok(await service.AddDocumentAsync(Actor.From(http), id, parsedKind, parsedDate, parsedDrill, file?.FileName, content, file?.Length ?? 0, ct));
    }

    private static async Task<FileStreamHttpResult> OnFileDocument(Guid id, Guid documentId, HttpContext http, SystemOperationsService service, CancellationToken ct)
    {
        var (content, name) = await service.OpenDocumentAsync(Actor.From(http), id, documentId, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<Ok<IReadOnlyList<OperationsGapDto>>> Gaps(HttpContext http, SystemOperationsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GapsAsync(Actor.From(http), ct));

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
