using GovCloud.Domain.Organisations;
using GovCloud.Domain.Work;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Work;

/// <summary>A case as its messages name it: whose it is, its number, what it is about (e.g. 市教育局《智慧校园》云资源申请) and where to act on it.</summary>
/// <param name="IssuerId">The organisation that issued the case, when one did (a rectification notice's issuer).</param>
public sealed record CaseRef(Guid OrganisationId, string Number, string Subject, string Link, Guid? IssuerId = null);

/// <summary>
/// At a hand-over, tells everyone the case has started to wait for (by <see cref="WaitingFor"/>, comparing who waited
/// before the step with who waits after it): a message "待{step}" in each one's inbox with the link to the place to act.
/// The same rule fills 待办, so a person told is a person who finds the item on the home page. Services never address
/// "your turn" messages by hand; they only add what the step knows (a period, a reason) as <c>detail</c>.
/// </summary>
public sealed class HandoverNotices(GovCloudDbContext db, InboxService inbox)
{
    public async Task TellAsync(IReadOnlyList<Waiting> before, IReadOnlyList<Waiting> after, CaseRef @case, string? detail, CancellationToken ct)
    {
        foreach (var w in after.Except(before))
        {
            Guid? to = w.Party switch
            {
                Party.Agency => @case.OrganisationId,
                Party.County => await db.Organisations.Where(o => o.Id == @case.OrganisationId && o.Type == OrganisationType.CountyDepartment)
                    .Select(o => o.ParentId).FirstOrDefaultAsync(ct),
                Party.Center => await db.OfficeAsync(OrganisationType.Center, ct),
                Party.Bureau => await db.OfficeAsync(OrganisationType.Bureau, ct),
                Party.Issuer => @case.IssuerId,
                _ => null,
            };
            if (to is not { } recipient) continue;
            await inbox.CaseProgressAsync(recipient, w.Role, $"待{w.Action}", @case.Number, $"{@case.Subject}：请{w.Action}。{detail}", @case.Link,
                // Every hand-over is news (a case comes back to the same person): the key only has to be new, and short enough
                // for its column whatever the case's address.
                $"handover:{Guid.NewGuid():N}", ct);
        }
    }
}
