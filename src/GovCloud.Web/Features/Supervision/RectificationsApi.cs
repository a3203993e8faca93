using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovCloud.Web.Features.Supervision;

public static class RectificationsApi
{
    public static IEndpointRouteBuilder MapRectificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/rectifications").WithTags("整改通知书");
        group.MapPost("/", Issue).WithName("IssueRectification").Allow(Access.RectificationIssuers)
            .WithSummary("下发整改通知书（大数据局、信息化中心、监管部门）：recipientId、title、legalBasis、items[]（text、risk High/Medium/Low）、periodLength、periodUnit（WorkingDays/CalendarDays）、contactName、contactPhone；按下发单位和年度编文号，开始整改时限；返回 id、number、dueOn")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapGet("/", List).WithName("ListRectifications").Allow(Access.Supervision)
            .WithSummary("整改通知书列表：state（Open/Closed）、organisationId（受文单位）、issuerId、overdue、dueSoon、risk、year、q（文号/标题/单位）筛选，超期的在前；使用单位只看到发给本单位的");
        group.MapGet("/export", Export).WithName("ExportRectifications").Allow(Access.Supervision).WithSummary("按同样的筛选条件导出整改通知书 Excel");
        group.MapGet("/dashboard", Dashboard).WithName("RectificationDashboard").Allow(Access.Supervision)
            .WithSummary("整改看板：整改中、即将到期、已超期、已办结，按受文单位、下发单位、最高风险等级统计；各单位每年的按期办结率（year 可选）");
        group.MapGet("/recipients", Recipients).WithName("RectificationRecipients").Allow(Access.RectificationIssuers).WithSummary("本单位可以下发整改通知书的受文单位");
        group.MapGet("/{id:guid}", Get).WithName("GetRectification").Allow(Access.Supervision)
            .WithSummary("一份整改通知书：各事项、每次答复与核验、时限（dueOn 为当前截止日，全部待核验时暂停计时为空）、mayAnswer/mayVerify").ProducesProblem(404);
        group.MapGet("/{id:guid}/notice.pdf", Pdf).WithName("RectificationNoticePdf").Allow(Access.Supervision)
            .WithSummary("整改通知书 PDF（GB/T 9704 公文格式，嵌入中文字体）").ProducesProblem(404).ProducesProblem(503);
        group.MapGet("/{id:guid}/notice.docx", Docx).WithName("RectificationNoticeDocx").Allow(Access.Supervision)
            .WithSummary("整改通知书 Word 版（.docx，供在 WPS/Word 中编辑）").ProducesProblem(404);
        group.MapPost("/{id:guid}/items/{itemId:guid}/response", Answer).WithName("AnswerRectificationItem").Allow(Access.RectificationAnswerers)
            .WithSummary($"受文单位逐项答复（multipart 表单：answer 整改情况、version、files 佐证材料，最多 {RectificationService.MaxEvidenceFiles} 个）；全部事项待核验时暂停计时")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/items/{itemId:guid}/verification", Verify).WithName("VerifyRectificationItem").Allow(Access.RectificationIssuers)
            .WithSummary("下发单位核验一项答复：verdict Accept 通过 / Reopen 退回重改（须写 reason）、version；全部通过即办结")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/evidence/{evidenceId:guid}", Evidence).WithName("DownloadRectificationEvidence").Allow(Access.Supervision)
            .WithSummary("下载佐证材料").ProducesProblem(404);
        return app;
    }

    private static async Task<Created<NoticeIssued>> Issue(NoticeInput input, HttpContext http, RectificationService service, CancellationToken ct)
    {
        var issued = await service.IssueAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/rectifications/{issued.Id}", issued);
    }

    private static async Task<Ok<Paged<NoticeRowDto>>> List(HttpContext http, RectificationService service, RectificationState? state, Guid? organisationId,
        Guid? issuerId, bool? overdue, bool? dueSoon, RiskLevel? risk, int? year, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new NoticeQuery(state, organisationId, issuerId, overdue, dueSoon, risk, year, q, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, RectificationService service, TimeProvider clock, RectificationState? state,
        Guid? organisationId, Guid? issuerId, bool? overdue, bool? dueSoon, RiskLevel? risk, int? year, string? q, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new NoticeQuery(state, organisationId, issuerId, overdue, dueSoon, risk, year, q), ct),
            ExcelExport.ContentType, ExcelExport.FileName("整改通知书", clock));

    private static async Task<Ok<NoticeDashboard>> Dashboard(HttpContext http, RectificationService service, int? year, CancellationToken ct) =>
        TypedResults.Ok(await service.DashboardAsync(Actor.From(http), year, ct));

    private static async Task<Ok<IReadOnlyList<NoticeRecipientDto>>> Recipients(HttpContext http, RectificationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.RecipientsAsync(Actor.From(http), ct));

    private static async Task<Ok<NoticeDto>> Get(Guid id, HttpContext http, RectificationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<FileContentHttpResult> Pdf(Guid id, HttpContext http, RectificationService service, CancellationToken ct)
    {
        var (document, name) = await service.DocumentAsync(Actor.From(http), id, ct);
        return TypedResults.File(OfficialPdf.Render(document), "application/pdf", name + ".pdf");
    }

    private static async Task<FileContentHttpResult> Docx(Guid id, HttpContext http, RectificationService service, CancellationToken ct)
    {
        var (document, name) = await service.DocumentAsync(Actor.From(http), id, ct);
        return TypedResults.File(OfficialDocx.Render(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
    }

    private static async Task<Ok<NoticeDto>> Answer(Guid id, Guid itemId, HttpContext http, RectificationService service, [FromForm] string? answer,
        [FromForm] long? version, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var uploads = form.Files.Where(f => f.Name == "files").ToList();
        var streams = uploads.Select(f => f.OpenReadStream()).ToList();
        try
        {
            return TypedResults.Ok(await service.AnswerAsync(Actor.From(http), id, itemId, answer,
                uploads.Select((f, i) => new Upload(f.FileName, streams[i], f.Length)).ToList(), version, ct));
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }

    private static async Task<Ok<NoticeDto>> Verify(Guid id, Guid itemId, VerificationInput input, HttpContext http, RectificationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.VerifyAsync(Actor.From(http), id, itemId, input, ct));

    private static async Task<FileStreamHttpResult> Evidence(Guid id, Guid evidenceId, HttpContext http, RectificationService service, CancellationToken ct)
    {
        var (content, name) = await service.OpenEvidenceAsync(Actor.From(http), id, evidenceId, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }
}
