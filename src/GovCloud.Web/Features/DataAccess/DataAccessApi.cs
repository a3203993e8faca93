using GovCloud.Domain.DataAccess;
using GovCloud.Domain.Security;
using GovCloud.Web.Features.Supervision;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.DataAccess;

public static class DataAccessApi
{
    public static IEndpointRouteBuilder MapDataAccessApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/api/v1/access-requests").WithTags("访问授权");
        requests.MapPost("/", Request).WithName("RequestAccess").Allow(Role.CenterOperator)
            .WithSummary("信息化中心运维人员申请访问使用单位系统：systemId、vmIds/serviceIds（访问对象）、mode（Read 只读/Change 变更）、purpose（目的）、" +
                         "ticketKind（Change/Incident/Rectification）与 ticketNumber（所服务的工单）、startsAt（可选，默认现在）、hours（不超过配置的最长时段，默认 8 小时）；" +
                         "通知使用单位安全负责人审批；返回 id、number")
            .ProducesValidationProblem().ProducesProblem(403);
        requests.MapGet("/", List).WithName("ListAccessGrants").Allow(Access.DataAccess)
            .WithSummary("访问申请与授权列表：standing（Waiting/NotYetStarted/InForce/Ended/Refused/Withdrawn/Revoked）、emergency、toReview、organisationId、systemId、q；使用单位只看到本单位的");
        requests.MapGet("/export", Export).WithName("ExportAccessGrants").Allow(Access.DataAccess).WithSummary("按同样的筛选条件导出访问授权 Excel");
        requests.MapGet("/systems", Systems).WithName("ListReachableSystems").Allow(Role.CenterOperator).WithSummary("有虚拟机或服务在云上、可申请访问的信息系统");
        requests.MapGet("/targets", Targets).WithName("ListAccessTargets").Allow(Role.CenterOperator)
            .WithSummary("一个信息系统可申请访问的虚拟机和服务（systemId），及该单位是否已设安全负责人").ProducesProblem(404);
        requests.MapGet("/{id:guid}", Get).WithName("GetAccessGrant").Allow(Access.DataAccess).WithSummary("一项访问申请/授权：对象、时段、审批、撤销、事后审查").ProducesProblem(404);
        requests.MapPost("/{id:guid}/approve", Approve).WithName("ApproveAccess").Allow(Role.AgencySecurityOfficer)
            .WithSummary("使用单位安全负责人批准访问申请（comment 可选、version）").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        requests.MapPost("/{id:guid}/refuse", Refuse).WithName("RefuseAccess").Allow(Role.AgencySecurityOfficer)
            .WithSummary("使用单位安全负责人拒绝访问申请（comment 必填、version）").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        requests.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawAccessRequest").Allow(Role.CenterOperator)
            .WithSummary("申请人撤回待审批的访问申请（version）").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        requests.MapPost("/{id:guid}/review", Review).WithName("ReviewEmergencyAccess").Allow(Access.Agency)
            .WithSummary("使用单位安全负责人（未设安全负责人的单位为经办人）事后审查应急访问：review（Accepted 认可/Disputed 有异议，须写 comment）、version；有异议时通知大数据局和信息化中心")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var grants = app.MapGroup("/api/v1/access-grants").WithTags("访问授权");
        grants.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokeAccessGrant").Allow(Access.Agency)
            .WithSummary("使用单位随时撤销已批准、未到期的授权（comment 可选、version）；堡垒机此后拒绝").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        grants.MapGet("/check", Check).WithName("CheckAccess").Allow(Role.BastionAgent)
            .WithSummary("堡垒机在运维会话前核验：operator（运维人员账号）、target（虚拟机 ID、主机名、IP 地址或服务 ID）、action（read/change）→ {allow, grantId, endsAt, outcome, reason}；" +
                         "每次核验（允许或拒绝）都记入访问日志。只有堡垒机对接账号可调用")
            .ProducesValidationProblem();
        grants.MapPost("/break-glass", BreakGlass).WithName("OpenEmergencyAccess").Allow(Role.CenterOperator)
            .WithSummary("应急访问：systemId、vmIds/serviceIds、mode、reason（紧急原因）、hours（不超过配置的应急时段，默认 2 小时），立即生效；" +
                         "即时通知使用单位安全负责人和大数据局，结束后由使用单位事后审查")
            .ProducesValidationProblem().ProducesProblem(403);

