using GovCloud.Domain.DataCenters;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.DataCenters;

public static class DataCentersApi
{
    public static IEndpointRouteBuilder MapDataCentersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/datacenters").WithTags("数据中心");
        group.MapGet("/", List).WithName("ListDataCenters")
            .WithSummary("各单位数据中心（organisationId、kind：SelfBuilt 自建 / Leased 租用第三方、q、leaseEndingSoon=true 租期 90 天内到期）");
        group.MapGet("/export", Export).WithName("ExportDataCenters").WithSummary("按同样的筛选导出数据中心 Excel");
        group.MapGet("/{id:guid}", Get).WithName("GetDataCenter").WithSummary("数据中心详情及承载的信息系统").ProducesProblem(404);
        group.MapPost("/", Create).WithName("CreateDataCenter")
            .WithSummary("登记数据中心（使用单位经办人登记本单位，审批人员可登记任一使用单位）：面积、可用机柜、机房等级、网络、运维、等保、云平台、敏感数据、租用信息、承载系统 systemIds")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", Update).WithName("UpdateDataCenter")
            .WithSummary("修改数据中心（须带 version）；租用合约期不得延长：拟延长时拒绝（409）并记为违规事项")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/certifications", Certifications).WithName("ListCertifications").WithSummary("该数据中心的认定申请（含各项条件评估结果、认定结论及保留期/过渡期）");
        group.MapPost("/{id:guid}/certifications", Submit).WithName("SubmitCertification")
            .WithSummary("提出认定申请（使用单位经办人，自建数据中心）：selfCheck 自查报告；开始中心 15 个工作日评估时限")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        group.MapPost("/{id:guid}/certifications/{cid:guid}/evaluation", Evaluate).WithName("EvaluateCertification")
            .WithSummary("中心评估：现场勘查日期、人员，测得的面积、机柜、机房等级、网络、运维、等保等（facts），评估意见；各项条件按配置的标准判定；开始大数据局 5 个工作日认定时限")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/certifications/{cid:guid}/decision", Decide).WithName("DecideCertification")
            .WithSummary("大数据局认定：certified true/false；返回 retentionEndsOn、migrationDueOn（通过）或 transitionEndsOn（未通过）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/violations", Violations).WithName("ListDataCenterViolations").WithSummary("违规事项（新建、扩建、新租、续租数据中心，购买第三方云服务）；resolved 筛选");
        group.MapPost("/violations", RecordViolation).WithName("RecordDataCenterViolation").WithSummary("记录违规事项（大数据局）")
            .ProducesValidationProblem().ProducesProblem(403);
        return app;
    }

    private static async Task<Ok<Paged<DataCenterDto>>> List(HttpContext http, DataCenterService centres, Guid? organisationId, DataCenterKind? kind, string? q,
        bool? leaseEndingSoon, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await centres.ListAsync(Actor.From(http), new DataCenterQuery(organisationId, kind, q, leaseEndingSoon, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, DataCenterService centres, TimeProvider clock, Guid? organisationId, DataCenterKind? kind,
        string? q, bool? leaseEndingSoon, CancellationToken ct) =>
        TypedResults.File(await centres.ExportAsync(Actor.From(http), new DataCenterQuery(organisationId, kind, q, leaseEndingSoon), ct), ExcelExport.ContentType,
            ExcelExport.FileName("数据中心", clock));

    private static async Task<Ok<DataCenterDto>> Get(Guid id, HttpContext http, DataCenterService centres, CancellationToken ct) =>
        TypedResults.Ok(await centres.GetAsync(Actor.From(http), id, ct));

    private static async Task<Created<DataCenterDto>> Create(DataCenterInput input, HttpContext http, DataCenterService centres, CancellationToken ct)
    {
        var created = await centres.CreateAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/datacenters/{created.Id}", created);
    }

    private static async Task<Ok<DataCenterDto>> Update(Guid id, DataCenterInput input, HttpContext http, DataCenterService centres, CancellationToken ct) =>
        TypedResults.Ok(await centres.UpdateAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<IReadOnlyList<CertificationDto>>> Certifications(Guid id, HttpContext http, CertificationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ForCentreAsync(Actor.From(http), id, ct));

    private static async Task<Created<CertificationDto>> Submit(Guid id, CertificationInput input, HttpContext http, CertificationService service, CancellationToken ct)
    {
        var created = await service.SubmitAsync(Actor.From(http), id, input, ct);
        return TypedResults.Created($"/api/v1/datacenters/{id}/certifications/{created.Id}", created);
    }

    private static async Task<Ok<CertificationDto>> Evaluate(Guid id, Guid cid, CertificationEvaluationInput input, HttpContext http, CertificationService service,
        CancellationToken ct) =>
        TypedResults.Ok(await service.EvaluateAsync(Actor.From(http), id, cid, input, ct));

    private static async Task<Ok<CertificationDto>> Decide(Guid id, Guid cid, CertificationDecisionInput input, HttpContext http, CertificationService service,
        CancellationToken ct) =>
        TypedResults.Ok(await service.DecideAsync(Actor.From(http), id, cid, input, ct));

    private static async Task<Ok<IReadOnlyList<ViolationDto>>> Violations(HttpContext http, DataCenterService centres, bool? resolved, CancellationToken ct) =>
        TypedResults.Ok(await centres.ViolationsAsync(Actor.From(http), resolved, ct));

    private static async Task<Created<ViolationDto>> RecordViolation(ViolationInput input, HttpContext http, DataCenterService centres, CancellationToken ct)
    {
        var recorded = await centres.RecordViolationAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/datacenters/violations/{recorded.Id}", recorded);
    }
}
