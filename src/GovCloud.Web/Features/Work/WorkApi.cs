using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Work;

public static class WorkApi
{
    public static IEndpointRouteBuilder MapWorkApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/work", Mine).WithTags("待办").WithName("ListMyWork").Allow(Access.Work)
            .WithSummary("本人的待办：每个等待本人（按角色和单位）办理的环节，含办理位置（link）和该环节的时限（clock，无时限的为 null）");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<WorkItemDto>>> Mine(HttpContext http, WorkService work, CancellationToken ct) =>
        TypedResults.Ok(await work.MineAsync(Actor.From(http), ct));
}
