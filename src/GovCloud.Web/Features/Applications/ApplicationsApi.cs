using GovCloud.Domain.Security;
using GovCloud.Domain.Applications;
using GovCloud.Web.Features.Catalog;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovCloud.Web.Features.Applications;

public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/applications").WithTags("云资源申请");
        group.MapGet("/request-form-template.xlsx", Template).WithName("DownloadRequestFormTemplate").Allow(Access.Applications)
            .WithSummary("下载《云资源使用需求表》Excel 模板（附件3：红色表头为必填，网络分区、服务器类型、集群部署为下拉选择，含示例行和填写说明）");
        group.MapGet("/", List).WithName("ListApplications").Allow(Access.Applications)
            .WithSummary("云资源申请列表（state：Draft 草稿、AwaitingCounty 待县区审核、Submitted 已提交、Evaluated 已评估、Approved 已批准、Rejected 已驳回、Returned 退回修改；办理中的按当前环节截止日排序；trial：批准后试用所处阶段 AwaitingDelivery 待交付试用环境、InTrial 试用中、Live 已正式开通、Reclaimed 试用后已回收，列表的 stateName 同样显示该阶段）");
        group.MapGet("/export", Export).WithName("ExportApplications").Allow(Access.Applications).WithSummary("按同样的筛选条件导出申请列表 Excel");
        group.MapGet("/{id:guid}", Get).WithName("GetApplication").Allow(Access.Applications).WithSummary("申请详情：表头、虚拟机、其他服务、附件、缺少的附件、费用估算、各环节时限").ProducesProblem(404);
        group.MapPost("/", Create).WithName("CreateApplication").Allow(Role.AgencyOperator).WithSummary("为本单位一个信息系统新建申请（一个系统同时只办理一份）")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", Update).WithName("UpdateApplication").Allow(Role.AgencyOperator).WithSummary("修改用途、联系人、其他服务（草稿或退回修改时；须带 version）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPut("/{id:guid}/vms", ReplaceVms).WithName("ReplaceApplicationVms").Allow(Role.AgencyOperator).WithSummary("以表格填写的虚拟机行替换需求（逐行校验，错误键为 rows[序号].字段）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/vms/import", Import).WithName("ImportApplicationVms").Allow(Role.AgencyOperator)
            .WithSummary("上传填好的需求表 .xlsx（表单字段 file、version）替换虚拟机行；有误时返回 422，errors 为 {row,column,header,message} 列表，且不做任何更改")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesProblem(422).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/request-form.xlsx", ExportForm).WithName("ExportApplicationRequestForm").Allow(Access.Applications)
            .WithSummary("按附件3格式导出本申请的需求表（导出后再导入得到相同的行）").ProducesProblem(404);
        group.MapGet("/{id:guid}/capacity", Capacity).WithName("ApplicationZoneCapacity").Allow(Access.Applications)
            .WithSummary("所涉网络分区的容量、已批准占用、本申请需求及批准后剩余").ProducesProblem(404);
        group.MapPost("/{id:guid}/attachments", AddAttachment).WithName("AddApplicationAttachment").Allow(Role.AgencyOperator, Role.CenterEvaluator)
            .WithSummary("上传附件（表单字段 kind、file；扩展名与文件内容须一致，大小有上限）")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", Download).WithName("DownloadApplicationAttachment").Allow(Access.Documents)
            .WithSummary("下载附件（一律作为下载，不在浏览器中打开）").ProducesProblem(404);
        group.MapDelete("/{id:guid}/attachments/{attachmentId:guid}", RemoveAttachment).WithName("RemoveApplicationAttachment").Allow(Role.AgencyOperator, Role.CenterEvaluator)
            .WithSummary("删除附件").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/submit", Submit).WithName("SubmitApplication").Allow(Role.AgencyOperator)
            .WithSummary("提交申请（缺少附件或联系人时拒绝并列出缺少的内容；开始信息化建设管理中心 7 个工作日评估时限）。县区部门的申请先提交所属县区人民政府（AwaitingCounty 待县区审核），由县区人民政府经办人审核后统一提交市政务云")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/evaluation", Evaluate).WithName("EvaluateApplication").Allow(Role.CenterEvaluator)
            .WithSummary("评估意见：逐台同意/调整/不同意及理由，存量系统须有现场勘查记录，可附技术评审；开始大数据局 5 个工作日审批时限")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/approve", Approve).WithName("ApproveApplication").Allow(Role.BureauApprover).WithSummary("批准（refusedRows 中的序号不批准，即部分批准）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/reject", Reject).WithName("RejectApplication").Allow(Role.BureauApprover).WithSummary("驳回（须说明理由）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/return", Return).WithName("ReturnApplication").Allow(Role.AgencyOperator, Role.CenterEvaluator, Role.BureauApprover)
            .WithSummary("退回使用单位修改（待县区审核时由所属县区人民政府退回；评估中由中心退回：评估时限暂停，重新提交后恢复；审批中由大数据局退回：重新提交后重新评估）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<FileContentHttpResult> Template(CatalogService catalog, CancellationToken ct) =>
        TypedResults.File(RequestFormWriter.Write((await catalog.ZonesAsync(false, ct)).Select(z => z.Name).ToList(), null, null),
            ExcelExport.ContentType, "云资源使用需求表（模板）.xlsx");

    private static async Task<Ok<Paged<ApplicationSummaryDto>>> List(HttpContext http, ApplicationService service, ApplicationState? state, string? q,
        Guid? organisationId, int? page, int? pageSize, bool? inProgress, Domain.Provisioning.TrialState? trial, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new ApplicationQuery(state, q, organisationId, page, pageSize, inProgress, trial), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, ApplicationService service, TimeProvider clock, ApplicationState? state,
        string? q, Guid? organisationId, bool? inProgress, Domain.Provisioning.TrialState? trial, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new ApplicationQuery(state, q, organisationId, InProgress: inProgress, Trial: trial), ct),
            ExcelExport.ContentType, ExcelExport.FileName("云资源申请", clock));

    private static async Task<Ok<ApplicationDto>> Get(Guid id, HttpContext http, ApplicationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ViewAsync(Actor.From(http), id, ct));

    private static async Task<Created<ApplicationDto>> Create(ApplicationInput input, HttpContext http, ApplicationService service, CancellationToken ct)
    {
        var created = await service.CreateAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/applications/{created.Id}", created);
    }

    private static async Task<Ok<ApplicationDto>> Update(Guid id, ApplicationInput input, HttpContext http, ApplicationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.UpdateAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ApplicationDto>> ReplaceVms(Guid id, VmRowsInput input, HttpContext http, ApplicationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ReplaceVmsAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ApplicationDto>> Import(Guid id, IFormFile? file, [FromForm] long? version, HttpContext http, ApplicationService service,
        FileStore files, CancellationToken ct) =>
        TypedResults.Ok(await service.ImportVmsAsync(Actor.From(http), id, await files.ReadAllAsync(file, "请选择填好的需求表（.xlsx）", ct), version, ct));

    private static async Task<FileContentHttpResult> ExportForm(Guid id, HttpContext http, ApplicationService service, CancellationToken ct)
    {
        var (file, name) = await service.ExportFormAsync(Actor.From(http), id, ct);
        return TypedResults.File(file, ExcelExport.ContentType, name);
    }

    private static async Task<Ok<IReadOnlyList<ZoneCapacityDto>>> Capacity(Guid id, HttpContext http, ApplicationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.CapacityAsync(Actor.From(http), id, ct));

    private static async Task<Created<AttachmentDto>> AddAttachment(Guid id, IFormFile? file, [FromForm] AttachmentKind? kind, HttpContext http,
        AttachmentService service, CancellationToken ct)
    {
        if (file is null) throw ProblemException.Invalid("file", "请选择要上传的文件");
        await using var content = file.OpenReadStream();
        var added = await service.AddAsync(Actor.From(http), id, kind, file.FileName, content, file.Length, ct);
        return TypedResults.Created($"/api/v1/applications/{id}/attachments/{added.Id}", added);
    }

    private static async Task<FileStreamHttpResult> Download(Guid id, Guid attachmentId, HttpContext http, AttachmentService service, CancellationToken ct)
    {
        var (content, name) = await service.OpenAsync(Actor.From(http), id, attachmentId, ct);
        // Always a download of opaque bytes: an uploaded page can never run in the product's origin.
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<NoContent> RemoveAttachment(Guid id, Guid attachmentId, HttpContext http, AttachmentService service, CancellationToken ct)
    {
        await service.RemoveAsync(Actor.From(http), id, attachmentId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ApplicationDto>> Submit(Guid id, VersionInput input, HttpContext http, ApplicationFlowService flow, CancellationToken ct) =>
        TypedResults.Ok(await flow.SubmitAsync(Actor.From(http), id, input.Version, ct));

    private static async Task<Ok<ApplicationDto>> Evaluate(Guid id, EvaluationInput input, HttpContext http, ApplicationFlowService flow, CancellationToken ct) =>
        TypedResults.Ok(await flow.EvaluateAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ApplicationDto>> Approve(Guid id, ApprovalInput input, HttpContext http, ApplicationFlowService flow, CancellationToken ct) =>
        TypedResults.Ok(await flow.ApproveAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ApplicationDto>> Reject(Guid id, ReasonInput input, HttpContext http, ApplicationFlowService flow, CancellationToken ct) =>
        TypedResults.Ok(await flow.RejectAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<ApplicationDto>> Return(Guid id, ReasonInput input, HttpContext http, ApplicationFlowService flow, CancellationToken ct) =>
        TypedResults.Ok(await flow.ReturnAsync(Actor.From(http), id, input, ct));
}
