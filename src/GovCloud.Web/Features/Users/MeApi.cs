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
        group.MapGet("/", Get).WithName("GetMe").WithSummary("当前用户、所属单位和角色");
        group.MapPost("/password", ChangePassword).WithName("ChangeMyPassword")
            .WithSummary("修改本人密码；成功后吊销本人全部访问令牌").ProducesValidationProblem();
        return app;
    }

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
