using GovCloud.Domain.Security;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovCloud.Web.Features.Provisioning;

public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/changes").WithTags("变更与终止");
        group.MapGet("/", List).WithName("ListChanges").Allow(Access.Changes)
            .WithSummary("变更/终止申请列表（kind：Change 变更、Termination 终止；state：Submitted 待评估、Evaluated 待审批、Approved 待实施、Rejected 未批准、Completed 已完成）");
        group.MapGet("/{id:guid}", Get).WithName("GetChange").Allow(Access.Changes).WithSummary("变更/终止申请详情：各项变更（前后配置）、附件、各环节时限").ProducesProblem(404);
        group.MapPost("/", CreateChange).WithName("CreateChange").Allow(Role.AgencyOperator)
            .WithSummary("提交变更申请：lines 为对现有资源的差异（Resize 调整配置 vmId+to、Remove 删除 vmId、Add 新增 newVm 按附件3 一行填写）；开始中心评估时限")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPost("/terminations", CreateTermination).WithName("CreateTermination").Allow(Role.AgencyOperator)
            .WithSummary("提交终止申请（表单字段 systemId、reason、systemOffline=true、dataSecured=true、file 下线及数据迁移/备份证明）")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapGet("/{id:guid}/capacity", Capacity).WithName("ChangeZoneCapacity").Allow(Access.Changes)
            .WithSummary("变更所增加资源涉及的网络分区：可分配、已占用、本次增加、批准后剩余").ProducesProblem(404);
        group.MapPost("/{id:guid}/evaluation", Evaluate).WithName("EvaluateChange").Allow(Role.CenterEvaluator).WithSummary("中心评估意见；开始大数据局审批时限（变更 3 个、终止 5 个工作日）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/approve", Approve).WithName("ApproveChange").Allow(Role.BureauApprover)
            .WithSummary("批准：变更超出资源池须填写 overrideReason；开始中心实施时限（3 个工作日）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/reject", Reject).WithName("RejectChange").Allow(Role.BureauApprover).WithSummary("不予批准（须说明理由）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/completion", Complete).WithName("CompleteChange").Allow(Role.CenterOperator)
            .WithSummary("中心实施变更：added 为新增虚拟机的实际交付信息（no 为变更项序号），resized 为实际调整后的配置（缺省为批准值）；资源台账与资源池同步更新")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/reclaim", Reclaim).WithName("ReclaimTerminated").Allow(Role.CenterOperator)
            .WithSummary("中心回收资源，数据移交和清除均须记录（表单字段 handedOverTo 移交给、handoverContent 移交内容、handedOverOn 移交日期、wipeMethod 清除方式、wipedOn 清除日期、people 经办及见证人员、file 移交及清除证明、version；等保三级及以上清除不得早于移交）；系统状态变为已下线")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", Download).WithName("DownloadChangeAttachment").Allow(Access.Documents).WithSummary("下载附件").ProducesProblem(404);
        return app;
    }

    private static async Task<Ok<Paged<ChangeSummaryDto>>> List(HttpContext http, ChangeService changes, ChangeState? state, ChangeKind? kind, Guid? systemId,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await changes.ListAsync(Actor.From(http), new ChangeQuery(state, kind, systemId, page, pageSize), ct));

    private static async Task<Ok<ChangeDto>> Get(Guid id, HttpContext http, ChangeService changes, CancellationToken ct) =>
        TypedResults.Ok(await changes.GetAsync(Actor.From(http), id, ct));

    private static async Task<Created<ChangeDto>> CreateChange(ChangeInput input, HttpContext http, ChangeService changes, CancellationToken ct)
    {
        var created = await changes.CreateChangeAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/changes/{created.Id}", created);
    }

    private static async Task<Created<ChangeDto>> CreateTermination(HttpContext http, ChangeService changes, IFormFile? file, [FromForm] Guid? systemId,
        [FromForm] string? reason, [FromForm] bool? systemOffline, [FromForm] bool? dataSecured, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        var created = await changes.CreateTerminationAsync(Actor.From(http), new TerminationInput(systemId, reason, systemOffline, dataSecured), file?.FileName, content,
            file?.Length ?? 0, ct);
        return TypedResults.Created($"/api/v1/changes/{created.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<ZoneCapacityDto>>> Capacity(Guid id, HttpContext http, ChangeService changes, CancellationToken ct) =>
        TypedResults.Ok(await changes.CapacityAsync(Actor.From(http), id, ct));

    private static async Task<Ok<ChangeDto>> Evaluate(Guid id, ChangeOpinionInput input, HttpContext http, ChangeService changes, CancellationToken ct) =>
        TypedResults.Ok(await changes.EvaluateAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ChangeDto>> Approve(Guid id, ChangeOpinionInput input, HttpContext http, ChangeService changes, CancellationToken ct) =>
        TypedResults.Ok(await changes.ApproveAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ChangeDto>> Reject(Guid id, ReasonInput input, HttpContext http, ChangeService changes, CancellationToken ct) =>
        TypedResults.Ok(await changes.RejectAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ChangeDto>> Complete(Guid id, ChangeCompletionInput input, HttpContext http, ChangeService changes, CancellationToken ct) =>
        TypedResults.Ok(await changes.CompleteChangeAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ChangeDto>> Reclaim(Guid id, HttpContext http, ChangeService changes, IFormFile? file, [FromForm] string? handedOverTo,
        [FromForm] string? handoverContent, [FromForm] DateOnly? handedOverOn, [FromForm] string? wipeMethod, [FromForm] DateOnly? wipedOn, [FromForm] string? people,
        [FromForm] long? version, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        return TypedResults.Ok(await changes.CompleteTerminationAsync(Actor.From(http), id,
            new DisposalInput(handedOverTo, handoverContent, handedOverOn, wipeMethod, wipedOn, people, version), file?.FileName, content, file?.Length ?? 0, ct));
    }

    private static async Task<FileStreamHttpResult> Download(Guid id, Guid attachmentId, HttpContext http, ChangeService changes, CancellationToken ct)
    {
        var (content, name) = await changes.OpenAttachmentAsync(Actor.From(http), id, attachmentId, ct);
        // Always a download of opaque bytes: an uploaded page can never run in the product's origin.
        return TypedResults.File(content, "application/octet-stream", name);
    }
}
