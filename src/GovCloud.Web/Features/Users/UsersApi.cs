using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Users;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("用户");
        group.MapGet("/", List).WithName("ListUsers").Allow(Access.People)
            .WithSummary("用户列表（三员看全部，其他用户只看本单位；可按用户名/姓名、单位、角色、启用、锁定筛选，分页）");
        group.MapGet("/export", Export).WithName("ExportUsers").Allow(Access.Users).WithSummary("按同样的筛选条件导出用户列表 Excel");
        group.MapGet("/{id:guid}", Get).WithName("GetUser").Allow(Access.People).WithSummary("用户详情").ProducesProblem(404);
        group.MapPost("/", Create).WithName("CreateUser").Allow(Role.SystemAdmin)
            .WithSummary("新建用户（系统管理员）：201 返回一次性密码，仅显示这一次，用户首次登录须修改；含三员角色的账号返回 202 及待审批的三员申请")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", Update).WithName("UpdateUser").Allow(Role.SystemAdmin)
            .WithSummary("修改用户姓名、联系方式、角色、启用状态（系统管理员；须带 version）；授予或撤销三员角色、停用管理员账号返回 202 及待审批的三员申请")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/reset-password", ResetPassword).WithName("ResetUserPassword").Allow(Role.SystemAdmin)
            .WithSummary("重置密码为新的一次性密码，并吊销该用户的全部令牌和会话（系统管理员）；管理员账号返回 202 及待审批的三员申请，一次性密码只给审批人");
        group.MapPost("/{id:guid}/unlock", Unlock).WithName("UnlockUser").Allow(Access.AccountSecurity).WithSummary("解除登录锁定（系统管理员、安全管理员）");
        group.MapPost("/{id:guid}/reset-second-factor", ResetSecondFactor).WithName("ResetUserSecondFactor").Allow(Role.SecurityAdmin)
            .WithSummary("重置该用户的动态口令（手机丢失等；安全管理员）：删除密钥和恢复码，结束其全部会话和令牌，用户下次登录重新绑定").ProducesProblem(409);
        group.MapPost("/{id:guid}/revoke-tokens", RevokeTokens).WithName("RevokeUserTokens").Allow(Access.AccountSecurity).WithSummary("吊销该用户的全部访问令牌（系统管理员、安全管理员）");
        return app;
    }

    public sealed record RevokedResponse(int Revoked);

    private static async Task<Ok<Paged<UserDto>>> List(HttpContext http, UserService service, string? q, Guid? organisationId,
        Role? role, bool? isActive, bool? locked, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(Actor.From(http), new UserQuery(q, organisationId, role, isActive, locked, page, pageSize), ct));

    private static async Task<FileContentHttpResult> Export(HttpContext http, UserService service, TimeProvider clock, string? q,
        Guid? organisationId, Role? role, bool? isActive, bool? locked, CancellationToken ct) =>
        TypedResults.File(await service.ExportAsync(Actor.From(http), new UserQuery(q, organisationId, role, isActive, locked), ct),
            ExcelExport.ContentType, ExcelExport.FileName("用户列表", clock));

    private static async Task<Ok<UserDto>> Get(Guid id, HttpContext http, UserService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(Actor.From(http), id, ct));

    private static async Task<Results<Created<UserWithPassword>, Accepted<AdminRequestDto>>> Create(CreateUserInput input, HttpContext http,
        UserService service, CancellationToken ct) =>
        await service.CreateAsync(Actor.From(http), input, ct) switch
        {
            { Held: { } held } => TypedResults.Accepted($"/api/v1/admin-requests/{held.Id}", held),
            var done => TypedResults.Created($"/api/v1/users/{done.Done!.User.Id}", done.Done),
        };

    private static async Task<Results<Ok<UserDto>, Accepted<AdminRequestDto>>> Update(Guid id, UpdateUserInput input, HttpContext http,
        UserService service, CancellationToken ct) =>
        await service.UpdateAsync(Actor.From(http), id, input, ct) switch
        {
            { Held: { } held } => TypedResults.Accepted($"/api/v1/admin-requests/{held.Id}", held),
            var done => TypedResults.Ok(done.Done!),
        };

    private static async Task<Results<Ok<UserWithPassword>, Accepted<AdminRequestDto>>> ResetPassword(Guid id, HttpContext http, UserService service,
        CancellationToken ct) =>
        await service.ResetPasswordAsync(Actor.From(http), id, ct) switch
        {
            { Held: { } held } => TypedResults.Accepted($"/api/v1/admin-requests/{held.Id}", held),
            var done => TypedResults.Ok(done.Done!),
        };

    private static async Task<Ok<UserDto>> Unlock(Guid id, HttpContext http, UserService service, CancellationToken ct) =>
        TypedResults.Ok(await service.UnlockAsync(Actor.From(http), id, ct));

    private static async Task<NoContent> ResetSecondFactor(Guid id, HttpContext http, Auth.SecondFactorService secondFactor, CancellationToken ct)
    {
        await secondFactor.ResetAsync(Actor.From(http), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RevokedResponse>> RevokeTokens(Guid id, HttpContext http, UserService service, CancellationToken ct) =>
        TypedResults.Ok(new RevokedResponse(await service.RevokeTokensAsync(Actor.From(http), id, ct)));
}
