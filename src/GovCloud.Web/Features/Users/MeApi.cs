using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Users;

public static class MeApi
{
    public sealed record MeResponse(Guid Id, string UserName, string DisplayName, MeOrganisation Organisation, IReadOnlyList<MeRole> Roles, bool MustChangePassword);
    public sealed record MeOrganisation(Guid Id, string Name, string Type);
    public sealed record MeRole(Role Code, string Name);
    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("当前用户");
        group.MapGet("/", Get).WithName("GetMe").Allow(Access.Everyone).WithSummary("当前用户、所属单位和角色");
        group.MapPost("/password", ChangePassword).WithName("ChangeMyPassword").Allow(Access.Everyone)
            .WithSummary("修改本人密码；成功后吊销本人全部访问令牌").ProducesValidationProblem();
        group.MapGet("/second-factor", SecondFactor).WithName("GetMySecondFactor").Allow(Access.People)
            .WithSummary("本人动态口令（第二因素）的状态：是否已绑定、角色是否要求、剩余恢复码");
        group.MapPost("/second-factor/setup", Setup).WithName("SetUpMySecondFactor").Allow(Access.People)
            .WithSummary("开始绑定动态口令：返回密钥、otpauth 链接、二维码（PNG，Base64）和 15 分钟内有效的 setupToken；尚不保存").ProducesProblem(409);
        group.MapPost("/second-factor/confirm", Confirm).WithName("ConfirmMySecondFactor").Allow(Access.People)
            .WithSummary("以 App 中的 6 位动态口令确认绑定（setupToken、code）；返回 10 个一次性恢复码，只返回这一次")
            .ProducesValidationProblem().ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<Auth.SecondFactorStatus>> SecondFactor(HttpContext http, Auth.SecondFactorService service, CancellationToken ct) =>
        TypedResults.Ok(await service.StatusAsync(Actor.From(http), ct));

    private static async Task<Ok<Auth.SecondFactorSetup>> Setup(HttpContext http, Auth.SecondFactorService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SetupAsync(Actor.From(http), ct));

    private static async Task<Ok<Auth.RecoveryCodes>> Confirm(Auth.SecondFactorConfirmInput input, HttpContext http, Auth.SecondFactorService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ConfirmAsync(Actor.From(http), input, ct));

    private static async Task<Ok<MeResponse>> Get(HttpContext http, UserService users, CancellationToken ct)
    {
        var actor = Actor.From(http);
        var me = await users.GetAsync(actor, actor.UserId!.Value, ct);
        var orgType = http.User.FindFirst(GovCloudClaims.OrganisationType)?.Value ?? "";
        return TypedResults.Ok(new MeResponse(me.Id, me.UserName, me.DisplayName,
            new MeOrganisation(me.OrganisationId, me.OrganisationName, orgType),
            me.Roles.Select(r => new MeRole(r, r.DisplayName())).ToList(), me.MustChangePassword));
    }

    private static async Task<NoContent> ChangePassword(ChangePasswordRequest request, HttpContext http, UserService users, CancellationToken ct)
    {
        await users.ChangeOwnPasswordAsync(Actor.From(http), request.CurrentPassword, request.NewPassword, ct);
        return TypedResults.NoContent();
    }
}
