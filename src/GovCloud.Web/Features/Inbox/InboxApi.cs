using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovCloud.Web.Features.Inbox;

public static class InboxApi
{
    public sealed record UnreadCount(int Unread);
    public sealed record MarkedRead(int Marked);

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inbox").WithTags("站内消息");
        group.MapGet("/", List).WithName("ListInbox").Allow(Access.Inbox).WithSummary("本人的站内消息，最新在前；unreadOnly=true 只看未读");
        group.MapGet("/unread-count", Count).WithName("CountUnread").Allow(Access.Inbox).WithSummary("本人未读消息数");
        group.MapPost("/{id:guid}/read", Read).WithName("MarkRead").Allow(Access.Inbox).WithSummary("标为已读").ProducesProblem(404);
        group.MapPost("/read-all", ReadAll).WithName("MarkAllRead").Allow(Access.Inbox).WithSummary("全部标为已读");
        return app;
    }

    private static async Task<Ok<InboxList>> List(HttpContext http, InboxService service, bool? unreadOnly, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.InboxAsync(Actor.From(http), unreadOnly == true, page, pageSize, ct));

    private static async Task<Ok<UnreadCount>> Count(HttpContext http, InboxService service, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await service.UnreadCountAsync(Actor.From(http), ct)));

    private static async Task<Ok<MarkedRead>> Read(Guid id, HttpContext http, InboxService service, CancellationToken ct) =>
        TypedResults.Ok(new MarkedRead(await service.MarkReadAsync(Actor.From(http), id, ct)));

    private static async Task<Ok<MarkedRead>> ReadAll(HttpContext http, InboxService service, CancellationToken ct) =>
        TypedResults.Ok(new MarkedRead(await service.MarkReadAsync(Actor.From(http), null, ct)));
}
