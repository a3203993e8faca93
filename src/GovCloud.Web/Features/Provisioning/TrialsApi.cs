using GovCloud.Domain.Security;
using GovCloud.Domain.Provisioning;
using GovCloud.Web.Features.Applications;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovCloud.Web.Features.Provisioning;

/// <summary>The trial of an approved application lives under the application: one trial each.</summary>
public static class TrialsApi
{
    public static IEndpointRouteBuilder MapTrialsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/trials", List).WithTags("试用与开通").WithName("ListTrials").Allow(Access.CaseWorkers)
            .WithSummary("试用列表（state：AwaitingDelivery 待交付、InTrial 试用中、Live 已正式开通、Reclaimed 试用后已回收；endingSoon=true 为即将结束的试用）");
        var group = app.MapGroup("/api/v1/applications/{id:guid}/trial").WithTags("试用与开通");
        group.MapGet("/", Get).WithName("GetTrial").Allow(Access.CaseWorkers)
            .WithSummary("试用环境：交付时限、试用期、使用协议双方确认情况、试用结果、正式开通前尚缺的条件、批准的虚拟机及已交付的虚拟机").ProducesProblem(404);
        group.MapPost("/delivery", Deliver).WithName("DeliverTrial").Allow(Role.CenterOperator)
            .WithSummary("交付试用环境（中心运维人员）：逐台填写主机名、IP、实际配置（不超过批准值）、操作系统镜像、每位负责人的堡垒机账号，及试用天数（15–30 天，默认 30）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/agreement", Confirm).WithName("ConfirmUsageAgreement").Allow(Role.AgencySecurityOfficer, Role.CenterOperator)
            .WithSummary("在线确认使用协议：使用单位安全负责人确认使用单位一方，中心运维人员确认中心一方").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/agreement-file", Upload).WithName("UploadUsageAgreement").Allow(Role.AgencyOperator, Role.AgencySecurityOfficer)
            .WithSummary("上传签署的使用协议（表单字段 file、version），即确认使用单位一方")
            .DisableAntiforgery() // a bearer-token API; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/result", Result).WithName("ReportTrialResult").Allow(Role.AgencyOperator).WithSummary("报告试用结果（Passed 试用通过 / Problems 发现问题，须说明）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/extension", Extend).WithName("ExtendTrial").Allow(Role.CenterOperator).WithSummary("延长试用期（合计不超过 30 天）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/go-live", GoLive).WithName("GoLive").Allow(Role.CenterOperator)
            .WithSummary("正式开通：须双方确认使用协议且试用通过；虚拟机转为正式使用，资源池由预留转为已分配，开始计费")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/reclaim", Reclaim).WithName("ReclaimTrial").Allow(Role.CenterOperator).WithSummary("试用结束不转正式使用，回收试用资源（须说明理由）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<Paged<TrialSummaryDto>>> List(HttpContext http, TrialService trials, TrialState? state, bool? endingSoon, int? page, int? pageSize,
        CancellationToken ct) =>
        TypedResults.Ok(await trials.ListAsync(Actor.From(http), new TrialQuery(state, endingSoon, page, pageSize), ct));

    private static async Task<Ok<TrialDto>> Get(Guid id, HttpContext http, TrialService trials, CancellationToken ct) =>
        TypedResults.Ok(await trials.GetAsync(Actor.From(http), id, ct));

    private static async Task<Ok<TrialDto>> Deliver(Guid id, DeliveryInput input, HttpContext http, TrialService trials, CancellationToken ct) =>
        TypedResults.Ok(await trials.DeliverAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<TrialDto>> Confirm(Guid id, VersionInput input, HttpContext http, TrialService trials, CancellationToken ct) =>
        TypedResults.Ok(await trials.ConfirmAgreementAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<TrialDto>> Upload(Guid id, IFormFile? file, [FromForm] long? version, HttpContext http, TrialService trials, CancellationToken ct)
    {
        if (file is null) throw ProblemException.Invalid("file", "请选择签署的使用协议文件");
        await using var content = file.OpenReadStream();
        return TypedResults.Ok(await trials.UploadAgreementAsync(Actor.From(http), id, file.FileName, content, file.Length, version, ct));
    }

    private static async Task<Ok<TrialDto>> Result(Guid id, TrialResultInput input, HttpContext http, TrialService trials, CancellationToken ct) =>
        TypedResults.Ok(await trials.ReportResultAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<TrialDto>> Extend(Guid id, ExtensionInput input, HttpContext http, TrialService trials, CancellationToken ct) =>
        TypedResults.Ok(await trials.ExtendAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<TrialDto>> GoLive(Guid id, VersionInput input, HttpContext http, TrialService trials, CancellationToken ct) =>
        TypedResults.Ok(await trials.GoLiveAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<TrialDto>> Reclaim(Guid id, ReasonInput input, HttpContext http, TrialService trials, CancellationToken ct) =>
        TypedResults.Ok(await trials.ReclaimAsync(Actor.From(http), id, input, ct));
}