        app.MapGet("/api/v1/access-log", Log).WithName("ListAccessLog").WithTags("访问授权").Allow(Access.DataAccess)
            .WithSummary("访问日志：授权的申请、批准、拒绝、撤回、撤销、到期，应急访问及其审查，堡垒机的每次核验；systemId、organisationId、from/to、kind（grant/check）、deniedOnly、operator 筛选，新的在前；使用单位只看到本单位系统的");
        app.MapGet("/api/v1/access-log/export", LogExport).WithName("ExportAccessLog").WithTags("访问授权").Allow(Access.DataAccess)
            .WithSummary($"按同样的筛选条件导出访问日志 Excel（最多 {AccessLogService.MaxExportLines} 行）");

        var agreements = app.MapGroup("/api/v1/organisations/{id:guid}/confidentiality-agreements").WithTags("访问授权");
        agreements.MapGet("/", Agreements).WithName("ListConfidentialityAgreements").Allow(Access.DataAccess)
            .WithSummary("一个使用单位与信息化中心的保密协议：standing（None 未签订/Valid 有效/ExpiringSoon 即将到期/Expired 已过期/NotYetValid 未生效）、validTo、各份协议；使用单位只能查看本单位的")
            .ProducesProblem(404);
        agreements.MapPost("/", AddAgreement).WithName("AddConfidentialityAgreement").Allow(Role.CenterOperator)
            .WithSummary("信息化中心运维人员登记保密协议（multipart 表单：signedOn 签订日期、validFrom/validTo 有效期、remarks 备注、file 签字盖章的扫描件）；通知该单位安全负责人")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);
        agreements.MapPost("/{agreementId:guid}/void", VoidAgreement).WithName("VoidConfidentialityAgreement").Allow(Role.CenterOperator)
            .WithSummary("信息化中心运维人员作废登记错误的保密协议（reason 必填）：不再计入签订情况，保留在历史中，通知该单位；已作废的 409")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        agreements.MapGet("/template.docx", AgreementTemplate).WithName("ConfidentialityAgreementTemplate").Allow(Access.DataAccess)
            .WithSummary("保密协议文本（.docx），甲方信息化中心、乙方该使用单位已填好，打印后签字盖章").ProducesProblem(404);
        agreements.MapGet("/{agreementId:guid}/file", AgreementFile).WithName("DownloadConfidentialityAgreement").Allow(Access.DataAccess)
            .WithSummary("下载保密协议扫描件").ProducesProblem(404);
        app.MapGet("/api/v1/confidentiality-agreements", AgreementOverview).WithName("ConfidentialityAgreementOverview").WithTags("访问授权").Allow(Access.DataAccess)
            .WithSummary("各使用单位保密协议的签订情况（standing、q 筛选），未签订或已过期的在前；使用单位只看到本单位");
        app.MapGet("/api/v1/confidentiality-agreements/export", AgreementExport).WithName("ExportConfidentialityAgreements").WithTags("访问授权").Allow(Access.DataAccess)
            .WithSummary("按同样的筛选条件导出保密协议签订情况 Excel");
        return app;
    }

    private static async Task<Ok<AgreementsDto>> Agreements(Guid id, HttpContext http, ConfidentialityService service, CancellationToken ct) =>
        TypedResults.Ok(await service.OfAsync(Actor.From(http), id, ct));

    private static async Task<Created<AgreementsDto>> AddAgreement(Guid id, HttpContext http, ConfidentialityService service,
        [Microsoft.AspNetCore.Mvc.FromForm] string? signedOn, [Microsoft.AspNetCore.Mvc.FromForm] string? validFrom, [Microsoft.AspNetCore.Mvc.FromForm] string? validTo,
        [Microsoft.AspNetCore.Mvc.FromForm] string? remarks, IFormFile? file, CancellationToken ct)
    {
        var v = new Validation();
        DateOnly? Day(string? text, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var d)) return d;
            v.Add(field, $"{label}须写作 2026-12-01 的格式");
            return null;
        }
        var (signed, from, to) = (Day(signedOn, "signedOn", "签订日期"), Day(validFrom, "validFrom", "有效期起始日"), Day(validTo, "validTo", "有效期截止日"));
        v.ThrowIfInvalid();
        await using var content = file?.OpenReadStream();
        var result = await service.AddAsync(Actor.From(http), id, signed, from, to, remarks, file?.FileName, content, file?.Length ?? 0, ct);
        return TypedResults.Created($"/api/v1/organisations/{id}/confidentiality-agreements", result);
    }

    public sealed record VoidInput(string? Reason);

    private static async Task<Ok<AgreementsDto>> VoidAgreement(Guid id, Guid agreementId, VoidInput input, HttpContext http, ConfidentialityService service,
        CancellationToken ct) =>
        TypedResults.Ok(await service.VoidAsync(Actor.From(http), id, agreementId, input.Reason, ct));

    private static async Task<FileContentHttpResult> AgreementTemplate(Guid id, HttpContext http, ConfidentialityService service, CancellationToken ct)
    {
        var (docx, name) = await service.TemplateAsync(Actor.From(http), id, ct);
        return TypedResults.File(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }

    private static async Task<FileStreamHttpResult> AgreementFile(Guid id, Guid agreementId, HttpContext http, ConfidentialityService service, CancellationToken ct)
    {
        var (content, name) = await service.OpenAsync(Actor.From(http), id, agreementId, ct);
        return TypedResults.File(content, "application/octet-stream", name);
    }

    private static async Task<Ok<IReadOnlyList<AgreementRowDto>>> AgreementOverview(HttpContext http, ConfidentialityService service, AgreementStanding? standing,
        string? q, CancellationToken ct) =>
        TypedResults.Ok(await service.OverviewAsync(Actor.From(http), standing, q, ct));

    private static async Task<FileContentHttpResult> AgreementExport(HttpContext http, ConfidentialityService service, TimeProvider clock, AgreementStanding? standing,
        string? q, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), standing, q, ct), ExcelExport.ContentType, ExcelExport.FileName("保密协议", clock));

    private static async Task<Created<AccessGrantCreated>> Request(AccessRequestInput input, HttpContext http, AccessGrantService service, CancellationToken ct)
    {
        var created = await service.RequestAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/access-requests/{created.Id}", created);
    }

    private static async Task<Created<AccessGrantCreated>> BreakGlass(EmergencyAccessInput input, HttpContext http, AccessGrantService service, CancellationToken ct)
    {
        var created = await service.OpenEmergencyAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/access-requests/{created.Id}", created);
    }

    private static async Task<Ok<Paged<AccessGrantRowDto>>> List(HttpContext http, AccessGrantService service, AccessGrantStanding? standing, bool? emergency,
        bool? toReview, Guid? organisationId, Guid? systemId, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new AccessGrantQuery(standing, emergency, toReview, organisationId, systemId, q, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, AccessGrantService service, TimeProvider clock, AccessGrantStanding? standing,
        bool? emergency, bool? toReview, Guid? organisationId, Guid? systemId, string? q, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new AccessGrantQuery(standing, emergency, toReview, organisationId, systemId, q), ct),
            ExcelExport.ContentType, ExcelExport.FileName("访问授权", clock));

    private static async Task<Ok<IReadOnlyList<NamedDto>>> Systems(HttpContext http, AccessGrantService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ReachableSystemsAsync(Actor.From(http), ct));

    private static async Task<Ok<AccessTargetsDto>> Targets(Guid? systemId, HttpContext http, AccessGrantService service, CancellationToken ct) =>
        systemId is { } id ? TypedResults.Ok(await service.TargetsAsync(Actor.From(http), id, ct)) : throw ProblemException.Invalid("systemId", "请选择信息系统");

    private static async Task<Ok<AccessGrantDto>> Get(Guid id, HttpContext http, AccessGrantService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<AccessGrantDto>> Approve(Guid id, AccessDecisionInput input, HttpContext http, AccessGrantService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ApproveAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AccessGrantDto>> Refuse(Guid id, AccessDecisionInput input, HttpContext http, AccessGrantService service, CancellationToken ct) =>
        TypedResults.Ok(await service.RefuseAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AccessGrantDto>> Withdraw(Guid id, AccessDecisionInput input, HttpContext http, AccessGrantService service, CancellationToken ct) =>
        TypedResults.Ok(await service.WithdrawAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AccessGrantDto>> Review(Guid id, EmergencyReviewInput input, HttpContext http, AccessGrantService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ReviewAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AccessGrantDto>> Revoke(Guid id, AccessDecisionInput input, HttpContext http, AccessGrantService service, CancellationToken ct) =>
        TypedResults.Ok(await service.RevokeAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AccessCheckResult>> Check(HttpContext http, AccessCheckService service, string? @operator, string? target, string? action,
        CancellationToken ct) =>
        TypedResults.Ok(await service.CheckAsync(Actor.From(http), @operator, target, action, ct));

    private static async Task<Ok<Paged<AccessLogLineDto>>> Log(HttpContext http, AccessLogService service, Guid? systemId, Guid? organisationId, DateOnly? from,
        DateOnly? to, string? kind, bool? deniedOnly, string? @operator, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new AccessLogQuery(systemId, organisationId, from, to, kind, deniedOnly, @operator, page, pageSize), ct));

    private static async Task<FileContentHttpResult> LogExport(HttpContext http, AccessLogService service, TimeProvider clock, Guid? systemId, Guid? organisationId,
        DateOnly? from, DateOnly? to, string? kind, bool? deniedOnly, string? @operator, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new AccessLogQuery(systemId, organisationId, from, to, kind, deniedOnly, @operator), ct),
            ExcelExport.ContentType, ExcelExport.FileName("访问日志", clock));
}
