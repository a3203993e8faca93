using GovCloud.Domain.Monitoring;
using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Monitoring;

public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/metrics", Ingest).WithTags("运行监测").WithName("PushMetrics").Allow(Role.PlatformAgent)
            .WithSummary("云平台推送监测数据（云平台对接账号的令牌）：points 为监测点数组，每点 vm（虚拟机编号、主机名、IP 或云平台编号）、at（时间）及 cpu、memory、disk（%）、" +
                         "networkIn、networkOut（Mbps）；一次最多 10,000 点；同一虚拟机同一秒重复报送只记一次；找不到的虚拟机列在 unknownVms，不会被静默丢弃")
            .DisableAntiforgery() // a bearer-token API for the platform; a cross-site form cannot borrow the SameSite=Strict sign-in cookie
            .ProducesValidationProblem().ProducesProblem(403);
        var group = app.MapGroup("/api/v1/utilisation").WithTags("运行监测");
        group.MapGet("", Report).WithName("GetUtilisation").Allow(Access.Utilisation)
            .WithSummary("资源使用率：level=vm|system|agency|zone（虚拟机/系统/单位/网络分区），from、to 为日期（默认近30天到昨天），可按 agencyId、systemId、zone 筛选；" +
                         "分配（日均 vCPU、内存、磁盘）与使用率（按配置加权），含合计与逐日趋势；sort：name、cpuUse、memoryUse、vcpu，前加 - 为倒序")
            .ProducesValidationProblem();
        group.MapGet("/export", Export).WithName("ExportUtilisation").Allow(Access.Utilisation)
            .WithSummary("按同样的条件导出资源使用率 Excel（全部行及合计，另附逐日趋势）").ProducesValidationProblem();
        group.MapGet("/idle", Idle).WithName("ListIdleVms").Allow(Access.Utilisation)
            .WithSummary("闲置虚拟机：近30天（可配置）每天CPU使用率P95低于5%且内存低于20%的正式使用虚拟机，建议回收");
        group.MapGet("/oversized", Oversized).WithName("ListOversizedVms").Allow(Access.Utilisation)
            .WithSummary("配置过高的虚拟机及建议配置：按近30天最忙一天的P95以70%目标使用率（可配置）算出可缩减到的规格");
        group.MapGet("/proposals", Proposals).WithName("ListSizingProposals").Allow(Access.Utilisation)
            .WithSummary("资源调整建议（state：Open 待使用单位确认 / Accepted 已采纳 / Declined 未采纳），新的在前；使用单位只看本单位的");
        group.MapPost("/proposals", Propose).WithName("ProposeSizing").Allow(Access.Center)
            .WithSummary("信息化中心对闲置或配置过高的虚拟机提出调整建议：{vmId, note}；建议内容（回收或建议规格）按当时的监测数据算出，通知使用单位经办人；" +
                         "使用与配置相当或数据不足 → 409，该虚拟机已有待确认的建议 → 409")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/proposals/{id:guid}/accept", Accept).WithName("AcceptSizingProposal").Allow(Role.AgencyOperator)
            .WithSummary("使用单位经办人采纳建议：{version, reason}（reason 可省略），同时提交该系统的变更申请（回收或调整配置），此后按变更流程评估、审批、实施")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/proposals/{id:guid}/decline", Decline).WithName("DeclineSizingProposal").Allow(Role.AgencyOperator)
            .WithSummary("使用单位经办人不采纳建议：{version, reason}（须写理由），通知提出建议的运维人员")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<Infrastructure.Paged<SizingProposalDto>>> Proposals(HttpContext http, SizingProposalService proposals, GovCloud.Domain.Monitoring.SizingProposalState? state,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await proposals.ListAsync(Actor.From(http), state, page, pageSize, ct));

    private static async Task<Created<SizingProposalDto>> Propose(ProposalInput input, HttpContext http, SizingProposalService proposals, CancellationToken ct)
    {
        var created = await proposals.ProposeAsync(Actor.From(http), input, ct);
        return TypedResults.Created($"/api/v1/utilisation/proposals/{created.Id}", created);
    }

    private static async Task<Ok<SizingProposalDto>> Accept(Guid id, ProposalDecisionInput input, HttpContext http, SizingProposalService proposals, CancellationToken ct) =>
        TypedResults.Ok(await proposals.AcceptAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<SizingProposalDto>> Decline(Guid id, ProposalDecisionInput input, HttpContext http, SizingProposalService proposals, CancellationToken ct) =>
        TypedResults.Ok(await proposals.DeclineAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<MetricIngestResult>> Ingest(MetricBatch batch, HttpContext http, MetricIngest ingest, CancellationToken ct) =>
        TypedResults.Ok(await ingest.IngestAsync(Actor.From(http), batch, ct));

    private static async Task<Ok<UtilisationReport>> Report(HttpContext http, UtilisationService utilisation, string? level, DateOnly? from, DateOnly? to,
        Guid? agencyId, Guid? systemId, string? zone, string? sort, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await utilisation.ReportAsync(Actor.From(http), new UtilisationQuery(Level(level), from, to, agencyId, systemId, zone, sort, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, UtilisationService utilisation, TimeProvider clock, string? level, DateOnly? from,
        DateOnly? to, Guid? agencyId, Guid? systemId, string? zone, string? sort, CancellationToken ct)
    {
        var query = new UtilisationQuery(Level(level), from, to, agencyId, systemId, zone, sort);
        return TypedResults.File(await utilisation.ExportAsync(Actor.From(http), query, ct), ExcelExport.ContentType,
            ExcelExport.FileName($"资源使用率（按{UtilisationService.LevelName(query.Level)}）", clock));
    }

    /// <summary>level as the API names it: vm, system, agency, zone (any case); agency when not given.</summary>
    private static UtilisationLevel Level(string? level)
    {
        // By name only: Enum.TryParse would also take "7" and "vm,system".
        if (string.IsNullOrEmpty(level)) return UtilisationLevel.Agency;
        return Enum.GetValues<UtilisationLevel>().Where(l => string.Equals(l.ToString(), level, StringComparison.OrdinalIgnoreCase))
                   .Select(l => (UtilisationLevel?)l).FirstOrDefault()
               ?? throw ProblemException.Invalid("level", "统计层级只能是 vm（虚拟机）、system（信息系统）、agency（单位）、zone（网络分区）");
    }

    private static async Task<Ok<SizingReport>> Idle(HttpContext http, UtilisationService utilisation, Guid? agencyId, Guid? systemId, string? zone,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await utilisation.SizingAsync(Actor.From(http), SizingVerdict.Idle, new SizingQuery(agencyId, systemId, zone, page, pageSize), ct));

    private static async Task<Ok<SizingReport>> Oversized(HttpContext http, UtilisationService utilisation, Guid? agencyId, Guid? systemId, string? zone,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await utilisation.SizingAsync(Actor.From(http), SizingVerdict.Oversized, new SizingQuery(agencyId, systemId, zone, page, pageSize), ct));
}
