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
        system.MapPost("/", Save).WithName("SaveMlps").Allow(Access.Agency)
            .WithSummary("登记或修改定级、备案与敏感数据声明（系统所属使用单位；修改须带 version）；等保三级及以上未备案的系统不能正式开通")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        system.MapPost("/assessments", Assess).WithName("AddMlpsAssessment").Allow(Access.Agency)
            .WithSummary("登记一次等级测评（测评日期、测评机构、结论 Compliant/BasicallyCompliant/NonCompliant、得分、遗留问题）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        system.MapPost("/exception", Except).WithName("RecordMlpsException").Allow(Role.BureauApprover)
            .WithSummary("大数据局登记备案例外：等保三级及以上尚未备案的系统可以正式开通（须写理由，带 version）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var register = app.MapGroup("/api/v1/mlps").WithTags("等级保护");
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
