using GovCloud.Domain.Security;
using GovCloud.Web.Infrastructure;
using GovCloud.Web.Infrastructure.Auth;
using GovCloud.Web.Infrastructure.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GovCloud.Web.Features.Inbox;

public sealed record NotificationDto(Guid Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public string KindName => NotificationKinds.Label(Kind);
}

public sealed record InboxList(IReadOnlyList<NotificationDto> Items, int Total, int Unread);

/// <summary>The in-app inbox, and e-mail when SMTP is configured.</summary>
public sealed class InboxService(GovCloudDbContext db, TimeProvider clock, IOptions<GovCloudOptions> options, ILogger<InboxService> log)
{
    /// <summary>
    /// Adds the message for each user who does not have one with the same key yet; the key is unique
    /// per user in the database, so a message is never delivered twice, whichever instance tries.
    /// </summary>
    public async Task<int> NotifyAsync(IReadOnlyCollection<Guid> userIds, string kind, string title, string body, string? link, string dedupKey, CancellationToken ct)
    {
        if (userIds.Count == 0) return 0;
        var already = await db.Notifications.Where(n => n.DedupKey == dedupKey && userIds.Contains(n.UserId)).Select(n => n.UserId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var userId in userIds.Except(already))
        {
            db.Notifications.Add(new Notification { UserId = userId, Kind = kind, Title = Texts.Fit(title, 200), Body = Texts.Fit(body, 2000), Link = link, DedupKey = dedupKey, CreatedAt = now });
            added++;
        }
        return added;
    }

    /// <summary>
    /// Which of these keys were sent already, to anyone: a reminder job that runs every minute asks once and skips those,
    /// instead of asking per case and user (index on the key).
    /// </summary>
    public async Task<HashSet<string>> SentKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        keys.Count == 0 ? [] : (await db.Notifications.Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>
    /// A step of a case reached the users of an organisation holding a role: "{title}：{number}", the body, a link to
    /// the case. The key makes each step's message once per user. The caller saves, with the step.
    /// </summary>
    public async Task<int> CaseProgressAsync(Guid organisation, Role role, string title, string number, string body, string link,
        string dedupKey, CancellationToken ct) =>
        await NotifyAsync(await RecipientsAsync(organisation, role, ct), NotificationKinds.CaseProgress, $"{title}：{number}", body, link, dedupKey, ct);

    /// <summary>The active users holding <paramref name="role"/> in an organisation (any organisation when null): who a message goes to.</summary>
    public async Task<IReadOnlyCollection<Guid>> RecipientsAsync(Guid? organisationId, Role role, CancellationToken ct) =>
        await db.Users.Where(u => u.IsActive && (organisationId == null || u.OrganisationId == organisationId) && u.Roles.Any(r => r.Role == role))
            .Select(u => u.Id).ToListAsync(ct);

    /// <summary>
    /// Who hears for these agencies on security matters (events, bulletins, access to their systems): each one's security
    /// officers, or its operators when it has none.
    /// One query however many agencies (a bulletin goes to every one).
    /// </summary>
    public async Task<IReadOnlyCollection<Guid>> SecurityPeopleAsync(HashSet<Guid> organisations, CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && organisations.Contains(u.OrganisationId))
            .Select(u => new
            {
                u.Id, Organisation = u.OrganisationId,
                Officer = u.Roles.Any(r => r.Role == Role.AgencySecurityOfficer), Operator = u.Roles.Any(r => r.Role == Role.AgencyOperator),
            })
            .Where(u => u.Officer || u.Operator).ToListAsync(ct);
        return people.GroupBy(u => u.Organisation)
            .SelectMany(g => g.Any(u => u.Officer) ? g.Where(u => u.Officer) : g)
            .Select(u => u.Id).ToList();
    }

    public async Task<InboxList> InboxAsync(Actor actor, bool unreadOnly, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var query = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).Skip((p - 1) * size).Take(size)
            .Select(n => new NotificationDto(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
        return new InboxList(items, total, unread);
    }

    public Task<int> UnreadCountAsync(Actor actor, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, ct);

    /// <summary>Marks one message (or, with null, all of them) as read; only the owner's messages.</summary>
    public async Task<int> MarkReadAsync(Actor actor, Guid? id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null);
        if (id is { } one)
        {
            if (!await db.Notifications.AnyAsync(n => n.Id == one && n.UserId == actor.UserId, ct)) throw ProblemException.NotFound("消息");
            query = query.Where(n => n.Id == one);
        }
        return await query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>E-mails messages of the last day that have not gone out yet, to users with an address. Off without SMTP.</summary>
    public async Task<int> SendPendingEmailsAsync(CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) return 0;
        var since = clock.GetUtcNow().AddDays(-1);
        var pending = await (from n in db.Notifications
                             join u in db.Users on n.UserId equals u.Id
                             where n.EmailedAt == null && n.CreatedAt > since && u.Email != null
                             select new { Notification = n, u.Email, u.DisplayName }).Take(200).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var sent = 0;
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            foreach (var p in pending)
            {
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
                message.To.Add(new MailboxAddress(p.DisplayName, p.Email));
                message.Subject = $"【{NotificationKinds.Label(p.Notification.Kind)}】{p.Notification.Title}";
                message.Body = new TextPart("plain") { Text = p.Notification.Body + "\n\n—— 柳州市政务云管理平台（系统邮件，请勿回复）" };
                await client.SendAsync(message, ct);
                p.Notification.EmailedAt = clock.GetUtcNow();
                sent++;
            }
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The in-app message is already there; e-mail is retried on the next sweep.
            log.LogWarning(e, "Sending notification e-mail failed after {Sent} of {Pending}", sent, pending.Count);
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
