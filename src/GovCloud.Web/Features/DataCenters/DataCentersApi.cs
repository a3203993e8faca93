using GovCloud.Domain.Security;
using GovCloud.Domain.DataCenters;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Domain.Provisioning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovCloud.Web.Features.DataCenters;

public static class DataCentersApi
{
    public static IEndpointRouteBuilder MapDataCentersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/datacenters").WithTags("数据中心");
        group.MapGet("/", List).WithName("ListDataCenters").Allow(Access.DataCenters)
            .WithSummary("各单位数据中心（organisationId、kind：SelfBuilt 自建 / Leased 租用第三方、q、leaseEndingSoon=true 租期已到或 90 天内到期、"
                         + "stage：Registered 待认定 / Certifying 认定中 / Retained 保留期 / Migrating 迁移期 / Revoked 已撤销、endingWithinDays 保留期或迁移期限在 N 天内届满、"
                         + "overdue=true 迁移逾期、fundingStopped=true 保留期满财政停止运维经费）");
        group.MapGet("/export", Export).WithName("ExportDataCenters").Allow(Access.DataCenters).WithSummary("按同样的筛选导出数据中心 Excel");
        group.MapGet("/overview", Overview).WithName("DataCenterOverview").Allow(Access.DataCenters)
            .WithSummary("总览：各阶段数据中心数量、即将届满（默认 90 天内）、迁移逾期、经费停止、未结违规事项、待审核迁移计划，及需关注的数据中心");
        group.MapGet("/{id:guid}", Get).WithName("GetDataCenter").Allow(Access.DataCenters).WithSummary("数据中心详情及承载的信息系统").ProducesProblem(404);
        group.MapPost("/", Create).WithName("CreateDataCenter").Allow(Role.AgencyOperator, Role.BureauApprover)
            .WithSummary("登记数据中心（使用单位经办人登记本单位，审批人员可登记任一使用单位）：面积、可用机柜、机房等级、网络、运维、等保、云平台、敏感数据、租用信息、承载系统 systemIds")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", Update).WithName("UpdateDataCenter").Allow(Role.AgencyOperator, Role.BureauApprover)
            .WithSummary("修改数据中心（须带 version）；租用合约期不得延长：拟延长时拒绝（409）并记为违规事项")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/certifications", Certifications).WithName("ListCertifications").Allow(Access.DataCenters).WithSummary("该数据中心的认定申请（含各项条件评估结果、认定结论及保留期/过渡期）");
        group.MapPost("/{id:guid}/certifications", Submit).WithName("SubmitCertification").Allow(Role.AgencyOperator)
            .WithSummary("提出认定申请（使用单位经办人，自建数据中心）：selfCheck 自查报告；开始中心 15 个工作日评估时限")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        group.MapPost("/{id:guid}/certifications/{cid:guid}/evaluation", Evaluate).WithName("EvaluateCertification").Allow(Role.CenterEvaluator)
            .WithSummary("中心评估：现场勘查日期、人员，测得的面积、机柜、机房等级、网络、运维、等保等（facts），评估意见；各项条件按配置的标准判定；开始大数据局 5 个工作日认定时限")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/certifications/{cid:guid}/decision", Decide).WithName("DecideCertification").Allow(Role.BureauApprover)
            .WithSummary("大数据局认定：certified true/false；返回 retentionEndsOn、migrationDueOn（通过）或 transitionEndsOn（未通过）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/certifications/{cid:guid}/evidence", AddEvidence).WithName("AddCertificationEvidence").Allow(Role.AgencyOperator)
            .WithSummary("上传佐证材料（表单字段 criterion：Network / Technology / Scale / Operations / Security，file）；评估开始前可补充")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/certifications/{cid:guid}/evidence/{eid:guid}", Evidence).WithName("DownloadCertificationEvidence").Allow(Access.Documents).WithSummary("下载佐证材料")
            .ProducesProblem(404);
        group.MapGet("/{id:guid}/migration-plans", Plans).WithName("ListMigrationPlans").Allow(Access.DataCenters).WithSummary("该数据中心的迁移计划（含各系统进度、关联的云资源申请）");
        group.MapPost("/{id:guid}/migration-plans", SubmitPlan).WithName("SubmitMigrationPlan").Allow(Role.AgencyOperator)
            .WithSummary("提交迁移计划（使用单位经办人）：items[] 为 systemId、disposition（Migrate 迁移上云 / ShutDown 整合关停）、targetDate（不晚于迁移期限）、milestones；须列全承载的系统")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/migration-plans/{pid:guid}/review", ReviewPlan).WithName("ReviewMigrationPlan").Allow(Role.BureauApprover)
            .WithSummary("大数据局审核迁移计划：approve true 同意 / false 退回（须说明理由）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/migration-plans/{pid:guid}/items/{itemId:guid}/data-handling", RecordHandling).WithName("RecordDataHandling").Allow(Role.AgencyOperator)
            .WithSummary("整合关停系统的数据处置，移交和清除均须记录（表单字段 handedOverTo、handoverContent、handedOverOn、wipeMethod、wipedOn、people、file 移交及清除证明）；等保三级及以上须先移交再清除")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/migration-plans/{pid:guid}/items/{itemId:guid}/certificate", Certificate).WithName("DownloadDataHandlingCertificate").Allow(Access.Documents)
            .WithSummary("下载数据处置证明").ProducesProblem(404);
        group.MapGet("/{id:guid}/revocation", Revocation).WithName("GetRevocation").Allow(Access.DataCenters).WithSummary("撤销记录及纳入资源池的设备清单").ProducesProblem(404);
        group.MapPost("/{id:guid}/revocation", Revoke).WithName("RevokeDataCenter").Allow(Role.AgencyOperator)
            .WithSummary("所属单位撤销数据中心（迁移计划已同意且系统均已迁移或关停）：note 撤销情况、officeRoomRemains、equipment[] 移交设备清单（kind、model、quantity、每台 vcpu/memoryGb/storageGb/bandwidthMbps）、version；开始大数据局确认时限")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/revocation/confirmation", ConfirmRevocation).WithName("ConfirmDataCenterRevocation").Allow(Role.BureauApprover)
            .WithSummary("大数据局确认撤销并统筹利用设备：zoneId 纳入的资源池网络分区（有计算存储容量时必填）、opinion、version；设备容量计入资源池")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/violations", Violations).WithName("ListDataCenterViolations").Allow(Access.DataCenters).WithSummary("违规事项（新建、扩建、新租、续租数据中心，购买第三方云服务）；resolved 筛选");
        group.MapPost("/violations", RecordViolation).WithName("RecordDataCenterViolation").Allow(Role.BureauApprover).WithSummary("记录违规事项（大数据局）")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/violations/{vid:guid}", FollowUp).WithName("FollowUpDataCenterViolation").Allow(Role.BureauApprover)
            .WithSummary("跟进违规事项（大数据局）：followUp 跟进情况、resolved 是否已整改、version")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/violations/{vid:guid}/evidence", ViolationEvidence).WithName("AttachViolationEvidence").Allow(Role.BureauApprover)
            .WithSummary("上传违规事项证据（表单字段 file、version）")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/violations/{vid:guid}/evidence", DownloadViolationEvidence).WithName("DownloadViolationEvidence").Allow(Access.Documents).WithSummary("下载违规事项证据").ProducesProblem(404);
        return app;
    }

    private static async Task<Ok<Paged<DataCenterDto>>> List(HttpContext http, DataCenterService centres, Guid? organisationId, DataCenterKind? kind, string? q,
        bool? leaseEndingSoon, int? page, int? pageSize, DataCenterStage? stage, int? endingWithinDays, bool? overdue, bool? fundingStopped, CancellationToken ct) =>
        TypedResults.Ok(await centres.ListAsync(Actor.From(http),
            new DataCenterQuery(organisationId, kind, q, leaseEndingSoon, page, pageSize, stage, endingWithinDays, overdue, fundingStopped), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, DataCenterService centres, TimeProvider clock, Guid? organisationId, DataCenterKind? kind,
        string? q, bool? leaseEndingSoon, DataCenterStage? stage, int? endingWithinDays, bool? overdue, bool? fundingStopped, CancellationToken ct) =>
        TypedResults.File(await centres.ExportAsync(Actor.From(http),
                new DataCenterQuery(organisationId, kind, q, leaseEndingSoon, Stage: stage, EndingWithinDays: endingWithinDays, Overdue: overdue, FundingStopped: fundingStopped), ct),
            ExcelExport.ContentType,
            ExcelExport.FileName("数据中心", clock));

    private static async Task<Ok<DataCenterOverview>> Overview(HttpContext http, DataCenterService centres, CancellationToken ct) =>
        TypedResults.Ok(await centres.OverviewAsync(Actor.From(http), ct));

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

    private static async Task<Ok<EvidenceDto>> AddEvidence(Guid id, Guid cid, HttpContext http, CertificationService service, IFormFile? file,
        [FromForm] Criterion? criterion, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        return TypedResults.Ok(await service.AddEvidenceAsync(Actor.From(http), id, cid, criterion, file?.FileName, content, file?.Length ?? 0, ct));
    }

    private static async Task<FileStreamHttpResult> Evidence(Guid id, Guid cid, Guid eid, HttpContext http, CertificationService service, CancellationToken ct)
    {
        var (content, name) = await service.OpenEvidenceAsync(Actor.From(http), id, cid, eid, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<Ok<IReadOnlyList<MigrationPlanDto>>> Plans(Guid id, HttpContext http, MigrationPlanService plans, CancellationToken ct) =>
        TypedResults.Ok(await plans.ForCentreAsync(Actor.From(http), id, ct));

    private static async Task<Created<MigrationPlanDto>> SubmitPlan(Guid id, MigrationPlanInput input, HttpContext http, MigrationPlanService plans, CancellationToken ct)
    {
        var created = await plans.SubmitAsync(Actor.From(http), id, input, ct);
        return TypedResults.Created($"/api/v1/datacenters/{id}/migration-plans/{created.Id}", created);
    }

    private static async Task<Ok<MigrationPlanDto>> ReviewPlan(Guid id, Guid pid, PlanReviewInput input, HttpContext http, MigrationPlanService plans, CancellationToken ct) =>
        TypedResults.Ok(await plans.ReviewAsync(Actor.From(http), id, pid, input, ct));

    private static async Task<Ok<MigrationPlanDto>> RecordHandling(Guid id, Guid pid, Guid itemId, HttpContext http, MigrationPlanService plans, IFormFile? file,
        [FromForm] string? handedOverTo, [FromForm] string? handoverContent, [FromForm] DateOnly? handedOverOn, [FromForm] string? wipeMethod, [FromForm] DateOnly? wipedOn,
        [FromForm] string? people, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        return TypedResults.Ok(await plans.RecordHandlingAsync(Actor.From(http), id, pid, itemId,
            new DisposalRecord(handedOverTo, handoverContent, handedOverOn, wipeMethod, wipedOn, people), file?.FileName, content, file?.Length ?? 0, ct));
    }

    private static async Task<FileStreamHttpResult> Certificate(Guid id, Guid pid, Guid itemId, HttpContext http, MigrationPlanService plans, CancellationToken ct)
    {
        var (content, name) = await plans.OpenCertificateAsync(Actor.From(http), id, pid, itemId, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<Ok<RevocationDto>> Revocation(Guid id, HttpContext http, RevocationService revocations, CancellationToken ct) =>
        TypedResults.Ok(await revocations.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<RevocationDto>> Revoke(Guid id, RevocationInput input, HttpContext http, RevocationService revocations, CancellationToken ct) =>
        TypedResults.Ok(await revocations.RevokeAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<RevocationDto>> ConfirmRevocation(Guid id, RevocationConfirmationInput input, HttpContext http, RevocationService revocations,
        CancellationToken ct) =>
        TypedResults.Ok(await revocations.ConfirmAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<IReadOnlyList<ViolationDto>>> Violations(HttpContext http, DataCenterService centres, bool? resolved, CancellationToken ct) =>
        TypedResults.Ok(await centres.ViolationsAsync(Actor.From(http), resolved, ct));

    private static async Task<Ok<ViolationDto>> FollowUp(Guid vid, ViolationFollowUpInput input, HttpContext http, DataCenterService centres, CancellationToken ct) =>
        TypedResults.Ok(await centres.FollowUpAsync(Actor.From(http), vid, input, ct));

    private static async Task<Ok<ViolationDto>> ViolationEvidence(Guid vid, HttpContext http, DataCenterService centres, IFormFile? file, [FromForm] long? version,
        CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        return TypedResults.Ok(await centres.AttachViolationEvidenceAsync(Actor.From(http), vid, file?.FileName, content, file?.Length ?? 0, version, ct));
    }

    private static async Task<FileStreamHttpResult> DownloadViolationEvidence(Guid vid, HttpContext http, DataCenterService centres, CancellationToken ct)
    {
        var (content, name) = await centres.OpenViolationEvidenceAsync(Actor.From(http), vid, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<Created<ViolationDto>> RecordViolation(ViolationInput input, HttpContext http, DataCenterService centres, CancellationToken ct)
    {
        var recorded = await centres.RecordViolationAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/datacenters/violations/{recorded.Id}", recorded);
    }
}
