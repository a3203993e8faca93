using GovCloud.Domain.Security;
using GovCloud.Domain.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Supervision;

public static class SupervisionApi
{
    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var system = app.MapGroup("/api/v1/systems/{id:guid}/mlps").WithTags("等级保护");
        system.MapGet("/", Get).WithName("GetMlps").Allow(Access.Supervision)
            .WithSummary("一个信息系统的等级保护：定级、备案、敏感数据声明、测评记录、下次测评截止与状况（standing）、正式开通的前提（blockerOfFormalUse）").ProducesProblem(404);
        system.MapPost("/", Save).WithName("SaveMlps").Allow(Role.AgencyOperator, Role.AgencySecurityOfficer, Role.CenterOperator)
            .WithSummary("登记或修改定级、备案与敏感数据声明（系统所属使用单位；政务云平台本身由信息化中心运维人员登记；修改须带 version）；等保三级及以上未备案的系统不能正式开通")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        system.MapPost("/assessments", Assess).WithName("AddMlpsAssessment").Allow(Role.AgencyOperator, Role.AgencySecurityOfficer, Role.CenterOperator)
            .WithSummary("登记一次等级测评（测评日期、测评机构、结论 Compliant/BasicallyCompliant/NonCompliant、得分、遗留问题）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        system.MapPost("/documents", AddDocument).WithName("AddMlpsDocument").Allow(Role.AgencyOperator, Role.AgencySecurityOfficer, Role.CenterOperator)
            .WithSummary("上传等级保护材料（multipart 表单：kind GradingReport 定级报告 / FilingCertificate 备案证明 / AssessmentReport 测评报告、测评报告须带 assessmentId、file）")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);
        system.MapGet("/documents/{documentId:guid}", Document).WithName("DownloadMlpsDocument").Allow(Access.Supervision)
            .WithSummary("下载等级保护材料").ProducesProblem(404);
        system.MapPost("/exception", Except).WithName("RecordMlpsException").Allow(Role.BureauApprover)
            .WithSummary("大数据局登记备案例外：等保三级及以上尚未备案的系统可以正式开通（须写理由，带 version）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var register = app.MapGroup("/api/v1/mlps").WithTags("等级保护");
        register.MapGet("/cloud", Cloud).WithName("GetCloudMlps").Allow(Access.Supervision)
            .WithSummary("政务云平台本身的等级保护（信息化中心登记，须为第三级及以上）；其 systemId 即信息化中心的单位 id，定级、备案、测评和材料用上面同样的接口").ProducesProblem(409);
        register.MapGet("/", List).WithName("ListMlps").Allow(Access.Supervision)
            .WithSummary("等级保护台账：每个信息系统的等级、备案、最近测评与状况；可按名称/单位（q）、organisationId、level、standing（NotGraded/NotFiled/Overdue/DueSoon/Current/NotRequired）筛选，分页");
        register.MapGet("/export", Export).WithName("ExportMlps").Allow(Access.Supervision).WithSummary("按同样的筛选条件导出等级保护台账 Excel");
        register.MapGet("/due", Due).WithName("MlpsDue").Allow(Access.Supervision)
            .WithSummary("withinDays 天内到期（含已逾期）的等级测评，逾期的在前；默认为第一次提醒的天数（90）").ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<MlpsDto>> Get(Guid id, HttpContext http, MlpsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<MlpsDto>> Save(Guid id, MlpsInput input, HttpContext http, MlpsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SaveAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<MlpsDto>> Assess(Guid id, AssessmentInput input, HttpContext http, MlpsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.AssessAsync(Actor.From(http), id, input, ct));

    // The form's fields are read as text so that a wrong one is said at its field, in Chinese, rather than as a binding failure.
    private static async Task<Ok<MlpsDto>> AddDocument(Guid id, HttpContext http, MlpsService service, [Microsoft.AspNetCore.Mvc.FromForm] string? kind,
        [Microsoft.AspNetCore.Mvc.FromForm] string? assessmentId, IFormFile? file, CancellationToken ct)
    {
        var v = new Validation();
        MlpsDocumentKind? parsedKind = Enum.TryParse<MlpsDocumentKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;
        if (!string.IsNullOrWhiteSpace(kind) && parsedKind is null) v.Add("kind", "材料类别须为 GradingReport（定级报告）、FilingCertificate（备案证明）或 AssessmentReport（测评报告）");
        Guid? parsedAssessment = Guid.TryParse(assessmentId, out var a) ? a : null;
        if (!string.IsNullOrWhiteSpace(assessmentId) && parsedAssessment is null) v.Add("assessmentId", "所属测评记录的编号格式不正确");
        v.ThrowIfInvalid();
        await using var content = file?.OpenReadStream();
        return TypedResults.Ok(await service.AddDocumentAsync(Actor.From(http), id, parsedKind, parsedAssessment, file?.FileName, content, file?.Length ?? 0, ct));
    }

    private static async Task<FileStreamHttpResult> Document(Guid id, Guid documentId, HttpContext http, MlpsService service, CancellationToken ct)
    {
        var (content, name) = await service.OpenDocumentAsync(Actor.From(http), id, documentId, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<Ok<MlpsDto>> Cloud(HttpContext http, MlpsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.CloudAsync(Actor.From(http), ct));

    private static async Task<Ok<MlpsDto>> Except(Guid id, MlpsExceptionInput input, HttpContext http, MlpsService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ExceptAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<Paged<MlpsRowDto>>> List(HttpContext http, MlpsService service, string? q, Guid? organisationId, int? level,
        MlpsStanding? standing, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new MlpsQuery(q, organisationId, level, standing, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, MlpsService service, TimeProvider clock, string? q, Guid? organisationId,
        int? level, MlpsStanding? standing, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new MlpsQuery(q, organisationId, level, standing), ct),
            ExcelExport.ContentType, ExcelExport.FileName("等级保护台账", clock));

    private static async Task<Ok<IReadOnlyList<MlpsRowDto>>> Due(HttpContext http, MlpsService service, int? withinDays, CancellationToken ct) =>
        TypedResults.Ok(await service.DueAsync(Actor.From(http), withinDays, ct));
}
