using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Users;

/// <summary>三员分立: the administrators' changes held for a second administrator (<see cref="AdminApproval"/>).</summary>
public static class AdminRequestsApi
{
    public static IEndpointRouteBuilder MapAdminRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin-requests").WithTags("三员审批");
        group.MapGet("/", List).WithName("ListAdminRequests").Allow(Access.Administrators)
            .WithSummary("三员审批申请（state：Pending 待审批 / Approved 已批准 / Rejected 未批准 / Withdrawn 已撤回），最新在前；三员均可查看");
        group.MapPost("/{id:guid}/approve", Approve).WithName("ApproveAdminRequest").Allow(Access.Administrators)
            .WithSummary("批准（须为与申请人不同的另一类管理员，不能审批自己的申请；须带 version）：变更立即生效，新建或重置的一次性密码只返回给审批人")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/reject", Reject).WithName("RejectAdminRequest").Allow(Access.Administrators)
            .WithSummary("不予批准（须说明理由；须带 version）").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawAdminRequest").Allow(Access.Administrators)
            .WithSummary("申请人撤回尚未审批的申请（须带 version）").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<Paged<AdminRequestDto>>> List(HttpContext http, UserService users, AdminRequestState? state, int? page, int? pageSize,
        CancellationToken ct) =>
        TypedResults.Ok(await users.RequestsAsync(Actor.From(http), new AdminRequestQuery(state, page, pageSize), ct));

    private static async Task<Ok<AdminDecision>> Approve(Guid id, AdminDecisionInput input, HttpContext http, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.ApproveAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AdminRequestDto>> Reject(Guid id, AdminDecisionInput input, HttpContext http, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.RejectAsync(Actor.From(http), id, input, ct));

    private static async Task<Ok<AdminRequestDto>> Withdraw(Guid id, AdminDecisionInput input, HttpContext http, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.WithdrawAsync(Actor.From(http), id, input, ct));
}
