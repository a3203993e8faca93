using GovCloud.Domain.Organisations;
using GovCloud.Domain.Work;
using GovCloud.Web.Features.Inbox;
using GovCloud.Web.Features.Organisations;
using GovCloud.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace GovCloud.Web.Features.Work;

/// <summary>
/// At a hand-over, tells everyone the case has started to wait for (by <see cref="WaitingFor"/>, comparing who waited
/// before the step with who waits after it): a message in each one's inbox with the link to the place to act. The
/// same rule fills 待办, so a person told is a person who finds the item on the home page.
/// </summary>
public sealed class HandoverNotices(GovCloudDbContext db, InboxService inbox)
{
    public async Task TellAsync(IReadOnlyList<Waiting> before, IReadOnlyList<Waiting> after, Guid organisationId, string number, string subject, string link,
        CancellationToken ct)
    {
        foreach (var w in after.Except(before))
        {
            Guid? to = w.Party switch
            {
                Party.Agency => organisationId,
                Party.County => await db.Organisations.Where(o => o.Id == organisationId && o.Type == OrganisationType.CountyDepartment)
                    .Select(o => o.ParentId).FirstOrDefaultAsync(ct),
                Party.Center => await db.OfficeAsync(OrganisationType.Center, ct),
                Party.Bureau => await db.OfficeAsync(OrganisationType.Bureau, ct),
                _ => null,
            };
            if (to is not { } recipient) continue;
            await inbox.CaseProgressAsync(recipient, w.Role, $"待{w.Action}", number, $"{subject}：请{w.Action}。", link,
                $"handover:{link}:{w.Role}:{w.Action}:{Guid.NewGuid():N}", ct);
        }
    }
}
