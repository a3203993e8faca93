using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Supervision;

public static class InspectionsApi
{
    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inspections").WithTags("联合安全检查");
        group.MapPost("/", Plan).WithName("PlanInspection").Allow(Role.BureauApprover)
            .WithSummary("大数据局制定联合安全检查：name、startsOn、endsOn、targets[]（organisationId，可加 systemId；信息化中心即云平台本身）、participantIds[]（监管部门、信息化中心）、checklist[]（省略时用配置的模板）")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapGet("/", List).WithName("ListInspections").Allow(Access.Supervision).WithSummary("联合安全检查列表；使用单位只看到检查本单位的");
        group.MapGet("/checklist-template", Template).WithName("InspectionChecklistTemplate").Allow(Access.Supervision).WithSummary("检查内容模板（配置）");
        group.MapGet("/{id:guid}", Get).WithName("GetInspection").Allow(Access.Supervision)
            .WithSummary("一次检查：检查对象及各自发现的问题（使用单位只看到本单位的）、参加单位、mayRecord/mayComplete/mayIssue").ProducesProblem(404);
        group.MapPost("/{id:guid}/findings", Record).WithName("RecordFinding").Allow(Access.RectificationIssuers)
            .WithSummary("参加单位记录发现的问题：targetId、checklistItem（本次检查所列的一项）、risk（High/Medium/Low）、description")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/findings/{findingId:guid}/evidence", AddEvidence).WithName("AddFindingEvidence").Allow(Access.RectificationIssuers)
            .WithSummary("上传问题的证据材料（表单字段 file），由记录该问题的单位上传")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/findings/{findingId:guid}/evidence/{evidenceId:guid}", Evidence).WithName("DownloadFindingEvidence").Allow(Access.Supervision)
            .WithSummary("下载证据材料").ProducesProblem(404);
        group.MapPost("/{id:guid}/complete", Complete).WithName("CompleteInspection").Allow(Role.BureauApprover)
            .WithSummary("大数据局结束检查（带 version），此后不再记录问题").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/report.pdf", ReportPdf).WithName("InspectionReportPdf").Allow(Access.Supervision)
            .WithSummary("检查报告 PDF：整体，或 targetId 指定的一个检查对象").ProducesProblem(404).ProducesProblem(503);
        group.MapGet("/{id:guid}/report.docx", ReportDocx).WithName("InspectionReportDocx").Allow(Access.Supervision)
            .WithSummary("检查报告 Word 版：整体，或 targetId 指定的一个检查对象").ProducesProblem(404);
        return app;
    }

    private static async Task<Created<InspectionDto>> Plan(InspectionInput input, HttpContext http, InspectionService service, CancellationToken ct)
    {
        var planned = await service.PlanAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/inspections/{planned.Id}", planned);
    }

    private static async Task<Ok<IReadOnlyList<InspectionRowDto>>> List(HttpContext http, InspectionService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), ct));

    private static Ok<IReadOnlyList<string>> Template(InspectionService service) => TypedResults.Ok(service.ChecklistTemplate);

    private static async Task<Ok<InspectionDto>> Get(Guid id, HttpContext http, InspectionService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Created<FindingDto>> Record(Guid id, FindingInput input, HttpContext http, InspectionService service, CancellationToken ct)
    {
        var finding = await service.RecordAsync(Actor.From(http), id, input, ct);
        return TypedResults.Created($"/api/v1/inspections/{id}#finding-{finding.Id}", finding);
    }

    private static async Task<Ok<FindingDto>> AddEvidence(Guid id, Guid findingId, HttpContext http, InspectionService service, IFormFile? file, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        return TypedResults.Ok(await service.AddEvidenceAsync(Actor.From(http), id, findingId, file?.FileName, content, file?.Length ?? 0, ct));
    }

    private static async Task<FileStreamHttpResult> Evidence(Guid id, Guid findingId, Guid evidenceId, HttpContext http, InspectionService service, CancellationToken ct)
    {
        var (content, name) = await service.OpenEvidenceAsync(Actor.From(http), id, findingId, evidenceId, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<Ok<InspectionDto>> Complete(Guid id, InspectionCompletion input, HttpContext http, InspectionService service, CancellationToken ct) =>
        TypedResults.Ok(await service.CompleteAsync(Actor.From(http), id, input, ct));

    private static async Task<FileContentHttpResult> ReportPdf(Guid id, Guid? targetId, HttpContext http, InspectionService service, CancellationToken ct)
    {
        var (document, name) = await service.ReportAsync(Actor.From(http), id, targetId, ct);
        return TypedResults.File(OfficialPdf.Render(document), "application/pdf", name + ".pdf");
    }

    private static async Task<FileContentHttpResult> ReportDocx(Guid id, Guid? targetId, HttpContext http, InspectionService service, CancellationToken ct)
    {
        var (document, name) = await service.ReportAsync(Actor.From(http), id, targetId, ct);
        return TypedResults.File(OfficialDocx.Render(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
    }
}
